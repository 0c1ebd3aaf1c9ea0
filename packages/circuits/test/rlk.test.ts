import { describe, it, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource, type RnsPoly } from '@interfold/ring';
import { RlkProtocol, rlkCommonPolys } from '@interfold/threshold';
import { WitnessError, CircuitInputError, DOMAINS, domainTag, pack, spongeHash, fieldToHex, c1Layout, skCommitment } from '../src/index.js';
import { RlkContributionCircuit, RlkRound2Circuit, buildRlkInputs, buildRlk2Inputs, rlkAggregateCommitment, type RlkStatement, type RlkWitness, type Rlk2Statement, type Rlk2Witness } from '../src/rlk/index.js';
import { executeProgram } from '../src/noir/execute.js';

// A tiny INSECURE ring keeps compile + execution fast in CI; the constraint counts at
// INSECURE_N512 and PRODUCTION come from `node --import tsx packages/circuits/src/rlk/measure.ts`.
const TINY = B.bfvParameters({ name: 'INSECURE_N64_RLK_TEST', N: 64, moduli: [1125899906840833n, 1125899906839937n], t: 257n, security: 'INSECURE: circuit tests only' });

function centred(p: RnsPoly): bigint[][] {
  return p.ctx.moduli.map((m, l) => Array.from(p.limbs[l], (v) => BigInt(m.center(v))));
}

describe('rlk contribution circuit (round 1 of Mouchet et al. §4.3, packages/threshold rlk.ts)', () => {
  let circuit: RlkContributionCircuit;
  let s: RlkStatement;
  let w: RlkWitness;
  before(async () => {
    circuit = await RlkContributionCircuit.compile(TINY);
    const src = new SeededSource('rlk-circuit', 'test');
    const a = rlkCommonPolys(TINY, 'e3-seed');
    const proto = new RlkProtocol(TINY, a);
    const sk = B.genSecretKey(TINY, src), u = proto.genEphemeral(src);
    const { share, noise } = proto.genShareRound1(3, sk, u, src);
    s = { session: 12345n, party: 3, a: a.map(centred), h0: share.h0.map(centred), h1: share.h1.map(centred) };
    w = { sk: Array.from(sk.small!, BigInt), u: Array.from(u.small!, BigInt), e0: noise.e0.map((e) => Array.from(e, BigInt)), e1: noise.e1.map((e) => Array.from(e, BigInt)) };
  });
  after(() => circuit?.close());

  it('every digit of an honest share satisfies the circuit; each returns the same u commitment and its digit\'s share commitment; sk is bound by C1\'s commitment', async () => {
    const us = new Set<bigint>();
    for (let d = 0; d < TINY.L; d++) {
      const r = await circuit.execute(s, w, d);
      assert.equal(r.returned.uCommitment, r.expected.uCommitment);
      assert.equal(r.returned.shareCommitment, r.expected.shareCommitment);
      // the very commitment C1 outputs for this sk (packages/circuits/src/dkg/c1.ts)
      assert.equal(r.expected.skCommitment, skCommitment(w.sk, c1Layout(TINY, 1000n)));
      us.add(r.expected.uCommitment);
    }
    assert.equal(us.size, 1);
  });

  it('rejects a share not made from the committed sk, a tampered coefficient, a wrong quotient', async () => {
    // the witness builder refuses inexact relations
    const h1 = s.h1.map((d) => d.map((l) => [...l]));
    h1[1]![0]![7] = h1[1]![0]![7]! + 1n;
    assert.throws(() => buildRlkInputs(circuit.layout, { ...s, h1 }, w, 1), CircuitInputError);
    assert.throws(() => buildRlkInputs(circuit.layout, s, w, 2), CircuitInputError);
    // the circuit itself, on inputs tampered after building
    const good = buildRlkInputs(circuit.layout, s, w, 1).inputs;
    // digit 1's share claimed as digit 0 (the gadget sits in another limb)
    await assert.rejects(executeProgram(circuit.program, { ...good, digit: fieldToHex(0n) }), WitnessError);
    await assert.rejects(executeProgram(circuit.program, { ...good, digit: fieldToHex(2n) }), (e: unknown) => e instanceof WitnessError && /digit out of range/.test(String((e as WitnessError).details)));
    const otherSk = { ...good, sk_commitment: fieldToHex(spongeHash(domainTag(DOMAINS.C1_SK), pack(w.sk.map((x) => (x === 0n ? 2n : x + 1n)), 2))) };
    await assert.rejects(executeProgram(circuit.program, otherSk), (e: unknown) => e instanceof WitnessError && /C1-committed/.test(String((e as WitnessError).details)));
    const r2 = [...(good.r2 as string[])];
    r2[0] = fieldToHex(BigInt(r2[0]!) + 1n);
    await assert.rejects(executeProgram(circuit.program, { ...good, r2 }), (e: unknown) => e instanceof WitnessError && /identity fails/.test(String((e as WitnessError).details)));
    const e_s = [...(good.e_s as string[])];
    e_s[0] = fieldToHex(43n); // |e| = 22 > 21
    await assert.rejects(executeProgram(circuit.program, { ...good, e_s }), WitnessError);
    const a_s = [...(good.a_s as string[])];
    a_s[0] = fieldToHex(BigInt(a_s[0]!) + 1n);
    await assert.rejects(executeProgram(circuit.program, { ...good, a_s }), (e: unknown) => e instanceof WitnessError && /rlk polynomial/.test(String((e as WitnessError).details)));
  });

  it('a real UltraHonk proof of a round-1 share digit verifies on the deployed verifier; another session, party, digit, sk, share, or a flipped bit does not', async () => {
    const { proof, publicInputs } = await circuit.prove(s, w, 0);
    const ok = await circuit.verify(proof, publicInputs);
    assert.equal(ok.ok, true, ok.reason);
    assert.ok(ok.gasUsed > 0n);
    console.log(`rlk_contribution (N = 64, L = 2): proof verified on chain, ${ok.gasUsed} gas`);
    for (const [what, pub] of [
      ['another E3 session', { ...publicInputs, session: publicInputs.session + 1n }],
      ['another party (a replayed share)', { ...publicInputs, party: publicInputs.party + 1n }],
      ['another digit', { ...publicInputs, digit: 1n }],
      ['another C1 sk commitment', { ...publicInputs, skCommitment: publicInputs.skCommitment + 1n }],
      ['another share', { ...publicInputs, shareCommitment: publicInputs.shareCommitment + 1n }],
      ['other common polynomials', { ...publicInputs, crpCommitment: publicInputs.crpCommitment + 1n }],
    ] as const) {
      assert.equal((await circuit.verify(proof, pub)).ok, false, what);
    }
    const flipped = proof.proof.slice();
    flipped[flipped.length - 100]! ^= 0x01;
    assert.equal((await circuit.verify({ ...proof, proof: flipped }, publicInputs)).ok, false, 'a flipped bit');
  });
});

