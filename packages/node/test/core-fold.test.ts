/**
 * The aggregator's fold mode (core/decryption-proof.ts, mode 'fold'; issue 10) without I/O: a real
 * threshold DKG and decryption shares at INSECURE_N512 (n = 3, T = 1), the C4 links and the proof
 * slots supplied by the test. What it asserts: the key-share table is signed and counted as in the
 * per-proof mode; the FOLD statement names every linked share whose slot carries the recursive
 * twin (a slot with one proof is left out), the ciphertext and the table's commitments; the fold
 * that comes back is posted as DecryptionAggregateAdapter's bundle only if its public inputs name
 * this E3 and the attested commitments of ascending table members — each mismatch is refused with
 * a phase note and no transaction. The fold itself, with real proofs, is in slow/e2e-fold.test.ts.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { Session, runDkg, decryptionShare } from '@interfold/threshold';
import { decodeDecryptionAggregateBundle } from '@interfold/contracts';
import { decodeAbiParameters, getAddress, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ProvedDecryption, C7_SLOT } from '../src/core/decryption-proof.js';
import { signRequestDigest } from '../src/core/quorum.js';
import { signDigest } from '../src/wire/envelope.js';
import { encodeProofBundle } from '../src/proofs/bundle.js';
import type { CoreAction, ProveStatement } from '../src/types.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const E3 = 41n;
const keys = [1, 2, 3].map((i) => `0x${i.toString(16).padStart(64, '0')}` as Hex);
const accounts = keys.map((k) => privateKeyToAccount(k));
const ADAPTER = getAddress('0x00000000000000000000000000000000000000aa');
const row = (p: number) => ({ sk: 1000n + BigInt(p), esm: 2000n + BigInt(p) });
const w32 = (x: bigint) => toHex(x, { size: 32 });

const session = new Session({ params, transport, n: 3, T: 1, seed: 'core-fold', maxInputs: 4, lambda: 30 });
const dkg = runDkg(session, { sources: (id) => new SeededSource(`core-fold/${id}`, 'test/node') });
const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [5n, 7n]), new SeededSource('core-fold/ct', 'test/node'));
const shares = [1, 2, 3].map((j) => decryptionShare(params, dkg.keyShares.get(j)!, ct));
const pi = (p: number) => [11n, row(p).sk, row(p).esm, E3, BigInt(p), 90n + BigInt(p)];
/** A C6 proof slot: the EVM proof, and (fold E3s) its twin over the same public inputs. */
const slot = (p: number, twin: boolean) =>
  encodeProofBundle(twin ? [{ publicInputs: pi(p), proof: new Uint8Array([p]) }, { publicInputs: pi(p), proof: new Uint8Array(32 * 458) }] : [{ publicInputs: pi(p), proof: new Uint8Array([p]) }]);

function aggregator(twins: Record<number, boolean>, out: CoreAction[] = []) {
  const pd = new ProvedDecryption({
    mode: 'fold',
    e3Id: E3,
    chainId: 31337,
    adapter: ADAPTER,
    session,
    me: 1,
    links: { checkAttestation: () => 'ok', keyShareRow: row, shareProof: (p) => slot(p, twins[p] ?? true) },
    out,
    addressOf: (p): Address => accounts[p - 1]!.address,
    exclude: () => assert.fail('nobody is excluded here'),
  });
  pd.signTable([1, 2, 3], false);
  const sign = out.find((a) => a.kind === 'sign');
  assert.ok(sign && sign.kind === 'sign' && sign.request.primaryType === 'KeyShares');
  const digest = signRequestDigest(sign.request);
  const sig = (p: number) => signDigest(digest, Uint8Array.from(Buffer.from(keys[p - 1]!.slice(2), 'hex')));
  const own = pd.onSigned(accounts[0]!.address, sig(1));
  assert.ok(own, 'own signature counted');
  pd.onAttestation(2, { tableHash: own.tableHash, signature: sig(2) });
  pd.noteShares(shares);
  pd.turn = true;
  return { pd, out };
}

const foldOf = (o: { e3?: bigint; ids?: number[]; sk?: bigint[]; esm?: bigint[] } = {}) => {
  const ids = o.ids ?? [1, 3];
  return encodeProofBundle([
    {
      publicInputs: [o.e3 ?? E3, 11n, ...ids.map(BigInt), ...(o.sk ?? ids.map((p) => row(p).sk)), ...(o.esm ?? ids.map((p) => row(p).esm)), 0x0123n, 0x0456n],
      proof: new Uint8Array([7, 7, 7]),
    },
  ]);
};

