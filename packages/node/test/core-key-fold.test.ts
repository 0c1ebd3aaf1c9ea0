/**
 * The key fold on the daemons' path (core/key-fold.ts; issue 9) without I/O: a real threshold DKG
 * at INSECURE_N512 (n = 3, T = 1), the C1 proof slots and signatures supplied by the test. What it
 * asserts: a member's own C1 slot makes it sign EIP-712 PkShare over the commitment its C1 output
 * (the same digest as contracts' signPkShare, which PkAggregateAdapter checks); a peer passes the
 * KeyGate only with a twin in its C1 slot and a PkShare signature by its own account over that
 * commitment — each other case is a fault with the signed envelopes as evidence; the aggregator
 * asks for the fold over A once, on its turn; the fold that comes back is posted as
 * PkAggregateAdapter's bundle only if its public inputs name this session, crp, A, the signed
 * commitments and this node's key — each mismatch is refused with a phase note and no
 * transaction. The fold itself, with real proofs, is in slow/e2e-fold.test.ts.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { Session, runDkg } from '@interfold/threshold';
import { crpCommitment, INNER_PROOF_LEN, sessionField } from '@interfold/circuits';
import { decodePkAggregateBundle, signPkShare } from '@interfold/contracts';
import { getAddress, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ProvedKey, PKFOLD_SLOT, type KeyFoldPublication } from '../src/core/key-fold.js';
import { encodeProofBundle } from '../src/proofs/bundle.js';
import { slotOf } from '../src/wire/envelope.js';
import { encodePkShareSignature, type PkShareSignature } from '../src/wire/payloads.js';
import { Phase, type CoreAction, type PeerMessage } from '../src/types.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const E3 = 43n;
const CHAIN = 31337;
const keys = [1, 2, 3].map((i) => `0x${(i + 10).toString(16).padStart(64, '0')}` as Hex);
const accounts = keys.map((k) => privateKeyToAccount(k));
const ADAPTER = getAddress('0x00000000000000000000000000000000000000bb');
const w32 = (x: bigint) => toHex(x, { size: 32 });

const session = new Session({ params, transport, n: 3, T: 1, seed: 'core-key-fold', maxInputs: 4, lambda: 30 });
const dkg = runDkg(session, { sources: (id) => new SeededSource(`core-key-fold/${id}`, 'test/node') });
const SID = sessionField(session.id);
const CRP = crpCommitment(params, session.a);
const pkc = (p: number) => 500n + BigInt(p);
const PK = { bytes: '0x1234' as Hex, commitment: w32(777n) };
const pi = (p: number, o: { pk?: bigint } = {}) => [SID, BigInt(p), CRP, 100n + BigInt(p), 200n + BigInt(p), o.pk ?? pkc(p)];

const msg = (phase: number, p: number, payload: Uint8Array, proof: Uint8Array = new Uint8Array(0)): PeerMessage => ({
  version: 1,
  chainId: CHAIN,
  orchestrator: zeroAddress,
  e3Id: E3,
  phase: phase as PeerMessage['phase'],
  slot: slotOf(phase as PeerMessage['phase'], 0),
  sender: accounts[p - 1]!.address,
  payload,
  proof,
  signature: `0x${'11'.repeat(65)}`,
});
/** A C1 slot: the EVM proof and (key-fold E3s) its twin over the same public inputs. */
const c1 = (p: number, o: { twin?: boolean; pk?: bigint } = {}) =>
  msg(
    Phase.PkShare,
    p,
    new Uint8Array([p]),
    encodeProofBundle(o.twin === false ? [{ publicInputs: pi(p, o), proof: new Uint8Array([p]) }] : [{ publicInputs: pi(p, o), proof: new Uint8Array([p]) }, { publicInputs: pi(p, o), proof: new Uint8Array(32 * INNER_PROOF_LEN) }]),
  );
const signed = async (p: number, o: { by?: number; commitment?: bigint; e3?: bigint; party?: number } = {}): Promise<PkShareSignature> => {
  const commitment = w32(o.commitment ?? pkc(p));
  const signature = await signPkShare(accounts[(o.by ?? p) - 1]!, { chainId: CHAIN, adapter: ADAPTER, e3Id: o.e3 ?? E3, party: BigInt(o.party ?? p), session: w32(SID), pkShareCommitment: commitment });
  return { pkShareCommitment: commitment, signature };
};