describe('rlk round-2 circuit (round 2 of Mouchet et al. §4.3 on the round-1 aggregate)', () => {
  let circuit: RlkRound2Circuit;
  let s: Rlk2Statement;
  let w: Rlk2Witness;
  let round1U: bigint;
  before(async () => {
    circuit = await RlkRound2Circuit.compile(TINY);
    const src = new SeededSource('rlk-round2-circuit', 'test');
    const proto = new RlkProtocol(TINY, rlkCommonPolys(TINY, 'e3-seed'));
    const parties = [1, 2, 3].map((id) => ({ id, sk: B.genSecretKey(TINY, src), u: proto.genEphemeral(src) }));
    const round1 = parties.map((p) => proto.genShareRound1(p.id, p.sk, p.u, src));
    const agg = proto.aggregateRound1(round1.map((r) => r.share));
    const me = parties[1]!;
    const { share, noise } = proto.genShareRound2(me.id, me.sk, me.u, agg, src);
    s = { session: 12345n, party: me.id, agg0: agg.h0.map(centred), agg1: agg.h1.map(centred), h0: share.h0.map(centred), h1: share.h1.map(centred) };
    w = { sk: Array.from(me.sk.small!, BigInt), u: Array.from(me.u.small!, BigInt), e2: noise.e2.map((e) => Array.from(e, BigInt)), e3: noise.e3.map((e) => Array.from(e, BigInt)) };
    // what this party's round-1 proof committed u to (the link the verifier checks)
    const r1 = round1[1]!;
    const l1 = (await RlkContributionCircuit.compile(TINY)).layout;
    round1U = buildRlkInputs(l1, { session: 12345n, party: me.id, a: rlkCommonPolys(TINY, 'e3-seed').map(centred), h0: r1.share.h0.map(centred), h1: r1.share.h1.map(centred) }, { sk: w.sk, u: w.u, e0: r1.noise.e0.map((e) => Array.from(e, BigInt)), e1: r1.noise.e1.map((e) => Array.from(e, BigInt)) }, 0).pub.uCommitment;
  });
  after(() => circuit?.close());

  it('every digit of an honest round-2 share satisfies the circuit over C1\'s sk and round 1\'s u; each returns its share commitment', async () => {
    for (let d = 0; d < TINY.L; d++) {
      const r = await circuit.execute(s, w, d);
      assert.equal(r.returned.shareCommitment, r.expected.shareCommitment);
      assert.equal(r.expected.skCommitment, skCommitment(w.sk, c1Layout(TINY, 1000n)));
      assert.equal(r.expected.uCommitment, round1U);
      assert.equal(r.expected.aggCommitment, rlkAggregateCommitment(circuit.layout, s.agg0[d]!, s.agg1[d]!));
    }
  });

  it('rejects a share on another aggregate, with another u or sk, a tampered coefficient, noise past its bound', async () => {
    const h0 = s.h0.map((d) => d.map((l) => [...l]));
    h0[0]![1]![5] = h0[0]![1]![5]! + 1n;
    assert.throws(() => buildRlk2Inputs(circuit.layout, { ...s, h0 }, w, 0), CircuitInputError);
    // a share made with another u than round 1 committed: the witness is consistent, the link is not
    const otherU = w.u.map((x, k) => (k === 0 ? (x === 1n ? -1n : x + 1n) : x));
    assert.throws(() => buildRlk2Inputs(circuit.layout, s, { ...w, u: otherU }, 0), CircuitInputError);
    const good = buildRlk2Inputs(circuit.layout, s, w, 0).inputs;
    const agg_s = [...(good.agg_s as string[])];
    agg_s[3] = fieldToHex(BigInt(agg_s[3]!) + 1n);
    await assert.rejects(executeProgram(circuit.program, { ...good, agg_s }), (e: unknown) => e instanceof WitnessError && /round-1 aggregate/.test(String((e as WitnessError).details)));
    const uC = fieldToHex(spongeHash(domainTag('ifold/rlk/u/1'), pack(otherU.map((x) => x + 1n), 2)));
    await assert.rejects(executeProgram(circuit.program, { ...good, u_commitment: uC }), (e: unknown) => e instanceof WitnessError && /round-1 ephemeral/.test(String((e as WitnessError).details)));
    const otherSk = fieldToHex(spongeHash(domainTag(DOMAINS.C1_SK), pack(w.sk.map((x) => (x === 0n ? 2n : x + 1n)), 2)));
    await assert.rejects(executeProgram(circuit.program, { ...good, sk_commitment: otherSk }), (e: unknown) => e instanceof WitnessError && /C1-committed/.test(String((e as WitnessError).details)));
    const r2 = [...(good.r2 as string[])];
    r2[1] = fieldToHex(BigInt(r2[1]!) + 1n);
    await assert.rejects(executeProgram(circuit.program, { ...good, r2 }), (e: unknown) => e instanceof WitnessError && /identity fails/.test(String((e as WitnessError).details)));
    const e_s = [...(good.e_s as string[])];
    e_s[2] = fieldToHex(43n);
    await assert.rejects(executeProgram(circuit.program, { ...good, e_s }), WitnessError);
  });

  it('a real UltraHonk proof of a round-2 share digit verifies on the deployed verifier; another session, party, digit, aggregate, sk, u, share or a flipped bit does not', async () => {
    const { proof, publicInputs } = await circuit.prove(s, w, 1);
    const ok = await circuit.verify(proof, publicInputs);
    assert.equal(ok.ok, true, ok.reason);
    console.log(`rlk_round2 (N = 64, L = 2): proof verified on chain, ${ok.gasUsed} gas`);
    for (const [what, pub] of [
      ['another E3 session', { ...publicInputs, session: publicInputs.session + 1n }],
      ['another party', { ...publicInputs, party: publicInputs.party + 1n }],
      ['another digit', { ...publicInputs, digit: 0n }],
      ['another round-1 aggregate', { ...publicInputs, aggCommitment: publicInputs.aggCommitment + 1n }],
      ['another C1 sk commitment', { ...publicInputs, skCommitment: publicInputs.skCommitment + 1n }],
      ['another round-1 u commitment', { ...publicInputs, uCommitment: publicInputs.uCommitment + 1n }],
      ['another share', { ...publicInputs, shareCommitment: publicInputs.shareCommitment + 1n }],
    ] as const) {
      assert.equal((await circuit.verify(proof, pub)).ok, false, what);
    }
    const flipped = proof.proof.slice();
    flipped[flipped.length - 100]! ^= 0x01;
    assert.equal((await circuit.verify({ ...proof, proof: flipped }, publicInputs)).ok, false, 'a flipped bit');
  });
});
