import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Modulus, NttTable, bitReverse, nttPrimes, powMod, SeededSource, sampleUniformInto } from '../src/index.js';

/** Schoolbook negacyclic product over Z_q with BigInt: the definition the NTT must match. */
function negacyclicRef(a: Float64Array, b: Float64Array, q: bigint): bigint[] {
  const N = a.length;
  const c = new Array<bigint>(N).fill(0n);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const p = BigInt(a[i]) * BigInt(b[j]);
      if (i + j < N) c[i + j] += p;
      else c[i + j - N] -= p;
    }
  }
  return c.map((x) => ((x % q) + q) % q);
}

describe('NttTable: negacyclic NTT', () => {
  it('ψ is the least primitive 2N-th root of unity (canonical choice), q = 12289, N = 8', () => {
    const t = new NttTable(8, new Modulus(12289n));
    assert.equal(powMod(t.psi, 8n, 12289n), 12288n); // ψ^N = −1: primitive 16th root
    for (let g = 2n; g < t.psi; g++) assert.notEqual(powMod(g, 8n, 12289n), 12288n, `smaller root ${g}`);
  });

  for (const [N, bits] of [
    [8, 20],
    [16, 50],
    [64, 50],
    [256, 30],
  ] as const) {
    const q = nttPrimes(N, bits, 1)[0];
    const m = new Modulus(q);
    const t = new NttTable(N, m);
    it(`NTT output i is a(ψ^(2·brv(i)+1)) — evaluation at the odd powers, N = ${N}, ${bits}-bit q`, () => {
      const a = sampleUniformInto(new Float64Array(N), m, new SeededSource(`eval${N}`));
      const A = a.slice();
      t.forward(A);
      const logN = Math.log2(N);
      for (let i = 0; i < N; i++) {
        const x = powMod(t.psi, BigInt(2 * bitReverse(i, logN) + 1), q);
        let acc = 0n;
        for (let k = N - 1; k >= 0; k--) acc = (acc * x + BigInt(a[k])) % q;
        assert.equal(BigInt(A[i]), acc, `index ${i}`);
      }
    });
    it(`NTT-multiplication equals the schoolbook negacyclic product, N = ${N}`, () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const src = new SeededSource(`mul${seed}`);
          const a = sampleUniformInto(new Float64Array(N), m, src);
          const b = sampleUniformInto(new Float64Array(N), m, src);
          const want = negacyclicRef(a, b, q);
          const A = a.slice(), B = b.slice();
          t.forward(A);
          t.forward(B);
          for (let k = 0; k < N; k++) A[k] = m.mul(A[k], B[k]);
          t.inverse(A);
          assert.deepEqual(Array.from(A, BigInt), want);
        }),
        { numRuns: N <= 64 ? 30 : 5 },
      );
    });
  }

  it('forward then inverse is the identity at N = 8192 with the largest 50-bit prime, incl. edge values', () => {
    const q = nttPrimes(8192, 50, 1)[0];
    const m = new Modulus(q);
    const t = new NttTable(8192, m);
    const a = sampleUniformInto(new Float64Array(8192), m, new SeededSource('rt'));
    a[0] = 0;
    a[1] = m.q - 1;
    a[8191] = m.q - 1;
    const b = a.slice();
    t.forward(b);
    t.inverse(b);
    assert.deepEqual(b, a);
  });

  it('the monomial X maps to the odd powers of ψ; the constant 1 maps to all ones', () => {
    const N = 32;
    const q = nttPrimes(N, 40, 1)[0];
    const t = new NttTable(N, new Modulus(q));
    const one = new Float64Array(N);
    one[0] = 1;
    t.forward(one);
    assert.ok(one.every((v) => v === 1));
    const x = new Float64Array(N);
    x[1] = 1;
    t.forward(x);
    for (let i = 0; i < N; i++) assert.equal(BigInt(x[i]), powMod(t.psi, BigInt(2 * bitReverse(i, 5) + 1), q));
  });

  it('rejects sizes that are not powers of two and moduli without a 2N-th root', () => {
    assert.throws(() => new NttTable(12, new Modulus(12289n)), /power of two/);
    assert.throws(() => new NttTable(8192, new Modulus(12289n)), /root of unity/);
  });
});