function member(me: number, out: CoreAction[] = []) {
  const k = new ProvedKey({ e3Id: E3, chainId: CHAIN, adapter: ADAPTER, session, me, out, addressOf: (p): Address => accounts[p - 1]!.address });
  return { k, out };
}

/** Member 1 with its own C1 signed and both peers' C1 and signatures in. */
async function aggregator(out: CoreAction[] = []) {
  const { k } = member(1, out);
  k.onOwnC1(c1(1).proof);
  const own = await signed(1);
  assert.ok(k.onSigned(accounts[0]!.address, own.signature));
  const peers = new Map<number, PeerMessage>();
  for (const p of [2, 3]) {
    peers.set(p, c1(p));
    const s = await signed(p);
    k.onSignature(p, s, msg(Phase.PkShareSignature, p, encodePkShareSignature(s)));
  }
  const publication: KeyFoldPublication = { authorised: [3, 1, 2], pkShare: (p) => dkg.pkShares.get(p), c1Message: (p) => peers.get(p), pk: PK };
  return { k, out, publication };
}

const foldOf = (o: { ids?: number[]; pk?: bigint; sid?: bigint; crp?: bigint; pkcs?: bigint[] } = {}) => {
  const ids = o.ids ?? [1, 2, 3];
  return encodeProofBundle([{ publicInputs: [o.sid ?? SID, o.crp ?? CRP, ...ids.map(BigInt), ...(o.pkcs ?? ids.map(pkc)), o.pk ?? 777n], proof: new Uint8Array([9, 9, 9]) }]);
};