describe('core: the decryption fold (aggregator, DecryptionAggregateAdapter)', () => {
  it('asks for the fold over every linked share with a recursive twin, with the ciphertext and the table commitments', () => {
    const { pd, out } = aggregator({ 2: false });
    assert.equal(pd.mode, 'fold');
    pd.tryPublish(undefined);
    assert.ok(!out.some((a) => a.kind === 'prove'), 'no fold without the recomputed ciphertext');
    pd.tryPublish(ct);
    const asks = out.filter((a): a is Extract<CoreAction, { kind: 'prove' }> => a.kind === 'prove');
    assert.equal(asks.length, 1);
    assert.equal(asks[0]!.slot, C7_SLOT);
    const st = asks[0]!.statement as Extract<ProveStatement, { circuit: 'FOLD' }>;
    assert.equal(st.circuit, 'FOLD');
    assert.deepEqual(st.shares.map((s) => s.party), [1, 3], 'party 2 sent no twin: left out');
    assert.equal(st.ciphertext, ct);
    assert.equal(st.e3Id, E3);
    assert.deepEqual([...st.keys].map(([p, k]) => [p, k.skCommitment, k.esmCommitment]), [1, 2, 3].map((p) => [p, row(p).sk, row(p).esm]));
    pd.tryPublish(ct);
    assert.equal(out.filter((a) => a.kind === 'prove').length, 1, 'asked once');
  });

  it('a fold that could not be proved (an empty answer) is asked again only once more shares are in', () => {
    const twins: Record<number, boolean> = { 3: false };
    const out: CoreAction[] = [];
    const { pd } = aggregator(twins, out);
    pd.tryPublish(ct);
    const asks = () => out.filter((a): a is Extract<CoreAction, { kind: 'prove' }> => a.kind === 'prove').map((a) => (a.statement as Extract<ProveStatement, { circuit: 'FOLD' }>).shares.map((s) => s.party));
    assert.deepEqual(asks(), [[1, 2]]);
    assert.equal(pd.onProved(C7_SLOT, new Uint8Array(0)), true);
    const note = out.at(-1);
    assert.ok(note?.kind === 'phase');
    assert.match(String(note.detail), /no fold over shares \{1, 2\}/);
    pd.tryPublish(ct);
    assert.deepEqual(asks(), [[1, 2]], 'not again with the same shares');
    twins[3] = true; // member 3's twin arrives
    pd.tryPublish(ct);
    assert.deepEqual(asks(), [[1, 2], [1, 2, 3]]);
    const retry = out.filter((a): a is Extract<CoreAction, { kind: 'prove' }> => a.kind === 'prove').at(-1)!.statement as Extract<ProveStatement, { circuit: 'FOLD' }>;
    assert.deepEqual(retry.failed, [1, 2], 'the prover skips the set that already failed');
  });

  it('waits for T + 1 shares with twins', () => {
    const { pd, out } = aggregator({ 2: false, 3: false });
    pd.tryPublish(ct);
    assert.ok(!out.some((a) => a.kind === 'prove'));
  });

  it('posts the fold as DecryptionAggregateAdapter’s bundle; a fold for another E3, a non-member, wrong commitments or unsorted ids is not posted', () => {
    const { pd, out } = aggregator({});
    pd.tryPublish(ct);
    const bad = [foldOf({ e3: E3 + 1n }), foldOf({ ids: [1, 4] }), foldOf({ sk: [row(1).sk, row(2).sk] }), foldOf({ esm: [row(1).esm, 5n] }), foldOf({ ids: [3, 1] })];
    for (const b of bad) {
      const before = out.length;
      assert.equal(pd.onProved(C7_SLOT, b), true);
      const added = out.slice(before);
      assert.deepEqual(added.map((a) => a.kind), ['phase'], 'refused with a note');
    }
    assert.equal(pd.onProved(C7_SLOT + 1n, foldOf()), false, 'another slot is not the fold');
    assert.equal(pd.onProved(C7_SLOT, foldOf()), true);
    const txs = out.filter((a): a is Extract<CoreAction, { kind: 'tx' }> => a.kind === 'tx');
    assert.equal(txs.length, 1);
    const tx = txs[0]!.tx;
    assert.ok(tx.fn === 'publishPlaintextOutput');
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], tx.plaintext);
    assert.deepEqual(words, [w32(0x0123n), w32(0x0456n)]);
    const bundle = decodeDecryptionAggregateBundle(tx.proof);
    assert.deepEqual(bundle.parties, [1n, 2n, 3n]);
    assert.deepEqual(bundle.skCommitments, [1, 2, 3].map((p) => w32(row(p).sk)));
    assert.deepEqual(bundle.esmCommitments, [1, 2, 3].map((p) => w32(row(p).esm)));
    assert.equal(bundle.keySignatures.length, 2, 'T + 1 KeyShares signatures');
    assert.deepEqual(bundle.ids, [1n, 3n]);
    assert.equal(bundle.foldProof, '0x070707');
    pd.onProved(C7_SLOT, foldOf());
    assert.equal(out.filter((a) => a.kind === 'tx').length, 1, 'posted once');
  });
});
