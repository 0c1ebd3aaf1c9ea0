/**
 * The C6 proof slot of a fold E3 (issue 10; docs/node/core.md "The fold instead"), with real
 * UltraHonk proofs at INSECURE_N512: CircuitProofSystem proves the share in both targets — the
 * EVM-target proof and its noir-recursive twin (INNER_PROOF_LEN field elements over the same six
 * public inputs) — and the gate accepts the slot; a twin that claims another statement (another
 * party, E3, share or key), has the wrong length or an element ≥ p is refused at the gate, before
 * the core sees the share. (The twin's validity is checked only inside the aggregator's fold:
 * slow/e2e-fold.test.ts.) Proofs are cached on disk by content key, as in core-proofs.test.ts.
 */
import { after, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import * as S from '@interfold/threshold';
import { INNER_PROOF_LEN, resolveConfig } from '@interfold/circuits';
import { zeroAddress } from 'viem';
import { Phase, type PeerMessage } from '../src/types.js';
import { CircuitProofSystem, c6Claims, decodeProofBundle, encodeProofBundle, type ProofItem } from '../src/proofs/index.js';
import { slotOf } from '../src/wire/envelope.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const proofs = new CircuitProofSystem({ proofCacheDir: join(resolveConfig().cacheDir, 'node-proofs') });
after(() => proofs.close());

const session = new S.Session({ params, transport, n: 3, T: 1, seed: 'c6-twin', maxInputs: 4, lambda: 30 });
const dkg = S.runDkg(session, { sources: (id) => new SeededSource(`c6-twin/${id}`, 'test/node') });
const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [3n, 1n, 4n]), new SeededSource('c6-twin/ct', 'test/node'));
const E3 = 7n;
const PARTY = 2;
const share = S.decryptionShare(params, dkg.keyShares.get(PARTY)!, ct);

const message = (proof: Uint8Array): PeerMessage => ({
  version: 1,
  chainId: 31337,
  orchestrator: zeroAddress,
  e3Id: E3,
  phase: Phase.DecryptionShare,
  slot: slotOf(Phase.DecryptionShare, 0),
  sender: zeroAddress,
  payload: S.encodeDecryptionShare(params, share),
  proof,
  signature: '0x',
});
const withTwin = (items: ProofItem[], twin: Partial<ProofItem>) => encodeProofBundle([items[0]!, { ...items[1]!, ...twin }]);

describe('proofs: a C6 slot with its noir-recursive twin (fold E3s)', () => {
  it('is proved in both targets over the same public inputs and accepted at the gate; a twin claiming another statement, of another length or with an element ≥ p is refused', async () => {
    const slot = await proofs.prove({ circuit: 'C6', session, e3Id: E3, keyShare: dkg.keyShares.get(PARTY)!, ciphertext: ct, share, recursive: true });
    const items = decodeProofBundle(slot);
    assert.equal(items.length, 2);
    assert.equal(items[1]!.proof.length, 32 * INNER_PROOF_LEN);
    assert.deepEqual(items[1]!.publicInputs, items[0]!.publicInputs, 'the twin claims the verified statement');
    assert.deepEqual(c6Claims(slot), c6Claims(encodeProofBundle([items[0]!])));
    const ctx = { session, party: PARTY };
    assert.equal(await proofs.verify(message(slot), ctx), undefined);
    // The EVM proof alone (an E3 that does not fold) is accepted as before.
    assert.equal(await proofs.verify(message(encodeProofBundle([items[0]!])), ctx), undefined);

    const pi = [...items[1]!.publicInputs];
    for (const i of [1, 2, 3, 4, 5]) {
      const other = pi.map((v, k) => (k === i ? v + 1n : v));
      assert.equal(await proofs.verify(message(withTwin(items, { publicInputs: other })), ctx), 'C6 recursive proof claims other public inputs', `public input ${i}`);
    }
    assert.equal(await proofs.verify(message(withTwin(items, { publicInputs: pi.slice(0, 5) })), ctx), 'C6 recursive proof claims other public inputs');
    assert.match(String(await proofs.verify(message(withTwin(items, { proof: items[1]!.proof.subarray(32) })), ctx)), /unverifiable: A recursive proof has the wrong length/);
    const big = items[1]!.proof.slice();
    big.fill(0xff, 0, 32);
    assert.match(String(await proofs.verify(message(withTwin(items, { proof: big })), ctx)), /unverifiable: A recursive proof element is not a field element/);
    // The twin is never verified at the gate (the fold checks it): a sent twin with a flipped bit passes here.
    const flipped = items[1]!.proof.slice();
    flipped[flipped.length - 1] ^= 1;
    assert.equal(await proofs.verify(message(withTwin(items, { proof: flipped })), ctx), undefined);
  });
});
