import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { SeededSource, nttPrimes, isPrime, cryptoSource } from '@interfold/ring';
import * as B from '../src/index.js';
import { freshNoiseBound, keys, mulNoiseBound } from './helpers.js';

describe('parameter sets', () => {
  it('PRODUCTION: the four largest 50-bit NTT primes, log2 Q ≤ 218, t the least prime > 2^20 with t ≡ 1 mod 2N', () => {
    assert.deepEqual([...B.PRODUCTION.moduli], nttPrimes(8192, 50, 4));
    const p = B.bfvParameters(B.PRODUCTION);
    assert.ok(p.logQ <= 218 && p.logQ >= 199);
    assert.ok(isPrime(p.t) && p.t > 1n << 20n && p.t % 16384n === 1n);
    for (let k = (1n << 20n) / 16384n + 1n; k * 16384n + 1n < p.t; k++) assert.ok(!isPrime(k * 16384n + 1n));
    assert.ok(p.slots !== null);
    assert.equal(p.insecure, false);
  });
  it('SHARE_TRANSPORT: t exceeds every production limb and is prime', () => {
    const tr = B.bfvParameters(B.SHARE_TRANSPORT);
    for (const q of B.PRODUCTION.moduli) assert.ok(tr.t > q);
    assert.ok(isPrime(tr.t) && tr.t < 1n << 50n);
  });
  it('INSECURE test sets carry INSECURE in their names; a weak set without it is refused', () => {
    for (const lit of [B.INSECURE_N512, B.INSECURE_N1024, B.INSECURE_TRANSPORT_N512, B.INSECURE_TRANSPORT_N1024]) {
      assert.ok(lit.name.includes('INSECURE'));
      assert.equal(B.bfvParameters(lit).insecure, true);
    }
    assert.throws(() => new B.BfvParameters({ ...B.INSECURE_N1024, name: 'N1024' }), /below 128-bit security/);
  });
  it('validation: non-prime, not NTT-friendly, duplicate moduli, t not coprime, bad N', () => {
    const base = B.INSECURE_N512;
    assert.throws(() => new B.BfvParameters({ ...base, moduli: [base.moduli[0] + 2n] }), B.InvalidParameterError);
    assert.throws(() => new B.BfvParameters({ ...base, moduli: [12289n * 0n + 1125899906842597n] }), /≡ 1 mod 2N/);
    assert.throws(() => new B.BfvParameters({ ...base, moduli: [base.moduli[0], base.moduli[0]] }), /distinct/);
    assert.throws(() => new B.BfvParameters({ ...base, t: base.moduli[0] }), /coprime/);
    assert.throws(() => new B.BfvParameters({ ...base, N: 500 }), /power of two/);
    assert.throws(() => new B.BfvParameters({ ...base, t: 1n << 50n }), /Modulus out of range/);
  });
  it('parameters are frozen and serialise canonically', () => {
    const p = B.bfvParameters(B.INSECURE_N512);
    assert.ok(Object.isFrozen(B.PRODUCTION) && Object.isFrozen(B.PRODUCTION.moduli));
    const bytes = B.encodeParameters(p);
    const q = B.decodeParameters(bytes);
    assert.equal(q, p); // cached instance
    assert.deepEqual(B.encodeParameters(q), bytes);
  });
});

describe('encrypt / decrypt on every set', () => {
  for (const lit of Object.values(B.PARAMETER_SETS)) {
    it(`decrypt∘encrypt = id, ${lit.name} (coefficients; slots where available); fresh noise within 21·(2N+1)`, () => {
      const { params, sk, pk } = keys(lit);
      const t = params.t;
      const vals = Array.from({ length: params.N }, (_, i) => (BigInt(i) * 7919n * 104729n + (i === 0 ? t - 1n : 0n)) % t);
      const ct = B.encrypt(params, pk, B.encodeCoeffs(params, vals));
      assert.deepEqual(B.decodeCoeffs(B.decrypt(params, sk, ct)).map(BigInt), vals);
      const noise = B.measureNoise(params, sk, ct);
      assert.ok(noise.maxAbs <= freshNoiseBound(params.N), `noise ${noise.maxAbs}`);
      if (params.slots) {
        const sv = vals.map((v) => Number(v));
        assert.deepEqual(B.decodeSlots(B.decrypt(params, sk, B.encrypt(params, pk, B.encodeSlots(params, sv)))), sv);
      }
      const sym = B.encryptSymmetric(params, sk, B.encodeCoeffs(params, [1, -1, 5]));
      assert.deepEqual(B.decodeCoeffs(B.decrypt(params, sk, sym), { signed: true }).slice(0, 4), [1, -1, 5, 0]);
    });
  }
  it('a different secret key does not decrypt', () => {
    const { params, pk } = keys(B.INSECURE_N512);
    const other = B.genSecretKey(params, cryptoSource);
    const vals = Array.from({ length: 64 }, (_, i) => i + 1);
    const got = B.decodeCoeffs(B.decrypt(params, other, B.encrypt(params, pk, B.encodeCoeffs(params, vals)))).slice(0, 64);
    assert.notDeepEqual(got, vals);
  });
});

