/**
 * The WebAssembly NTT kernel against the pure TypeScript reference: bit-for-bit equality of
 * forward / inverse for every size 2..16384 and moduli from tiny to the largest 50-bit NTT
 * primes, edge values, the pointwise operations against Modulus.mul / mulShoup, input
 * validation on both backends, memory growth with many live tables, and the freshness of the
 * generated kernel.ts.
 */
import { afterEach, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { InvalidParameterError, Modulus, bitReverse, invMod, nttPrimes } from '../src/index.js';
import {
  MAX_NTT_SIZE,
  NttTable,
  getNttBackend,
  isWasmAvailable,
  limbMulAddPointwise,
  limbMulPointwise,
  limbMulScalar,
  setNttBackend,
} from '../src/ntt.js';
import { kernelHeap, WasmUnavailableError } from '../src/wasm/instance.js';
import { KERNEL_BUILD_SHA256, KERNEL_SOURCE_SHA256, KERNEL_WASM_BASE64, KERNEL_WASM_SHA256 } from '../src/wasm/kernel.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const file = (rel: string): Uint8Array => readFileSync(new URL(rel, import.meta.url));

/** Deterministic PRNG for public test inputs (xorshift32; never for secrets). */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** How the input limb is filled: uniform, or edge values, or a mixture of both. */
type Fill = 'uniform' | 'zero' | 'max' | 'edges';

function limb(n: number, q: number, seed: number, fill: Fill): Float64Array {
  const next = prng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = (next() % 262144) * 4294967296 + next(); // < 2^50
    const u = r % q;
    if (fill === 'uniform') a[i] = u;
    else if (fill === 'zero') a[i] = 0;
    else if (fill === 'max') a[i] = q - 1;
    else a[i] = [0, 1, q - 1, q - 2, u][next() % 5] % q;
  }
  return a;
}

/** Bit-level equality of two Float64Arrays (distinguishes −0 from 0, unlike ===). */
function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (Buffer.compare(x, y) !== 0) {
    const i = a.findIndex((v, k) => !Object.is(v, b[k]));
    assert.fail(`${what}: differs at ${i}: ${a[i]} vs ${b[i]}`);
  }
}

/** Moduli for size N: the two largest 50-bit NTT primes, a 40- and a 30-bit one, and the smallest. */
function moduliFor(N: number): bigint[] {
  const out = [...nttPrimes(N, 50, 2), nttPrimes(N, 40, 1)[0], nttPrimes(N, 30, 1)[0]];
  for (let bits = Math.log2(2 * N) + 1; bits <= 30; bits++) {
    try {
      out.push(nttPrimes(N, bits, 1)[0]);
      break;
    } catch {
      // no prime ≡ 1 mod 2N below 2^bits: try one more bit
    }
  }
  return out;
}

const fills = fc.constantFrom<Fill>('uniform', 'uniform', 'edges', 'zero', 'max');

function withBackend<T>(b: 'js' | 'wasm', f: () => T): T {
  const before = getNttBackend();
  setNttBackend(b);
  try {
    return f();
  } finally {
    setNttBackend(before);
  }
}

