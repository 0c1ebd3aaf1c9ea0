import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource, cryptoSource } from '@interfold/ring';
import { sha3_256 } from '@noble/hashes/sha3.js';
import {
  DkgParty,
  ShareVerificationError,
  TransportKeyPair,
  checkRandomness,
  decryptionShare,
  decryptionShareWitness,
  combinationWitness,
  combineDecryptionShares,
  pkShareWitness,
  encryptLimb,
  encryptWithRandomness,
  limbPlaintext,
  sampleEncryptionRandomness,
  transportWitness,
  commonRandomPoly,
  PkShareProtocol,
  InvalidPkShareError,
  sha3,
  shareCommitment,
  polyBytes,
  COMMIT_DOMAIN,
} from '../src/index.js';
import { ByteWriter } from '@interfold/ring';
import { SMALL, dkg, session } from './helpers.js';

const { params, transport } = SMALL;

describe('share transport under individual BFV keys', () => {
  const kp = TransportKeyPair.generate(transport, 1, new SeededSource('kp', 'test'));
  const limb = params.ring.sampleUniform(new SeededSource('limb', 'test')).limbs[1];
  it('encryptWithRandomness is bfv encryption with that randomness (same stream → same ciphertext)', () => {
    const pt = limbPlaintext(transport, limb);
    const a = B.encrypt(transport, kp.pk, pt, new SeededSource('r', 'test'));
    const b = encryptWithRandomness(transport, kp.pk, pt, sampleEncryptionRandomness(transport, new SeededSource('r', 'test')));
    assert.ok(a.c0.equals(b.c0) && a.c1.equals(b.c1));
  });
  it('one limb of a share (N residues < q_j < t) is one transport plaintext and decrypts exactly', () => {
    const { ct } = encryptLimb(transport, kp.pk, limb);
    assert.deepEqual(kp.decryptLimb(ct, params.ring.moduli[1].q), limb);
  });
  it('a decrypted value ≥ q_j is a ShareVerificationError', () => {
    const big = Float64Array.from(limb);
    big[3] = params.ring.moduli[1].q + 5;
    const { ct } = encryptLimb(transport, kp.pk, big);
    assert.throws(() => kp.decryptLimb(ct, params.ring.moduli[1].q), ShareVerificationError);
  });
  it('checkRandomness rejects non-ternary u and noise above 21', () => {
    const r = sampleEncryptionRandomness(transport);
    assert.equal(checkRandomness(transport, r), null);
    assert.match(checkRandomness(transport, { ...r, u: Int32Array.from(r.u, (x, i) => (i === 0 ? 2 : x)) })!, /ternary/);
    assert.match(checkRandomness(transport, { ...r, e1: Int32Array.from(r.e1, (x, i) => (i === 0 ? 22 : x)) })!, /exceeds/);
  });
  it('the C3 witness of a transport encryption verifies (bfv checkEncryptionWitness)', () => {
    const { ct, randomness } = encryptLimb(transport, kp.pk, limb);
    assert.deepEqual(B.checkEncryptionWitness(transport, transportWitness(transport, kp.pk, ct, limb, randomness)), []);
  });
});