describe('core: the key fold (PkAggregateAdapter)', () => {
  it('signs PkShare over its own C1 commitment once, as contracts’ signPkShare does; a signature by another key is not taken', async () => {
    const { k, out } = member(2);
    assert.equal(k.check(2, undefined), 'pending');
    k.onOwnC1(c1(2).proof);
    k.onOwnC1(c1(2, { pk: 1n }).proof); // a second C1 answer changes nothing
    const asks = out.filter((a) => a.kind === 'sign');
    assert.equal(asks.length, 1);
    const a = asks[0]!;
    assert.ok(a.kind === 'sign' && a.id === 'pkshare' && a.request.primaryType === 'PkShare');
    assert.deepEqual(a.request.message, { e3Id: E3, party: 2n, session: w32(SID), pkShareCommitment: w32(pkc(2)) });
    assert.equal(a.request.domain.verifyingContract, ADAPTER);
    const mine = await signed(2);
    assert.equal(k.onSigned(accounts[1]!.address, (await signed(2, { by: 3 })).signature), undefined, 'a signature by another key');
    assert.equal(k.onSigned(accounts[1]!.address, (await signed(2, { e3: E3 + 1n })).signature), undefined, 'a signature for another E3');
    assert.equal(k.check(2, undefined), 'pending');
    assert.deepEqual(k.onSigned(accounts[1]!.address, mine.signature), mine);
    assert.equal(k.onSigned(accounts[1]!.address, mine.signature), undefined, 'gossiped once');
    assert.equal(k.check(2, undefined), 'ok');
  });

  it('KeyGate: a peer passes only with a twin and its own signature over its C1 commitment; else a fault with the signed evidence', async () => {
    const { k } = member(1);
    const sigMsg = (p: number, s: PkShareSignature) => msg(Phase.PkShareSignature, p, encodePkShareSignature(s));
    assert.equal(k.check(2, c1(2)), 'pending', 'no signature yet');
    const s2 = await signed(2);
    k.onSignature(2, s2, sigMsg(2, s2));
    assert.equal(k.check(2, undefined), 'pending', 'no C1 yet');
    const noTwin = k.check(2, c1(2, { twin: false }));
    assert.ok(typeof noTwin === 'object' && /no recursive twin/.test(noTwin.reason) && noTwin.evidence.length === 1);
    const other = k.check(2, c1(2, { pk: 1n }));
    assert.ok(typeof other === 'object' && /another commitment/.test(other.reason) && other.evidence.length === 2);
    assert.equal(k.check(2, c1(2)), 'ok');
    // Signed by member 1's key, for another party number, or for another E3: not member 3's signature.
    for (const [what, o] of [['by member 1', { by: 1 }], ['for party 2', { party: 2 }], ['for another E3', { e3: E3 + 1n }]] as const) {
      const { k: k3 } = member(1);
      const s = await signed(3, o);
      k3.onSignature(3, s, sigMsg(3, s));
      const v = k3.check(3, c1(3));
      assert.ok(typeof v === 'object' && /not by the member/.test(v.reason), what);
    }
    // The first signature a member gossips is the one that counts.
    const { k: k4 } = member(1);
    const bad = await signed(3, { by: 1 });
    k4.onSignature(3, bad, sigMsg(3, bad));
    const good = await signed(3);
    k4.onSignature(3, good, sigMsg(3, good));
    assert.equal(typeof k4.check(3, c1(3)), 'object');
  });

  it('the aggregator asks for the fold over A (ascending) once, on its turn, with each member’s C1 slot and pk share', async () => {
    const { k, out, publication } = await aggregator();
    k.tryProve(publication);
    assert.equal(out.filter((a) => a.kind === 'prove').length, 0, 'not its turn');
    k.turn = true;
    k.tryProve(publication);
    k.tryProve(publication);
    const asks = out.filter((a) => a.kind === 'prove');
    assert.equal(asks.length, 1);
    const a = asks[0]!;
    assert.ok(a.kind === 'prove' && a.slot === PKFOLD_SLOT && a.statement.circuit === 'PKFOLD');
    if (a.kind !== 'prove' || a.statement.circuit !== 'PKFOLD') return;
    assert.deepEqual(a.statement.authorised, [1, 2, 3]);
    assert.deepEqual(a.statement.proofs, [c1(1).proof, c1(2).proof, c1(3).proof]);
    assert.deepEqual(a.statement.pkShares, [1, 2, 3].map((p) => dkg.pkShares.get(p)));
  });

  it('posts the key with the adapter’s bundle only for a fold over this session, crp, A, the signed commitments and its own key', async () => {
    const bad: [string, Uint8Array][] = [
      ['another key', foldOf({ pk: 778n })],
      ['another session', foldOf({ sid: SID + 1n })],
      ['another crp', foldOf({ crp: CRP + 1n })],
      ['another A', foldOf({ ids: [1, 2] })],
      ['another pk-share commitment', foldOf({ pkcs: [pkc(1), pkc(2), 1n] })],
      ['no proof (the fold failed)', new Uint8Array(0)],
    ];
    for (const [what, proof] of bad) {
      const { k, out, publication } = await aggregator();
      k.turn = true;
      k.tryProve(publication);
      assert.equal(k.onProved(PKFOLD_SLOT, proof, publication), true);
      assert.equal(out.filter((a) => a.kind === 'tx').length, 0, what);
      assert.ok(out.some((a) => a.kind === 'phase' && /not posted/.test(a.detail ?? '')), what);
    }
    const { k, out, publication } = await aggregator();
    assert.equal(k.onProved(slotOf(Phase.DecryptionAttestation, 1), foldOf(), publication), false, 'another slot is not the fold’s');
    k.turn = true;
    k.tryProve(publication);
    assert.equal(k.onProved(PKFOLD_SLOT, foldOf(), publication), true);
    k.onProved(PKFOLD_SLOT, foldOf(), publication);
    const txs = out.filter((a) => a.kind === 'tx');
    assert.equal(txs.length, 1, 'posted once');
    const tx = txs[0]!;
    assert.ok(tx.kind === 'tx' && tx.tx.fn === 'publishPublicKey');
    if (tx.kind !== 'tx' || tx.tx.fn !== 'publishPublicKey') return;
    assert.equal(tx.tx.publicKey, PK.bytes);
    assert.equal(tx.tx.pkCommitment, PK.commitment);
    const b = decodePkAggregateBundle(tx.tx.proof);
    assert.equal(b.session, w32(SID));
    assert.equal(b.crpCommitment, w32(CRP));
    assert.deepEqual(b.ids, [1n, 2n, 3n]);
    assert.deepEqual(b.pkShareCommitments, [1, 2, 3].map((p) => w32(pkc(p))));
    assert.deepEqual(b.shareSignatures, await Promise.all([1, 2, 3].map(async (p) => (await signed(p)).signature)));
    assert.equal(b.foldProof, '0x090909');
  });

  it('nothing is asked or posted once the key is on chain', async () => {
    const { k, out, publication } = await aggregator();
    k.turn = true;
    k.onChain = true;
    k.tryProve(publication);
    assert.equal(k.onProved(PKFOLD_SLOT, foldOf(), publication), true);
    assert.equal(out.filter((a) => a.kind === 'prove' || a.kind === 'tx').length, 0);
  });
});
