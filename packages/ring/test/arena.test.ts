/**
 * Polynomials resident in the WebAssembly arena (wasm/arena.ts, scope.ts): every operation on
 * arena polynomials equals the TypeScript reference on JS-heap polynomials bit for bit (property
 * tests), mixed storage works, a rejected NTT leaves resident data unchanged, `free` and scopes
 * return every byte (10^5 operations, allocator statistics before and after), and a full arena
 * falls back to the JS heap with the same results.
 */
import { afterEach, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  BaseConverter,
  InvalidParameterError,
  MismatchError,
  RingContext,
  RnsBasis,
  RnsPoly,
  SeededSource,
  kernelHeap,
  limbAccumulateScaled,
  limbAddWide,
  limbMulDivRem,
  limbReduceCentered,
  Modulus,
  nttPrimes,
  polyAdd,
  polyMulAddPointwise,
  polyMulPointwise,
  polyMulScalar,
  polyNeg,
  polySub,
  scalarConstants,
  setNttBackend,
  withPolyScope,
} from '../src/index.js';
import { WasmUnavailableError } from '../src/wasm/instance.js';

/** Bit-level equality (distinguishes −0 from 0). */
function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (Buffer.compare(x, y) !== 0) {
    const i = a.findIndex((v, k) => !Object.is(v, b[k]));
    assert.fail(`${what}: differs at ${i}: ${a[i]} vs ${b[i]}`);
  }
}

/** A JS-heap copy of p (the reference path's operand). */
const onHeap = (p: RnsPoly): RnsPoly => new RnsPoly(p.ctx, p.data.slice(), p.isNtt);

const rings = [2, 16, 256, 1024].map((N) => new RingContext(N, nttPrimes(N, 50, 3)));

/** Edge-heavy residues: 0, 1, q−1 and uniform values mixed, from a seeded (public) source. */
function polyFrom(ctx: RingContext, seed: number, isNtt = false): RnsPoly {
  const p = ctx.sampleUniform(new SeededSource(new Uint8Array(32).fill(seed & 0xff).map((v, i) => v ^ (seed >>> (i % 24)))), isNtt);
  ctx.moduli.forEach((m, i) => {
    const l = p.limb(i);
    for (let k = seed % 7; k < ctx.N; k += 7) l[k] = [0, 1, m.q - 1][k % 3];
  });
  return p;
}