describe('WebAssembly NTT kernel', () => {
  afterEach(() => setNttBackend('wasm'));

  it('kernel.ts is up to date with ntt.as.ts and build.mjs (else run `npm run build:wasm`)', () => {
    assert.equal(KERNEL_SOURCE_SHA256, sha256(file('../wasm/ntt.as.ts')), 'ntt.as.ts changed since kernel.ts was generated');
    assert.equal(KERNEL_BUILD_SHA256, sha256(file('../wasm/build.mjs')), 'build.mjs changed since kernel.ts was generated');
    assert.equal(KERNEL_WASM_SHA256, sha256(Buffer.from(KERNEL_WASM_BASE64, 'base64')), 'embedded bytes corrupted');
  });

  it('instantiates, and is the default backend unless INTERFOLD_NO_WASM=1', () => {
    assert.equal(isWasmAvailable(), true);
    if (process.env.INTERFOLD_NO_WASM !== '1') assert.equal(getNttBackend(), 'wasm');
    setNttBackend('js');
    assert.equal(getNttBackend(), 'js');
    setNttBackend('wasm');
    assert.equal(getNttBackend(), 'wasm');
    assert.throws(() => setNttBackend('gpu' as 'js'), InvalidParameterError);
  });

  it('twiddle tables are the BigInt powers ψ^brv(i) and ψ^−brv(i) (both backends read them)', () => {
    for (const N of [2, 8, 1024, 16384]) {
      for (const qb of [nttPrimes(N, 50, 1)[0], moduliFor(N).at(-1) as bigint]) {
        const t = new NttTable(N, new Modulus(qb));
        const psiInv = invMod(t.psi, qb);
        let p = 1n;
        let pi = 1n;
        for (let i = 0; i < N; i++) {
          const j = bitReverse(i, t.logN);
          assert.equal(t.twiddle(j), Number(p), `N=${N} q=${qb} i=${i}`);
          assert.equal(t.inverseTwiddle(j), Number(pi), `N=${N} q=${qb} i=${i} (inverse)`);
          p = (p * t.psi) % qb;
          pi = (pi * psiInv) % qb;
        }
      }
    }
  });

  for (let logN = 1; logN <= 14; logN++) {
    const N = 1 << logN;
    it(`forward/inverse equal the TypeScript reference bit for bit, N = ${N}`, () => {
      const runs = N <= 256 ? 12 : N <= 2048 ? 4 : 2;
      for (const qb of moduliFor(N)) {
        const m = new Modulus(qb);
        const t = new NttTable(N, m);
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fills, (seed, fill) => {
            const a = limb(N, m.q, seed, fill);
            const js = a.slice();
            t.forwardJs(js);
            const wasm = a.slice();
            withBackend('wasm', () => t.forward(wasm));
            sameBits(wasm, js, `forward N=${N} q=${qb}`);
            // inverse on an arbitrary residue vector (not only images of forward)
            const b = limb(N, m.q, seed ^ 0x5bd1e995, fill);
            const jsInv = b.slice();
            t.inverseJs(jsInv);
            const wasmInv = b.slice();
            withBackend('wasm', () => t.inverse(wasmInv));
            sameBits(wasmInv, jsInv, `inverse N=${N} q=${qb}`);
            withBackend('wasm', () => t.inverse(wasm));
            sameBits(wasm, a, `round trip N=${N} q=${qb}`);
          }),
          { numRuns: runs },
        );
      }
    });
  }

  it('the largest size 2^16 matches too (forward and round trip)', () => {
    const N = MAX_NTT_SIZE;
    const m = new Modulus(nttPrimes(N, 50, 1)[0]);
    const t = new NttTable(N, m);
    const a = limb(N, m.q, 7, 'uniform');
    const js = a.slice();
    t.forwardJs(js);
    const wasm = a.slice();
    t.forward(wasm);
    sameBits(wasm, js, 'forward 2^16');
    t.inverse(wasm);
    sameBits(wasm, a, 'round trip 2^16');
    assert.throws(() => new NttTable(2 * N, m), InvalidParameterError);
  });

  it('rejects inputs that are not N residues in [0, q), on both backends, leaving the input unchanged', () => {
    const N = 64;
    const m = new Modulus(nttPrimes(N, 50, 1)[0]);
    const t = new NttTable(N, m);
    const bad = [m.q, m.q + 1, -1, 0.5, m.q - 0.5, NaN, Infinity, -Infinity, 2 ** 52, 2 ** 53 + 2, -(2 ** 51)];
    for (const backend of ['js', 'wasm'] as const) {
      setNttBackend(backend);
      for (const v of bad) {
        for (const pos of [0, 1, 33, N - 1]) {
          const a = limb(N, m.q, pos + 1, 'uniform');
          a[pos] = v;
          const before = a.slice();
          for (const op of [() => t.forward(a), () => t.inverse(a)]) {
            assert.throws(op, (e: unknown) => e instanceof InvalidParameterError && e.message.includes(`a[${pos}]`), `${backend} ${v}@${pos}`);
            sameBits(a, before, `${backend}: input untouched after rejecting ${v}`);
          }
        }
      }
      for (const len of [0, N - 1, N + 1, 2 * N]) {
        assert.throws(() => t.forward(new Float64Array(len)), InvalidParameterError, `${backend} length ${len}`);
        assert.throws(() => t.inverse(new Float64Array(len)), InvalidParameterError, `${backend} length ${len}`);
      }
    }
    // −0 is the residue 0 (as in the TypeScript code, where −0 ≥ 0).
    const z = new Float64Array(N);
    z[3] = -0;
    t.forward(z);
    t.inverse(z);
    assert.ok(z.every((v) => v === 0));
  });

  it('pointwise multiply, multiply-accumulate and scalar multiply equal Modulus.mul / mulShoup', () => {
    const moduli = [nttPrimes(4096, 50, 1)[0], (1n << 50n) - 35n, 1125899906842597n, 12289n, 3n, 2n].map((q) => new Modulus(q));
    fc.assert(
      fc.property(
        fc.constantFrom(...moduli),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        fills,
        fc.boolean(),
        (m, n, seed, fill, wide) => {
          const q = m.q;
          const x = limb(n, q, seed, fill);
          // Modulus.mul and mulShoup accept a first operand anywhere in [0, 2^50)
          if (wide) for (let i = 0; i < n; i += 3) x[i] = [2 ** 50 - 1, q, 2 ** 49 + i][i % 3];
          const y = limb(n, q, seed + 1, fill);
          const acc = limb(n, q, seed + 2, 'edges');
          const c = m.shoup(limb(1, q, seed + 3, fill)[0]);
          const wantMul = x.map((v, i) => m.mul(v, y[i]));
          const wantAdd = acc.map((v, i) => m.add(v, wantMul[i]));
          const wantSc = x.map((v) => m.mulShoup(v, c));
          for (const backend of ['wasm', 'js'] as const) {
            setNttBackend(backend);
            const z = new Float64Array(n);
            limbMulPointwise(m, x, y, z);
            sameBits(z, wantMul, `${backend} mul q=${q}`);
            const a = acc.slice();
            limbMulAddPointwise(m, x, y, a);
            sameBits(a, wantAdd, `${backend} mulAdd q=${q}`);
            const s = new Float64Array(n);
            limbMulScalar(m, x, c, s);
            sameBits(s, wantSc, `${backend} scalar q=${q}`);
            // in place: out aliases an input
            const xi = x.slice();
            limbMulPointwise(m, xi, y, xi);
            sameBits(xi, wantMul, `${backend} mul in place`);
            const xs = x.slice();
            limbMulScalar(m, xs, c, xs);
            sameBits(xs, wantSc, `${backend} scalar in place`);
          }
        },
      ),
      { numRuns: 150 },
    );
    const m = moduli[0];
    assert.throws(() => limbMulPointwise(m, new Float64Array(4), new Float64Array(5), new Float64Array(4)));
    assert.throws(() => limbMulAddPointwise(m, new Float64Array(4), new Float64Array(4), new Float64Array(3)));
    assert.throws(() => limbMulScalar(m, new Float64Array(4), m.shoup(1), new Float64Array(8)));
  });

  it('the kernel heap hands out aligned, disjoint regions and reuses released ones', () => {
    const heap = kernelHeap();
    const a = heap.alloc(100);
    const b = heap.alloc(1);
    const c = heap.alloc(100);
    for (const p of [a, b, c]) assert.equal(p % 16, 0);
    const spans: [number, number][] = [[a, a + 112], [b, b + 16], [c, c + 112]];
    for (const [s1, e1] of spans) for (const [s2, e2] of spans) if (s1 !== s2) assert.ok(e1 <= s2 || e2 <= s1, 'disjoint');
    const stats = heap.stats();
    heap.release(a, 100);
    assert.equal(heap.stats().bytesInUse, stats.bytesInUse - 112);
    assert.equal(heap.alloc(112), a, 'same rounded size reuses the region');
    const d = heap.alloc(100);
    assert.notEqual(d, a);
    heap.release(b, 1);
    heap.release(c, 100);
    heap.release(a, 112);
    heap.release(d, 100);
    assert.equal(heap.stats().bytesInUse, stats.bytesInUse - 2 * 112 - 16);
    assert.equal(heap.stats().regionsInUse, stats.regionsInUse - 3);
  });

  it('falls back to the TypeScript path (same results) when the arena is full', () => {
    setNttBackend('wasm');
    const heap = kernelHeap();
    const alloc = heap.alloc;
    heap.alloc = () => {
      throw new WasmUnavailableError('WebAssembly memory exhausted (simulated)');
    };
    try {
      const N = 1 << 15;
      const m = new Modulus(nttPrimes(N, 50, 1)[0]);
      const t = new NttTable(N, m); // its twiddles were never uploaded
      const a = limb(N, m.q, 11, 'uniform');
      const got = a.slice();
      t.forward(got);
      const want = a.slice();
      t.forwardJs(want);
      sameBits(got, want, 'forward without kernel memory');
      t.inverse(got);
      sameBits(got, a, 'inverse without kernel memory');
      const z = new Float64Array(1 << 17); // beyond the pointwise scratch: it would have to grow
      limbMulPointwise(m, z, z, z);
      assert.ok(z.every((v) => v === 0));
    } finally {
      heap.alloc = alloc;
    }
  });

  it('the arena is fixed (views never detach); tables take regions from it and stay correct when interleaved', () => {
    setNttBackend('wasm');
    const heap = kernelHeap();
    const size = heap.size;
    const before = heap.stats().bytesInUse;
    const N = 8192;
    // a ring of 4 limbs, an auxiliary basis of 5, and 2 size-16384 tables for exact products
    const tables = [
      ...nttPrimes(N, 50, 4).map((q) => new NttTable(N, new Modulus(q))),
      ...nttPrimes(N, 40, 5).map((q) => new NttTable(N, new Modulus(q))),
      ...nttPrimes(2 * N, 50, 2).map((q) => new NttTable(2 * N, new Modulus(q))),
    ];
    const inputs = tables.map((t, i) => limb(t.N, t.modulus.q, 100 + i, 'uniform'));
    const outs = inputs.map((a) => a.slice());
    // forward all (uploads every table: memory grows), then check all against the reference
    tables.forEach((t, i) => t.forward(outs[i]));
    assert.ok(heap.stats().bytesInUse >= before + 9 * 16 * 2 * N, `regions in use grew from ${before} to ${heap.stats().bytesInUse}`);
    assert.equal(heap.size, size, 'the arena never grows');
    tables.forEach((t, i) => {
      const js = inputs[i].slice();
      t.forwardJs(js);
      sameBits(outs[i], js, `table ${i}`);
    });
    // inverse in reverse order: every table's twiddles are still intact after the growth
    for (let i = tables.length - 1; i >= 0; i--) tables[i].inverse(outs[i]);
    outs.forEach((o, i) => sameBits(o, inputs[i], `round trip table ${i}`));
  });
});