describe('homomorphisms (property tests, INSECURE_N512 slots)', () => {
  const { params, sk, pk } = keys(B.INSECURE_N512, 'hom');
  const rlk = B.genRelinKey(params, sk, new SeededSource('rlk'));
  const t = Number(params.t);
  const N = params.N;
  const vec = fc.array(fc.integer({ min: 0, max: t - 1 }), { minLength: N, maxLength: N });
  const enc = (v: number[]) => B.encrypt(params, pk, B.encodeSlots(params, v));
  const dec = (c: B.Ciphertext) => B.decodeSlots(B.decrypt(params, sk, c));
  const mod = (x: number) => ((x % t) + t) % t;
  it('add, sub, negate, addPlain, subPlain, mulPlain, mulScalar', () => {
    fc.assert(
      fc.property(vec, vec, fc.integer({ min: -100000, max: 100000 }), (a, b, k) => {
        const ca = enc(a), cb = enc(b);
        const pb = B.encodeSlots(params, b);
        assert.deepEqual(dec(B.add(params, ca, cb)), a.map((x, i) => mod(x + b[i])));
        assert.deepEqual(dec(B.sub(params, ca, cb)), a.map((x, i) => mod(x - b[i])));
        assert.deepEqual(dec(B.negate(params, ca)), a.map((x) => mod(-x)));
        assert.deepEqual(dec(B.addPlain(params, ca, pb)), a.map((x, i) => mod(x + b[i])));
        assert.deepEqual(dec(B.subPlain(params, ca, pb)), a.map((x, i) => mod(x - b[i])));
        assert.deepEqual(dec(B.mulPlain(params, ca, pb)), a.map((x, i) => Number((BigInt(x) * BigInt(b[i])) % params.t)));
        assert.deepEqual(dec(B.mulScalar(params, ca, k)), a.map((x) => Number((((BigInt(x) * BigInt(k)) % params.t) + params.t) % params.t)));
      }),
      { numRuns: 8 },
    );
  });
  it('mul + relinearise (and multiply alone, decrypted with s²) are slot-wise products', () => {
    fc.assert(
      fc.property(vec, vec, (a, b) => {
        const want = a.map((x, i) => Number((BigInt(x) * BigInt(b[i])) % params.t));
        const m3 = B.multiply(params, enc(a), enc(b));
        assert.equal(m3.size, 3);
        assert.deepEqual(dec(m3), want);
        const m2 = B.relinearize(params, m3, rlk);
        assert.equal(m2.size, 2);
        assert.deepEqual(dec(m2), want);
      }),
      { numRuns: 4 },
    );
  });
  it('addMany sums a tally', () => {
    const cts = Array.from({ length: 20 }, (_, j) => enc(Array.from({ length: N }, (_, i) => (i + j) % 2)));
    const sum = dec(B.addMany(params, cts));
    assert.deepEqual(sum, Array.from({ length: N }, () => 10));
  });
});

describe('production set: one multiplication with relinearisation', () => {
  it('decrypts the product; noise within the documented analytic bound', () => {
    const { params, sk, pk } = keys(B.PRODUCTION, 'prod');
    const rlk = B.genRelinKey(params, sk, new SeededSource('rlk-prod'));
    const a = Array.from({ length: params.N }, (_, i) => (i * 31 + 7) % 1000);
    const b = Array.from({ length: params.N }, (_, i) => (i * 17 + 3) % 1000);
    const ca = B.encrypt(params, pk, B.encodeSlots(params, a));
    const cb = B.encrypt(params, pk, B.encodeSlots(params, b));
    const fresh = B.measureNoise(params, sk, ca).maxAbs;
    const prod = B.mulRelin(params, ca, cb, rlk);
    assert.deepEqual(B.decodeSlots(B.decrypt(params, sk, prod)), a.map((x, i) => x * b[i]));
    const noise = B.measureNoise(params, sk, prod);
    const bound = mulNoiseBound(params, freshNoiseBound(params.N));
    assert.ok(noise.maxAbs <= bound, `measured 2^${noise.bits.toFixed(1)} > bound 2^${B.log2Big(bound).toFixed(1)}`);
    assert.ok(noise.budgetBits > 100, `budget ${noise.budgetBits}`);
    assert.ok(fresh <= freshNoiseBound(params.N));
  });
});

describe('encryption witness (for the user-encryption proof)', () => {
  it('satisfies both equations of every limb over Z[X], within the analytic bounds', () => {
    for (const lit of [B.INSECURE_N512, B.INSECURE_N1024]) {
      const { params, pk, src } = keys(lit, 'wit');
      const { ciphertext, witness } = B.encryptWithWitness(params, pk, B.encodeCoeffs(params, [3, 1, 4, 1, 5]), src);
      assert.deepEqual(B.checkEncryptionWitness(params, witness), []);
      assert.deepEqual(witness.ct0[0], B.centeredLimb(ciphertext.c0, 0));
      assert.equal(witness.r2[0].length, params.N - 1);
      assert.equal(witness.r1[0].length, params.N);
    }
  });
  it('a witness changed in one coefficient fails the check', () => {
    const { params, pk } = keys(B.INSECURE_N512, 'wit2');
    const { witness } = B.encryptWithWitness(params, pk, B.encodeCoeffs(params, [9]));
    const bad = { ...witness, e0: witness.e0.slice() };
    bad.e0[5] += 1n;
    assert.notDeepEqual(B.checkEncryptionWitness(params, bad), []);
    const bad2 = { ...witness, r2: witness.r2.map((r) => r.slice()) };
    bad2.r2[1][7] += 1n;
    assert.notDeepEqual(B.checkEncryptionWitness(params, bad2), []);
    const bad3 = { ...witness, m: witness.m.slice() };
    bad3.m[0] = params.t; // out of range
    assert.notDeepEqual(B.checkEncryptionWitness(params, bad3), []);
  });
});
