import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Modulus, MAX_MODULUS, invMod, nttPrimes, isPrime, limbMulDivRem } from '../src/index.js';

const ref = (a: number, b: number, q: bigint) => Number((BigInt(a) * BigInt(b)) % q);

// Moduli at the edges of the supported range: the largest 50-bit NTT primes, an odd non-prime
// just below 2^50, small primes, and 2^50 − 1 itself.
const edgeModuli = [
  ...nttPrimes(8192, 50, 2),
  BigInt(MAX_MODULUS) - 1n,
  BigInt(MAX_MODULUS) - 3n,
  (1n << 49n) + 1n,
  12289n,
  3n,
];

describe('Modulus: exact double-precision modular multiplication', () => {
  for (const qb of edgeModuli) {
    const m = new Modulus(qb);
    const q = m.q;
    const edges = [0, 1, 2, q - 1, q - 2, Math.floor(q / 2), Math.floor(q / 2) + 1, Math.min(q - 1, 2 ** 26), Math.min(q - 1, 2 ** 26 - 1), Math.min(q - 1, 2 ** 25)];
    it(`mul and mulShoup agree with BigInt at the edges, q = ${qb}`, () => {
      for (const a of edges) {
        for (const b of edges) {
          assert.equal(m.mul(a, b), ref(a, b, qb), `mul(${a}, ${b})`);
          assert.equal(m.mulShoup(a, m.shoup(b)), ref(a, b, qb), `mulShoup(${a}, ${b})`);
        }
      }
    });
    it(`mul, mulShoup, mulDivRem agree with BigInt on random operands, q = ${qb}`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: qb - 1n }), fc.bigInt({ min: 0n, max: qb - 1n }), (ab, bb) => {
          const a = Number(ab), b = Number(bb);
          const want = ref(a, b, qb);
          assert.equal(m.mul(a, b), want);
          const c = m.shoup(b);
          assert.equal(m.mulShoup(a, c), want);
          const { quo, rem } = m.mulDivRem(a, c);
          assert.equal(rem, want);
          assert.equal(BigInt(quo), (ab * bb) / qb);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('mulShoup accepts any x < 2^50 (not only x < q)', () => {
    const m = new Modulus(nttPrimes(1024, 40, 1)[0]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX_MODULUS) - 1n }), fc.bigInt({ min: 0n, max: m.big - 1n }), (x, w) => {
        assert.equal(BigInt(m.mulShoup(Number(x), m.shoup(Number(w)))), (x * w) % m.big);
      }),
      { numRuns: 1000 },
    );
  });

  it('add, sub, neg, reduce, center', () => {
    const m = new Modulus(nttPrimes(8192, 50, 1)[0]);
    const q = m.q;
    assert.equal(m.add(q - 1, 1), 0);
    assert.equal(m.sub(0, 1), q - 1);
    assert.equal(m.neg(0), 0);
    assert.equal(m.neg(1), q - 1);
    assert.equal(m.reduce(-1), q - 1);
    assert.equal(m.reduce(2 ** 52 - 1), Number((2n ** 52n - 1n) % m.big));
    assert.equal(m.reduce(-(2 ** 52) + 1), Number((((-(2n ** 52n) + 1n) % m.big) + m.big) % m.big));
    assert.equal(m.center(q - 1), -1);
    assert.equal(m.reduceBig(-(10n ** 40n)), Number((((-(10n ** 40n)) % m.big) + m.big) % m.big));
  });

  it('rejects moduli out of range', () => {
    assert.throws(() => new Modulus(BigInt(MAX_MODULUS)), /Modulus out of range/);
    assert.throws(() => new Modulus(1n), /Modulus out of range/);
  });

  it('inverse and primality', () => {
    assert.equal(invMod(3n, 7n), 5n);
    assert.throws(() => invMod(2n, 4n), /not invertible/);
    // Known primes and composites (including a strong pseudoprime to several bases).
    for (const p of [2n, 3n, 12289n, 1125899906842597n, 18446744073709551557n]) assert.ok(isPrime(p), `${p}`);
    for (const c of [1n, 4n, 561n, 3215031751n, 1125899906842625n]) assert.ok(!isPrime(c), `${c}`);
  });

  it('NTT primes are prime, ≡ 1 mod 2N, decreasing, below 2^bits', () => {
    const ps = nttPrimes(8192, 50, 6);
    for (let i = 0; i < ps.length; i++) {
      assert.ok(isPrime(ps[i]));
      assert.equal(ps[i] % 16384n, 1n);
      assert.ok(ps[i] < 1n << 50n && ps[i] > 1n << 49n);
      if (i > 0) assert.ok(ps[i] < ps[i - 1]);
    }
  });

  it('limbMulDivRem: quotient and fractional remainder of x·w/q for every element (vs BigInt)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: BigInt(MAX_MODULUS) - 1n }), { minLength: 1, maxLength: 64 }), fc.constantFrom(...edgeModuli), (xs, qb) => {
        const m = new Modulus(qb);
        const w = Number(qb - 1n - (qb / 3n));
        const x = Float64Array.from(xs, Number);
        const quo = new Float64Array(x.length);
        const frac = new Float64Array(x.length).fill(0.25);
        limbMulDivRem(m, x, m.shoup(w), quo, frac);
        xs.forEach((xb, k) => {
          const p = xb * BigInt(w);
          assert.equal(BigInt(quo[k]), p / qb);
          assert.ok(Math.abs(frac[k] - 0.25 - Number(p % qb) / Number(qb)) < 1e-12);
        });
      }),
      { numRuns: 200 },
    );
  });
});