describe('pk shares and witnesses', () => {
  it('the common polynomial a is reproducible from the seed and differs across seeds and sets', () => {
    assert.ok(commonRandomPoly(params, 'seed').equals(commonRandomPoly(params, 'seed')));
    assert.ok(!commonRandomPoly(params, 'seed').equals(commonRandomPoly(params, 'seed2')));
    assert.notDeepEqual(commonRandomPoly(B.bfvParameters(B.INSECURE_N1024), 'seed').limbs[0].slice(0, 8), commonRandomPoly(params, 'seed').limbs[0].slice(0, 8));
  });
  it('PkShareProtocol: share = (−a·sk + e, a); checks; aggregation refuses duplicates', () => {
    const a = commonRandomPoly(params, 's');
    const proto = new PkShareProtocol(params, a);
    const sk = proto.genContribution();
    const { share, e } = proto.genShare(4, sk);
    // p0 + a·sk = e
    const as = B.phase(params, sk, new B.Ciphertext(params, [share.p0, share.p1]));
    assert.deepEqual(params.ring.toBigInts(as), Array.from(e, BigInt));
    assert.throws(() => proto.checkShare(share, 5), InvalidPkShareError);
    assert.throws(() => proto.aggregateShares([share, share]), /Two pk shares/);
    assert.throws(() => proto.aggregateShares([]), InvalidPkShareError);
  });
  it('the dealer exposes its C1/C2/C3 witnesses; the C6 witness equation holds exactly', () => {
    const r = dkg({ n: 3, T: 1, tag: 'wit' });
    const p = r.parties.get(1)!;
    const w = p.witness;
    assert.ok(w.skContribution.small && w.e.length === params.N && w.smudging.coeffs.length === params.N);
    assert.equal(w.sharings.sk.coefficients.length, 2);
    assert.equal(p.encryptionRandomness(2)!.length, 3 * params.L);
    const ct = B.encrypt(params, r.pk, B.encodeCoeffs(params, [5]));
    const k = r.keyShares.get(2)!;
    const d = decryptionShare(params, k, ct);
    for (let l = 0; l < params.L; l++) {
      const x = decryptionShareWitness(params, k, ct, d, l);
      assert.equal(x.r1.length, params.N);
      assert.equal(x.r2.length, params.N - 1);
      const q = params.moduli[l];
      // |r1| ≤ N·q/4-ish: the product of two centred limbs divided by q
      assert.ok(x.r1.every((v) => (v < 0n ? -v : v) <= (BigInt(params.N) * q) / 2n));
      const y = pkShareWitness(params, r.session.a, w.skContribution, w.e, r.pkShares.get(1)!, l);
      assert.equal(y.r2.length, params.N - 1);
      assert.ok(y.r1.every((v) => (v < 0n ? -v : v) <= BigInt(params.N)));
    }
    // a pk share that does not match sk is caught by the witness builder
    assert.throws(() => pkShareWitness(params, r.session.a, r.parties.get(2)!.witness.skContribution, w.e, r.pkShares.get(1)!, 0), /not exact/);
    const d3 = decryptionShare(params, r.keyShares.get(3)!, ct);
    const c = combineDecryptionShares(params, [d, d3], 1);
    const cw = combinationWitness(params, c);
    for (let l = 0; l < params.L; l++) cw.limbs[l].forEach((u, i) => assert.equal(u + cw.r[l][i] * params.moduli[l], cw.uGlobal[i]));
    assert.deepEqual(cw.ids, [2, 3]);
  });
  it('a party id outside the committee is refused', () => {
    assert.throws(() => new DkgParty(session({ n: 3 }), 4), /outside the committee/);
  });
});

describe('hash', () => {
  it('sha3 (node:crypto) is SHA3-256: equal to @noble/hashes on empty, short and long inputs', () => {
    for (const len of [0, 1, 135, 136, 137, 100_000]) {
      const b = cryptoSource.fill(new Uint8Array(len));
      assert.deepEqual(sha3(b), sha3_256(b));
    }
    // FIPS 202 known answer: SHA3-256("abc")
    assert.equal(Buffer.from(sha3(new TextEncoder().encode('abc'))).toString('hex'), '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
  });
});

describe('share commitments', () => {
  it('commit to domain ‖ session ‖ dealer ‖ recipient ‖ the three canonical polynomials; any change changes the digest', () => {
    const src = new SeededSource('cm', 'test');
    const t = { sk: params.ring.sampleUniform(src), esm: params.ring.sampleUniform(src), mask: params.ring.sampleUniform(src) };
    const sid = new Uint8Array(32).fill(7);
    const w = new ByteWriter().varBytes(new TextEncoder().encode(COMMIT_DOMAIN)).bytes(sid).u16(2).u16(5);
    const want = sha3(Uint8Array.from([...w.finish(), ...polyBytes(t.sk), ...polyBytes(t.esm), ...polyBytes(t.mask)]));
    const c = shareCommitment(sid, 2, 5, t);
    assert.deepEqual(c, want);
    assert.notDeepEqual(shareCommitment(sid, 2, 4, t), c);
    assert.notDeepEqual(shareCommitment(new Uint8Array(32), 2, 5, t), c);
    const esm = t.esm.clone();
    esm.limbs[1][511] = (esm.limbs[1][511] + 1) % params.ring.moduli[1].q;
    assert.notDeepEqual(shareCommitment(sid, 2, 5, { ...t, esm }), c);
  });
});
