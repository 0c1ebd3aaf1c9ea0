/**
 * The C1 proof slot of a key-fold E3 (issue 9; core/key-fold.ts), with real UltraHonk proofs at
 * INSECURE_N512: CircuitProofSystem proves the pk share in both targets — the EVM-target proof and
 * its noir-recursive twin (INNER_PROOF_LEN field elements over the same six public inputs) — and the
 * gate accepts the slot; a twin that claims another statement (another session, party, crp, sk,
 * esm or pk share), has the wrong length or an element ≥ p is refused at the gate, before the
 * core sees the pk share. (The twin's validity is checked only inside the aggregator's key fold:
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
import { CircuitProofSystem, c1Claims, decodeProofBundle, encodeProofBundle, type ProofItem } from '../src/proofs/index.js';
import { slotOf } from '../src/wire/envelope.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const proofs = new CircuitProofSystem({ proofCacheDir: join(resolveConfig().cacheDir, 'node-proofs') });
after(() => proofs.close());

const session = new S.Session({ params, transport, n: 3, T: 1, seed: 'c1-twin', maxInputs: 4, lambda: 30 });
const PARTY = 2;
const party = new S.DkgParty(session, PARTY, { src: new SeededSource('c1-twin/2', 'test/node') });
party.transportPublicKey();
const { pkShare } = party.generate();

const message = (proof: Uint8Array): PeerMessage => ({
  version: 1,
  chainId: 31337,
  orchestrator: zeroAddress,
  e3Id: 7n,
  phase: Phase.PkShare,
  slot: slotOf(Phase.PkShare, 0),
  sender: zeroAddress,
  payload: S.encodePkShare(params, pkShare),
  proof,
  signature: '0x',
});
const withTwin = (items: ProofItem[], twin: Partial<ProofItem>) => encodeProofBundle([items[0]!, { ...items[1]!, ...twin }]);

describe('proofs: a C1 slot with its noir-recursive twin (key-fold E3s)', () => {
  after(() => party.dispose());
  it('is proved in both targets over the same public inputs and accepted at the gate; a twin claiming another statement, of another length or with an element ≥ p is refused', async () => {
    const slot = await proofs.prove({ circuit: 'C1', session, party, pkShare, recursive: true });
    const items = decodeProofBundle(slot);
    assert.equal(items.length, 2);
    assert.equal(items[1]!.proof.length, 32 * INNER_PROOF_LEN);
    assert.deepEqual(items[1]!.publicInputs, items[0]!.publicInputs, 'the twin claims the verified statement');
    assert.equal(c1Claims(slot).twin, true);
    assert.deepEqual({ ...c1Claims(slot), twin: false }, c1Claims(encodeProofBundle([items[0]!])));
    const ctx = { session, party: PARTY };
    assert.equal(await proofs.verify(message(slot), ctx), undefined);
    // The EVM proof alone (an E3 whose key is not folded) is accepted as before.
    assert.equal(await proofs.verify(message(encodeProofBundle([items[0]!])), ctx), undefined);
    // Claimed by another party (a replay): the EVM proof itself fails first.
    assert.match(String(await proofs.verify(message(slot), { session, party: 1 })), /C1 proof rejected/);

    const pi = [...items[1]!.publicInputs];
    for (const i of [0, 1, 2, 3, 4, 5]) {
      const other = pi.map((v, k) => (k === i ? v + 1n : v));
      assert.equal(await proofs.verify(message(withTwin(items, { publicInputs: other })), ctx), 'C1 recursive proof claims other public inputs', `public input ${i}`);
    }
    assert.equal(await proofs.verify(message(withTwin(items, { publicInputs: pi.slice(0, 5) })), ctx), 'C1 recursive proof claims other public inputs');
    assert.match(String(await proofs.verify(message(withTwin(items, { proof: items[1]!.proof.subarray(32) })), ctx)), /unverifiable: A recursive proof has the wrong length/);
    const big = items[1]!.proof.slice();
    big.fill(0xff, 0, 32);
    assert.match(String(await proofs.verify(message(withTwin(items, { proof: big })), ctx)), /unverifiable: A recursive proof element is not a field element/);
    assert.equal(await proofs.verify(message(encodeProofBundle([items[0]!, items[1]!, items[1]!])), ctx), 'expected 2 proof(s), got 3');
  });
});
