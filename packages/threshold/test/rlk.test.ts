import { describe, it, before } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { DecodeError, MismatchError, SeededSource } from '@interfold/ring';
import {
  DepthSession,
  ProtocolError,
  RlkProtocol,
  RlkShareError,
  checkRlkRound1,
  checkRlkRound2,
  combineDecryptionShares,
  decodeRlkRound1Share,
  decodeRlkRound2Share,
  decryptionShare,
  depthNoiseBound,
  encodeRlkRound1Share,
  encodeRlkRound2Share,
  measureRlkNoise,
  relinKeyNoiseBound,
  rlkCommonPolys,
  runDkg,
  runRlk,
  type DkgResult,
  type RlkRunResult,
} from '../src/index.js';
import { MEDIUM, seeded, subsets, thresholdSecret } from './helpers.js';

const params = MEDIUM.params;
const slots = (xs: number[]) => B.encodeSlots(params, xs);

describe('threshold relinearisation key (Mouchet et al. 2021 §4.3) and depth-1 threshold decryption', () => {
  const n = 5, T = 2;
  let dkg: DkgResult;
  let run: RlkRunResult;
  before(() => {
    const session = new DepthSession({ ...MEDIUM, n, T, seed: 'rlk-e3', maxInputs: 4, lambda: 30, multiplications: 1 });
    dkg = runDkg(session, { sources: seeded('rlk') });
    run = runRlk(dkg, { sources: seeded('rlk2') });
  });

  it('gives a key in bfv RelinKey form whose noise under s = Σ sk_i is within 2ηn(Nn + 1)', () => {
    const s = thresholdSecret(dkg);
    const measured = measureRlkNoise(params, run.rlk, s);
    assert.ok(measured > 0n && measured <= relinKeyNoiseBound(params, n), `rlk noise ${measured}`);
    // and bfv's serialiser round-trips it
    const again = B.decodeRelinKey(params, B.encodeRelinKey(run.rlk));
    again.k0.forEach((p, d) => assert.ok(p.equals(run.rlk.k0[d]) && again.k1[d].equals(run.rlk.k1[d])));
  });

  it('a product of two ciphertexts under the threshold key decrypts through several T+1 subsets; noise ≤ the analytic bound', () => {
    const src = new SeededSource('users', 'test/rlk');
    const x = Array.from({ length: params.N }, (_, k) => (k * 7 + 3) % 100);
    const y = Array.from({ length: params.N }, (_, k) => (k * 13 + 1) % 50);
    const cx = B.encrypt(params, dkg.pk, slots(x), src);
    const cy = B.encrypt(params, dkg.pk, slots(y), src);
    const prod = B.mulRelin(params, cx, cy, run.rlk);
    const expected = x.map((v, k) => (v * y[k]) % Number(params.t));
    const s = thresholdSecret(dkg);
    const bound = depthNoiseBound(params, { n, maxInputs: 4, multiplications: 1, products: 1 });
    const noise = B.measureNoise(params, s, prod);
    assert.ok(noise.maxAbs <= bound, `measured 2^${noise.bits.toFixed(1)} > bound`);
    assert.equal(dkg.session.smudging.ciphertext, bound);
    const shares = new Map(dkg.authorised.map((id) => [id, decryptionShare(params, dkg.keyShares.get(id)!, prod)]));
    const sets = subsets(dkg.authorised, T + 1);
    assert.equal(sets.length, 10);
    for (const ids of [sets[0], sets[4], sets[9]]) {
      const c = combineDecryptionShares(params, ids.map((id) => shares.get(id)!), T, { ciphertext: prod });
      assert.deepEqual(B.decodeSlots(c.plaintext), expected, `subset ${ids}`);
      const phase = B.measurePhaseNoise(params, c.phase);
      const sm = dkg.session.smudging;
      assert.ok(phase.maxAbs <= sm.ciphertext + BigInt(dkg.authorised.length) * sm.perParty);
    }
  });

  it('each honest contribution satisfies its RLWE relations in the C1-committed sk_i; a bad one is detected', () => {
    const proto = run.protocol;
    const id = dkg.authorised[1];
    const party = dkg.parties.get(id)!;
    const src = new SeededSource('check', 'test/rlk');
    const u = proto.genEphemeral(src);
    const r1 = proto.genShareRound1(id, party.witness.skContribution, u, src);
    const pk = { a: dkg.session.a, share: dkg.pkShares.get(id)! };
    const w = { sk: party.witness.skContribution, ePk: party.witness.e, u, ...r1.noise };
    checkRlkRound1(proto, pk, r1.share, w);
    // made from another key than the one committed in C1
    const other = proto.genEphemeral(src);
    const bad = proto.genShareRound1(id, other, u, src);
    assert.throws(() => checkRlkRound1(proto, pk, bad.share, { ...w, ...bad.noise }), RlkShareError);
    assert.throws(() => checkRlkRound1(proto, pk, bad.share, { ...w, sk: other, ...bad.noise }), /C1/);
    // one coefficient shifted
    const h1 = r1.share.h1.map((p) => p.clone());
    h1[0].limbs[0][5] = (h1[0].limbs[0][5] + 1) % Number(params.moduli[0]);
    assert.throws(() => checkRlkRound1(proto, pk, { ...r1.share, h1 }, w), /h1\[0\]/);
    // noise out of range
    const e1 = r1.noise.e1.map((e) => e.slice());
    e1[1][0] = 22;
    assert.throws(() => checkRlkRound1(proto, pk, r1.share, { ...w, e1 }), /out of range/);
    // round 2
    const r2 = proto.genShareRound2(id, party.witness.skContribution, u, run.aggregate, src);
    const w2 = { sk: party.witness.skContribution, u, ...r2.noise };
    checkRlkRound2(proto, run.aggregate, r2.share, w2);
    const h0 = r2.share.h0.map((p) => p.clone());
    h0[2].limbs[1][0] = (h0[2].limbs[1][0] + 3) % Number(params.moduli[1]);
    assert.throws(() => checkRlkRound2(proto, run.aggregate, { ...r2.share, h0 }, w2), /h0'\[2\]/);
    assert.throws(() => checkRlkRound2(proto, run.aggregate, r2.share, { ...w2, u: other }), RlkShareError);
  });

  it('a key with a bad contribution does not relinearise (what the checks prevent)', () => {
    const proto = run.protocol;
    const src = new SeededSource('bad', 'test/rlk');
    const members = dkg.authorised.map((id) => ({ id, sk: dkg.parties.get(id)!.witness.skContribution, u: proto.genEphemeral(src) }));
    const r1 = members.map((m) => proto.genShareRound1(m.id, m.sk, m.u, src).share);
    const agg = proto.aggregateRound1(r1);
    const liar = proto.genEphemeral(src); // member 1 uses a key other than its contribution in round 2
    const r2 = members.map((m, i) => proto.genShareRound2(m.id, i === 0 ? liar : m.sk, m.u, agg, src).share);
    const rlk = proto.finalize(agg, r2);
    assert.ok(measureRlkNoise(params, rlk, thresholdSecret(dkg)) > 1n << 40n);
  });

  it('protocol errors: missing or duplicate participants, wrong party, wrong digit count', () => {
    const proto = run.protocol;
    const src = new SeededSource('errs', 'test/rlk');
    const ids = dkg.authorised;
    const sks = ids.map((id) => dkg.parties.get(id)!.witness.skContribution);
    const us = ids.map(() => proto.genEphemeral(src));
    const r1 = ids.map((id, i) => proto.genShareRound1(id, sks[i], us[i], src).share);
    const agg = proto.aggregateRound1(r1);
    const r2 = ids.map((id, i) => proto.genShareRound2(id, sks[i], us[i], agg, src).share);
    assert.throws(() => proto.finalize(agg, r2.slice(1)), ProtocolError);
    assert.throws(() => proto.aggregateRound1([r1[0], r1[0]]), RlkShareError);
    assert.throws(() => proto.aggregateRound1([]), ProtocolError);
    assert.throws(() => proto.checkShare(r1[0], ids[1]), RlkShareError);
    assert.throws(() => proto.checkShare({ ...r1[0], h0: r1[0].h0.slice(1) }), RlkShareError);
    assert.throws(() => proto.genShareRound2(99, sks[0], us[0], agg, src), ProtocolError);
    assert.throws(() => new RlkProtocol(params, rlkCommonPolys(params, 'x').slice(1)), RlkShareError);
  });

  it('serialisers round-trip; decoders reject truncation, kind, version, parameter set, digit count, ranges, party 0, trailing bytes', () => {
    const proto = run.protocol;
    const src = new SeededSource('ser', 'test/rlk');
    const id = dkg.authorised[0];
    const sk = dkg.parties.get(id)!.witness.skContribution;
    const u = proto.genEphemeral(src);
    const s1 = proto.genShareRound1(id, sk, u, src).share;
    const s2 = proto.genShareRound2(id, sk, u, run.aggregate, src).share;
    const b1 = encodeRlkRound1Share(params, s1);
    const b2 = encodeRlkRound2Share(params, s2);
    const d1 = decodeRlkRound1Share(params, b1);
    const d2 = decodeRlkRound2Share(params, b2);
    assert.equal(d1.party, id);
    s1.h0.forEach((p, d) => assert.ok(p.equals(d1.h0[d]) && s1.h1[d].equals(d1.h1[d])));
    s2.h0.forEach((p, d) => assert.ok(p.equals(d2.h0[d]) && s2.h1[d].equals(d2.h1[d])));
    assert.deepEqual(encodeRlkRound1Share(params, d1), b1);
    const mut = (b: Uint8Array, i: number, v: number) => {
      const c = b.slice();
      c[i] = v;
      return c;
    };
    assert.throws(() => decodeRlkRound1Share(params, b1.slice(0, 10)), DecodeError);
    assert.throws(() => decodeRlkRound1Share(params, b1.slice(0, b1.length - 1)), DecodeError);
    assert.throws(() => decodeRlkRound1Share(params, new Uint8Array([...b1, 0])), DecodeError);
    assert.throws(() => decodeRlkRound1Share(params, b2), /Expected a rlk round-1 share/);
    assert.throws(() => decodeRlkRound1Share(params, mut(b1, 0, 0)), /magic/);
    assert.throws(() => decodeRlkRound1Share(params, mut(b1, 2, 9)), /version/);
    assert.throws(() => decodeRlkRound1Share(B.bfvParameters(B.INSECURE_N512), b1), MismatchError);
    assert.throws(() => decodeRlkRound1Share(params, mut(mut(b1, 12, 0), 13, 0)), /party id 0/);
    assert.throws(() => decodeRlkRound1Share(params, mut(b1, 14, params.L + 1)), /digit count/);
    // first residue set to 0xff…: ≥ q_0
    const big = b1.slice();
    big.fill(0xff, 15, 15 + 7);
    assert.throws(() => decodeRlkRound1Share(params, big), /Out-of-range residue/);
  });
});

describe('depth 2 under the threshold key (INSECURE_D2_N1024)', () => {
  it('x·y·z decrypts through T+1 members, noise within the depth-2 bound', async () => {
    const { INSECURE_D2_N1024 } = await import('../src/index.js');
    const p2 = B.bfvParameters(INSECURE_D2_N1024);
    const session = new DepthSession({ params: p2, transport: MEDIUM.transport, n: 3, T: 1, seed: 'd2', maxInputs: 3, lambda: 40, multiplications: 2 });
    const dkg = runDkg(session, { sources: seeded('d2') });
    const { rlk } = runRlk(dkg, { sources: seeded('d2r') });
    const src = new SeededSource('users-d2', 'test/rlk');
    const v = [3, -5, 7];
    const cts = v.map((x) => B.encrypt(p2, dkg.pk, B.encodeCoeffs(p2, [x]), src));
    const out = B.mulRelin(p2, B.mulRelin(p2, cts[0], cts[1], rlk), cts[2], rlk);
    const s = thresholdSecret(dkg);
    assert.ok(B.measureNoise(p2, s, out).maxAbs <= session.smudging.ciphertext);
    const shares = [1, 3].map((id) => decryptionShare(p2, dkg.keyShares.get(id)!, out));
    const c = combineDecryptionShares(p2, shares, 1, { ciphertext: out });
    assert.equal(B.decodeCoeffs(c.plaintext, { signed: true })[0], -105);
  });
});
