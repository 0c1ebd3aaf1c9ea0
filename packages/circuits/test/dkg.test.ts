/**
 * The DKG circuits C0, C1, C2a/C2b, C4a/C4b, C5 on INSECURE_N512, n = 3, T = 1, over one real
 * threshold DKG (@interfold/threshold, seeded): every proof verified by its deployed verifier
 * (in-process EVM) through the chain verifier, and the rejections of issue 9, most important
 * first. Proving dominates the time: the 19 proofs of the honest transcript come from the shared
 * fixture (test/fixtures/dkg.ts: proved once, stored under a content key, reused by later runs);
 * every other case proves nothing: negative cases run the witness solver (the circuit's own
 * assertions) or the deployed verifier with other public inputs.
 */
import { test, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import type { Session, DkgResult } from '@interfold/threshold';
import { CircuitInputError, WitnessError } from '../src/errors.js';
import type { DkgCircuits, DealerProofs, ReceiverProofs, Proved } from '../src/dkg/circuits.js';
import { verifyDkgChain, type DkgTranscript } from '../src/dkg/chain.js';
import { buildC1Inputs, c1WitnessFromDealer, c1PublicList } from '../src/dkg/c1.js';
import { buildC2Inputs, c2WitnessFromSharing } from '../src/dkg/c2.js';
import { buildC4Inputs, buildC5Inputs, c4Commitments, c5PublicList, type C5Public } from '../src/dkg/aggregate.js';
import { centred, sessionField } from '../src/dkg/common.js';
import { executeProgram } from '../src/noir/execute.js';
import { commitRnsPolys } from '../src/commitments/rns.js';
import { DOMAINS } from '../src/commitments/domains.js';
import { params, provedDkg, otherSession, rogueShare as rogueShareOf } from './fixtures/dkg.js';

let session: Session;
const other = otherSession();
let dkg: DkgResult;
let zk: DkgCircuits;
let dealers: Map<number, DealerProofs>;
let receivers: Map<number, ReceiverProofs>;
let aggregate: Proved<C5Public>;
let transcript: DkgTranscript;

before(async () => {
  ({ session, dkg, zk, dealers, receivers, aggregate, transcript } = await provedDkg());
  assert.deepEqual(dkg.authorised, [1, 2, 3]);
});

after(async () => {
  await zk?.close();
});

const rejectsWitness = (p: Promise<unknown>, assertion?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof WitnessError && (!assertion || assertion.test(`${e.assertion ?? ''} ${e.message} ${e.details ?? ''}`)));

test('every proof of an honest DKG verifies on its deployed verifier; the chain yields the user-encryption pk commitment and the C6 inputs', async () => {
  const v = await verifyDkgChain(zk, session, transcript, 1);
  assert.deepEqual(v.faults, []);
  assert.ok(v.ok);
  // C5's output is exactly the user-encryption public input for the threshold key (FORMATS.md).
  assert.equal(v.pkCommitment, commitRnsPolys(DOMAINS.PK, [centred(params, dkg.pk.p0), centred(params, dkg.pk.p1)], params.moduli, params.N));
  // C4's outputs are the FORMATS.md commitments of threshold's key shares.
  for (const j of dkg.authorised) {
    const ks = dkg.keyShares.get(j)!;
    assert.deepEqual(v.keyShareCommitments.get(j), c4Commitments(params, centred(params, ks.sk), centred(params, ks.esm)));
  }
  // Proof count: 6 per node (C0, C1, C2a, C2b, C4a, C4b) + 1 (C5): linear in n.
  assert.ok(v.gasUsed > 0n);
});

test('C1: an sk coefficient of 2 is rejected (builder and circuit)', async () => {
  const party = dkg.parties.get(1)!;
  const w = c1WitnessFromDealer(session, party.witness, dkg.pkShares.get(1)!);
  const bad = { ...w, sk: w.sk.map((x, j) => (j === 5 ? 2n : x)) };
  assert.throws(() => buildC1Inputs(bad, zk.layouts.c1, zk.bind(1)), CircuitInputError);
  await rejectsWitness(executeProgram(zk.c1.circuit.program, buildC1Inputs(bad, zk.layouts.c1, zk.bind(1), false).inputs));
});

test('C1: e and esm one past their bounds are rejected by the circuit', async () => {
  const w = c1WitnessFromDealer(session, dkg.parties.get(1)!.witness, dkg.pkShares.get(1)!);
  const l = zk.layouts.c1;
  const badE = { ...w, e: w.e.map((x, j) => (j === 3 ? l.e.bound + 1n : x)) };
  await rejectsWitness(executeProgram(zk.c1.circuit.program, buildC1Inputs(badE, l, zk.bind(1), false).inputs));
  const badEsm = { ...w, esm: w.esm.map((x, j) => (j === 7 ? l.esm.bound + 1n : x)) };
  await rejectsWitness(executeProgram(zk.c1.circuit.program, buildC1Inputs(badEsm, l, zk.bind(1), false).inputs));
  const lowEsm = { ...w, esm: w.esm.map((x, j) => (j === 7 ? -l.esm.bound - 1n : x)) };
  assert.throws(() => buildC1Inputs(lowEsm, l, zk.bind(1), false), CircuitInputError); // below 0 after the shift: not even packable
});

test('C2: shares of degree T + 1 are rejected (builder and circuit)', async () => {
  const party = dkg.parties.get(1)!;
  const w1 = c1WitnessFromDealer(session, party.witness, dkg.pkShares.get(1)!);
  const w = c2WitnessFromSharing(params, w1.sk, party.witness.sharings.sk);
  // Add k^(T+1) to coefficient 0 of limb 0 of party k's share: a degree-(T+1) sharing of the same secret.
  const q = params.moduli[0]!;
  const half = (q - 1n) / 2n;
  const centre = (x: bigint) => {
    const r = ((x % q) + q) % q;
    return r > half ? r - q : r;
  };
  const shares = w.shares.map((y, k) => y.map((limb, l) => (l === 0 ? limb.map((c, j) => (j === 0 ? centre(c + BigInt(k + 1) ** BigInt(session.T + 1)) : c)) : limb)));
  const bad = { ...w, shares };
  assert.throws(() => buildC2Inputs(bad, zk.layouts.c2.sk, zk.bind(1)), CircuitInputError);
  await rejectsWitness(executeProgram(zk.c2.sk.circuit.program, buildC2Inputs(bad, zk.layouts.c2.sk, zk.bind(1), false).inputs));
  // A codeword of another secret (the esm sharing under the sk commitment) is rejected too.
  const swapped = { secret: w1.sk, shares: c2WitnessFromSharing(params, w1.esm, party.witness.sharings.esm).shares };
  await rejectsWitness(executeProgram(zk.c2.sk.circuit.program, buildC2Inputs(swapped, zk.layouts.c2.sk, zk.bind(1), false).inputs));
});

test('C4: a received share that differs from its C2 commitment is rejected', async () => {
  const party = dkg.parties.get(2)!;
  const received = dkg.authorised.map((i) => centred(params, party.revealShares(i)!.shares.sk));
  const committed = dkg.authorised.map((i) => dealers.get(i)!.c2.sk.publicInputs.shareCommitments[1]!);
  const tampered = received.map((y, k) => (k === 0 ? y.map((limb, l) => (l === 1 ? limb.map((c, j) => (j === 9 ? (c === 0n ? 1n : 0n) : c)) : limb)) : y));
  const b = buildC4Inputs(zk.layouts.sum, 'sk', tampered, zk.bind(2));
  b.inputs.share_commitments = committed.map((c) => '0x' + c.toString(16));
  await rejectsWitness(executeProgram(zk.c4.sk.circuit.program, b.inputs), /differs from its C2 commitment/);
  // And a valid C4 proof checked against another dealer's commitments is rejected by the verifier.
  const v = await verifyDkgChain(zk, session, { ...transcript, receivers: new Map([...receivers, [2, { ...receivers.get(2)!, sk: receivers.get(3)!.sk }]]) }, 1);
  assert.ok(!v.ok);
  assert.deepEqual(v.faults.map((f) => [f.party, f.step]), [[2, 'C4a']]);
});

test('rogue key: a pk share chosen after seeing the others has no C1 proof, and the key is rejected with its author excluded', async () => {
  // Party 3 wants the threshold key to be (p0*, a) for a key s* it alone knows: p0_3 = p0* − p0_1 − p0_2.
  const s3 = dkg.parties.get(3)!;
  const rogueShare = rogueShareOf({ session, dkg }, 3); // p0* = −a·sk_3 + e_3: a key party 3 alone knows
  // No small (sk, e) opens it: the C1 witness does not exist (the builder finds no exact quotient).
  assert.throws(() => c1WitnessFromDealer(session, s3.witness, rogueShare));
  // Party 3 reuses its honest C1 proof, but the aggregator sums the rogue share: the chain takes
  // p0_3's commitment from party 3's C1 proof, so no C5 over the rogue share exists (the circuit
  // rejects its witness under the C1 commitments) and a C5 proof claiming the rogue key is rejected.
  const a = centred(params, session.a);
  const rogueP0s = dkg.authorised.map((i) => centred(params, (i === 3 ? rogueShare : dkg.pkShares.get(i)!).p0));
  const rogueC5 = buildC5Inputs(zk.layouts.sum, a, rogueP0s, sessionField(session.id));
  const c1Commitments = dkg.authorised.map((i) => dealers.get(i)!.c1.publicInputs.pkShareCommitment);
  assert.notEqual(rogueC5.publicInputs.pkCommitment, aggregate.publicInputs.pkCommitment);
  await rejectsWitness(executeProgram(zk.c5.circuit.program, { ...rogueC5.inputs, pk_share_commitments: c1Commitments.map((c) => '0x' + c.toString(16)) }), /differs from its C1 commitment/);
  const rogueAggregate = { proof: aggregate.proof, publicInputs: rogueC5.publicInputs };
  const v = await verifyDkgChain(zk, session, { ...transcript, aggregate: rogueAggregate }, 1);
  assert.ok(!v.ok);
  assert.equal(v.pkCommitment, undefined);
  assert.deepEqual(v.faults.map((f) => f.step), ['C5']);
  // If instead party 3 claims the rogue share's commitment as its C1 output, its own C1 proof fails:
  const d3 = dealers.get(3)!;
  const claimed = { ...d3, c1: { ...d3.c1, publicInputs: { ...d3.c1.publicInputs, pkShareCommitment: rogueC5.publicInputs.pkShareCommitments[2]! } } };
  const v2 = await verifyDkgChain(zk, session, { ...transcript, dealers: new Map([...dealers, [3, claimed]]), aggregate: rogueAggregate }, 1);
  assert.ok(!v2.ok);
  assert.ok(v2.faults.some((f) => f.party === 3 && f.step === 'C1'));
});

test('C5: an aggregated key missing or adding a member is rejected', async () => {
  const l = zk.layouts.sum;
  const a = centred(params, session.a);
  const p0s = dkg.authorised.map((i) => centred(params, dkg.pkShares.get(i)!.p0));
  // Missing: pk0 = p0_1 + p0_2 while claiming all three shares.
  const two = buildC5Inputs({ ...l, D: 2 }, a, p0s.slice(0, 2), sessionField(session.id));
  const b = buildC5Inputs(l, a, p0s, sessionField(session.id));
  const missing = { ...b.inputs, pk0_s: two.inputs.pk0_s };
  await rejectsWitness(executeProgram(zk.c5.circuit.program, missing), /not the sum/);
  // Adding: the proof over A's shares checked against a set with one member replaced by an outsider's share.
  const outsider = commitRnsPolys(DOMAINS.C1_PK_SHARE, [centred(params, other.a)], params.moduli, params.N);
  const pub = { ...aggregate.publicInputs, pkShareCommitments: [...aggregate.publicInputs.pkShareCommitments.slice(0, 2), outsider] };
  assert.equal((await zk.c5.verify(aggregate.proof, c5PublicList(pub))).ok, false);
  assert.equal((await zk.c5.verify(aggregate.proof, c5PublicList(aggregate.publicInputs))).ok, true);
});

test('a proof replayed for another E3 or another party is rejected', async () => {
  const d1 = dealers.get(1)!;
  const c1 = d1.c1.publicInputs;
  assert.equal((await zk.c1.verify(d1.c1.proof, c1PublicList(c1))).ok, true);
  assert.equal((await zk.c1.verify(d1.c1.proof, c1PublicList({ ...c1, session: sessionField(other.id) }))).ok, false);
  assert.equal((await zk.c1.verify(d1.c1.proof, c1PublicList({ ...c1, party: 2n }))).ok, false);
  // Through the chain: party 1's dealer proofs presented as party 2's are rejected and blamed on 2.
  const v = await verifyDkgChain(zk, session, { ...transcript, dealers: new Map([...dealers, [2, d1]]) }, 1);
  assert.ok(!v.ok);
  assert.deepEqual([...new Set(v.faults.map((f) => f.party))], [2]);
  assert.ok(['C0', 'C1', 'C2a', 'C2b'].every((s) => v.faults.some((f) => f.step === s)));
  // The whole transcript checked for another session fails at every dealer step of every member.
  const w = await verifyDkgChain(zk, other, transcript, 1);
  assert.ok(!w.ok);
  assert.equal(w.faults.length, 3 * 4);
});