describe('arena-resident polynomials', () => {
  // The arena belongs to the 'wasm' backend (also when the process started with INTERFOLD_NO_WASM=1).
  before(() => setNttBackend('wasm'));
  afterEach(() => setNttBackend('wasm'));

  it('are allocated in the arena by default and free their region', () => {
    const ctx = rings[2];
    const before = kernelHeap().stats();
    const p = ctx.zero();
    assert.equal(p.resident, true);
    assert.ok(p.data.every((v) => v === 0));
    assert.equal(kernelHeap().stats().bytesInUse, before.bytesInUse + 8 * ctx.L * ctx.N);
    const l0 = p.limb(0);
    p.free();
    p.free(); // idempotent
    assert.equal(kernelHeap().stats().bytesInUse, before.bytesInUse);
    assert.equal(p.data.length, 0);
    assert.equal(l0.length, ctx.N, 'a view taken before free still exists (the caller must not use it)');
    const q = ctx.zero();
    assert.throws(() => polyAdd(p, p, q), MismatchError, 'use after free is an error, not a read of reused memory');
    assert.throws(() => p.toNtt(), InvalidParameterError);
    q.free();
  });

  it('every operation equals the TypeScript reference on JS-heap operands, bit for bit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rings), fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 1, max: 0x7fffffff }), fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), (ctx, s1, s2, c) => {
        const a = polyFrom(ctx, s1);
        const b = polyFrom(ctx, s2);
        assert.ok(a.resident && b.resident);
        const k = scalarConstants(ctx, c);
        // arena (wasm backend, in place)
        const got = {
          add: polyAdd(a, b), sub: polySub(a, b), neg: polyNeg(a), scalar: polyMulScalar(a, k),
          aNtt: a.clone().toNtt(), bNtt: b.clone().toNtt(),
        };
        const mul = polyMulPointwise(got.aNtt, got.bNtt);
        const mac = got.aNtt.clone();
        polyMulAddPointwise(mac, got.aNtt, got.bNtt);
        const back = mul.clone().fromNtt();
        const inPlace = a.clone();
        polyAdd(inPlace, b, inPlace);
        // reference: JS heap, TypeScript backend
        setNttBackend('js');
        const ra = onHeap(a), rb = onHeap(b);
        const raNtt = onHeap(ra).toNtt(), rbNtt = onHeap(rb).toNtt();
        assert.equal(raNtt.resident, false);
        const want = {
          add: polyAdd(ra, rb, onHeap(ra)), sub: polySub(ra, rb, onHeap(ra)), neg: polyNeg(ra, onHeap(ra)),
          scalar: polyMulScalar(ra, k, onHeap(ra)), aNtt: raNtt, bNtt: rbNtt,
        };
        const wmul = polyMulPointwise(raNtt, rbNtt, onHeap(raNtt));
        const wmac = onHeap(raNtt);
        polyMulAddPointwise(wmac, raNtt, rbNtt);
        const wback = onHeap(wmul).fromNtt();
        setNttBackend('wasm');
        for (const key of Object.keys(want) as (keyof typeof want)[]) sameBits(got[key].data, want[key].data, `${key} N=${ctx.N}`);
        sameBits(mul.data, wmul.data, 'mulPointwise');
        sameBits(mac.data, wmac.data, 'mulAddPointwise');
        sameBits(back.data, wback.data, 'fromNtt');
        sameBits(inPlace.data, want.add.data, 'add in place');
        for (const p of [a, b, mul, mac, back, inPlace, ...Object.values(got)]) p.free();
      }),
      { numRuns: 60 },
    );
  });

  it('the RNS helpers (wide add, centered reduction, quotient and remainder, scaled sums) equal the reference', () => {
    const moduli = [...nttPrimes(1024, 50, 2), nttPrimes(1024, 40, 1)[0], 12289n, 3n].map((q) => new Modulus(q));
    fc.assert(
      fc.property(fc.constantFrom(...moduli), fc.constantFrom(...moduli), fc.integer({ min: 0, max: 257 }), fc.integer({ min: 1, max: 0x7fffffff }), (mi, mj, n, seed) => {
        let s = seed;
        const next = (): number => ((s = (s * 1103515245 + 12345) >>> 0), s);
        const uni = (q: number): number => ((next() % 262144) * 4294967296 + next()) % q;
        const edge = (q: number): number => [0, 1, q - 1, Math.floor(q / 2), Math.floor(q / 2) + 1, uni(q)][next() % 6];
        withPolyScope((scope) => {
          // arena buffers (scope.f64) against plain JS arrays under the 'js' backend
          const arena = (f: (k: number) => number): Float64Array => { const a = scope.f64(n); for (let k = 0; k < n; k++) a[k] = f(k); return a; };
          const x = arena(() => edge(mi.q));
          const wide = arena(() => (next() & 1 ? edge(mi.q) : mi.q + edge(mi.q)));
          const frac = arena(() => next() / 2 ** 32);
          const c = mi.shoup(edge(mi.q));
          const got = { add: scope.f64(n), red: scope.f64(n), quo: scope.f64(n) };
          const gfrac = scope.f64(n); gfrac.set(frac);
          const gacc = scope.f64(n); gacc.set(frac);
          limbAddWide(mi, x, wide, got.add);
          limbReduceCentered(mi, mj, x, got.red);
          limbMulDivRem(mi, x, c, got.quo, gfrac);
          limbAccumulateScaled(x, 1 / mi.q, gacc);
          setNttBackend('js');
          const want = { add: new Float64Array(n), red: new Float64Array(n), quo: new Float64Array(n), frac: frac.slice(), acc: frac.slice() };
          limbAddWide(mi, x.slice(), wide.slice(), want.add);
          limbReduceCentered(mi, mj, x.slice(), want.red);
          limbMulDivRem(mi, x.slice(), c, want.quo, want.frac);
          limbAccumulateScaled(x.slice(), 1 / mi.q, want.acc);
          setNttBackend('wasm');
          sameBits(got.add, want.add, 'addWide');
          sameBits(got.red, want.red, 'reduceCentered');
          sameBits(got.quo, want.quo, 'mulDivRem quotient');
          sameBits(gfrac, want.frac, 'mulDivRem fraction');
          sameBits(gacc, want.acc, 'accumulateScaled');
          for (let k = 0; k < n; k++) {
            const prod = BigInt(x[k]) * BigInt(c.w);
            assert.equal(BigInt(got.quo[k]), prod / mi.big, 'quotient against BigInt');
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('mixed storage (arena and JS heap operands) gives the same results', () => {
    const ctx = rings[3];
    const a = polyFrom(ctx, 5), b = polyFrom(ctx, 6);
    const hb = onHeap(b);
    sameBits(polyAdd(a, hb).data, polyAdd(a, b).data, 'add');
    sameBits(polyMulPointwise(a.clone().toNtt(), onHeap(b).toNtt()).data, polyMulPointwise(a.clone().toNtt(), b.clone().toNtt()).data, 'mul');
    const viaHeap = onHeap(a).toNtt();
    sameBits(viaHeap.data, a.clone().toNtt().data, 'ntt');
  });

  it('base conversion on arena polynomials equals the reference', () => {
    const from = new RnsBasis(nttPrimes(1024, 50, 3));
    const to = new RnsBasis(nttPrimes(1024, 50, 5).slice(3));
    const conv = new BaseConverter(from, to);
    const ctx = rings[3];
    const ctxP = new RingContext(1024, to);
    const a = polyFrom(ctx, 9);
    const got = ctxP.zero();
    conv.convert(a.limbs, got.limbs as Float64Array[], 1024);
    setNttBackend('js');
    const want = onHeap(got).data.fill(0);
    const wantP = new RnsPoly(ctxP, want, false);
    conv.convert(onHeap(a).limbs, wantP.limbs as Float64Array[], 1024);
    setNttBackend('wasm');
    sameBits(got.data, want, 'convert');
  });

  it('a rejected NTT leaves resident data unchanged', () => {
    const ctx = rings[2];
    const p = polyFrom(ctx, 3);
    p.limb(1)[77] = ctx.moduli[1].q;
    const before = p.data.slice();
    assert.throws(() => p.toNtt(), (e: unknown) => e instanceof InvalidParameterError && e.message.includes('residue'));
    sameBits(p.data, before, 'untouched');
    assert.equal(p.isNtt, false);
    p.free();
  });

  it('no leak: 10^5 operations with scopes and free return the allocator to where it was', () => {
    const ctx = rings[1]; // N = 16: 10^5 operations in well under a second of kernel time
    const h = kernelHeap();
    const a = polyFrom(ctx, 1), b = polyFrom(ctx, 2);
    const bn = b.clone().toNtt();
    const conv = new BaseConverter(ctx.basis, new RnsBasis(nttPrimes(16, 40, 2)));
    const dst = [new Float64Array(16), new Float64Array(16)];
    const before = h.stats();
    let ops = 0;
    for (let i = 0; i < 20_000; i++) {
      withPolyScope((s) => {
        const x = s.track(polyAdd(a, b));
        polySub(x, b, x);
        const y = s.clone(x).toNtt();
        polyMulPointwise(y, bn, y);
        y.fromNtt();
        if (i % 100 === 0) conv.convert(y.limbs, dst, 16);
      });
      const z = polyNeg(a);
      z.free();
      ops += 7;
    }
    // a scope also frees when the operation throws
    assert.throws(() => withPolyScope((s) => { s.zero(ctx); s.f64(16); throw new MismatchError('boom'); }), MismatchError);
    assert.ok(ops >= 100_000);
    const after = h.stats();
    assert.equal(after.bytesInUse, before.bytesInUse, 'bytes in use');
    assert.equal(after.regionsInUse, before.regionsInUse, 'regions in use');
    assert.ok(after.bytesTouched - before.bytesTouched <= 16 * 8 * ctx.L * ctx.N, `the arena did not creep: ${before.bytesTouched} → ${after.bytesTouched}`);
    for (const p of [a, b, bn]) p.free();
  });

  it('falls back to the JS heap (same results) when the arena is full', () => {
    const ctx = rings[3];
    const a = polyFrom(ctx, 11), b = polyFrom(ctx, 12);
    const want = polyMulPointwise(a.clone().toNtt(), b.clone().toNtt()).fromNtt();
    const heap = kernelHeap();
    const alloc = heap.alloc;
    heap.alloc = () => {
      throw new WasmUnavailableError('WebAssembly arena full (simulated)');
    };
    try {
      const x = a.clone();
      assert.equal(x.resident, false);
      const got = polyMulPointwise(x.toNtt(), b.clone().toNtt()).fromNtt();
      assert.equal(got.resident, false);
      sameBits(got.data, want.data, 'product on the JS heap');
    } finally {
      heap.alloc = alloc;
    }
  });
});
