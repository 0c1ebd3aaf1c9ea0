/**
 * WebAssembly kernel (AssemblyScript, 128-bit SIMD) for the negacyclic NTT and the pointwise
 * modular operations of @interfold/ring. Compiled by `npm run build:wasm` into
 * packages/ring/src/wasm/kernel.ts; the pure TypeScript code in packages/ring/src/ntt.ts and
 * modulus.ts is the reference, and every output here must be bit-for-bit identical to it (it is:
 * both return the unique representative in [0, q) of the same mathematical value).
 *
 * No runtime, no allocation: every function works on raw linear memory at addresses the JS
 * side manages (packages/ring/src/wasm/instance.ts). All values cross the boundary as f64
 * (our polynomials are Float64Array holding exact integers) so no BigInt is ever involved.
 *
 * ---------------------------------------------------------------------------------------------
 * Modular multiplication for any q < 2^50 with i64 and f64 (u = 2^-53, the unit roundoff).
 *
 * Shoup form, fixed multiplicand w ∈ [0, q) with wq = fl(w/q) precomputed; x ∈ [0, 2^50):
 *     qt = nearest(fl(x·wq))                    (f64; integer conversion by the 2^52 trick below)
 *     r  = x·w − qt·q                           (i64, WRAPPING multiplications and subtraction)
 *     r += q if r < 0                           (one conditional correction, branch-free)
 * Proof. Let e = x·w/q ∈ [0, 2^50). fl(w/q) = (w/q)(1+δ1), fl(x·wq) = x·wq·(1+δ2), |δi| ≤ u, so
 * |fl(x·wq) − e| ≤ e·(2u + u²) < 2^50 · 2.0001 · 2^-53 < 0.2501. Rounding to the nearest integer
 * adds at most 0.5, so |qt − e| < 0.7501 and the true value r = q·(e − qt) lies in
 * (−0.7501·q, 0.7501·q) ⊂ (−2^50, 2^50). The i64 operations compute r modulo 2^64; as the true
 * r fits in a signed i64 (|r| < 2^63), the wrapped result IS r. If r < 0 then r + q ∈ (0, q);
 * otherwise r < 0.7501·q < q. So the result is x·w mod q exactly, in [0, q).
 *
 * General form, x ∈ [0, 2^50), y ∈ [0, q), qInv = fl(1/q):
 *     qt = nearest(fl(fl(x·y)·qInv)),  r = x·y − qt·q (wrapping),  r += q if r < 0.
 * Proof: e = x·y/q < 2^50, three roundings give |fl(...) − e| ≤ e·((1+u)^3 − 1) < 0.3751,
 * hence |qt − e| < 0.8751 and r ∈ (−0.8751·q, 0.8751·q); the rest is as above.
 * (x·y < 2^100 is far from overflow; x, y, q < 2^53 are exact doubles.)
 *
 * The 2^52 trick. For a double d ∈ [0, 2^51], d + 2^52 lies in [2^52, 2^53) where the ulp is 1,
 * so IEEE round-to-nearest-even makes fl(d + 2^52) = 2^52 + nearest(d) and the low 52 bits of
 * its encoding are nearest(d): toI(d) = bits(d + 2^52) − bits(2^52). Conversely an integer
 * k ∈ [0, 2^52) becomes a double by toF(k) = double(bits(2^52) | k) − 2^52, exactly.
 * Both are two SIMD instructions with no trap and no branch.
 *
 * Data layout. An NTT works in place on n = 2^logN values at address a: the first stage reads
 * the f64 input, converting it to i64 and validating it (each value must be an integer in
 * [0, q)), the middle stages run on i64, and the last stage writes f64 again. Keeping i64
 * between stages was measured faster than f64 in memory converted inside every butterfly
 * (N = 8192, forward: 103 µs vs 109 µs); folding the conversions into the first and last
 * stages saves another ~1.5 µs over separate passes.
 * Twiddle tables are arrays of 16-byte entries (w: i64, wq: f64) in the order of ntt.ts:
 * entry i holds ψ^brv(i) (forward) or ψ^−brv(i) (inverse); the inverse table has two more
 * entries, n: N^−1 and n+1: ψ^−brv(1)·N^−1, so the scaling by N^−1 is folded into the last
 * Gentleman–Sande stage. Tables are written by JS as f64 and converted by `prepTwiddles`.
 *
 * All addresses must be 16-byte aligned.
 *
 * ABI 2 adds the limb additions (addMod, subMod, negMod) and `firstInvalid`; ABI 3 the RNS helpers
 * (addModWide, reduceCentered, mulDivRem, accumulateScaled). Polynomials now live
 * in this memory (packages/ring/src/wasm/arena.ts), so the JS side calls these on them in place.
 */

/** Bumped whenever an export's signature or a layout above changes (checked by the JS side). */
const ABI_VERSION: i32 = 3;

const MAGIC_F: f64 = 4503599627370496.0; // 2^52
const MAGIC_I: i64 = 0x4330000000000000; // the encoding of 2^52

// @ts-ignore: decorator
@inline function toI(d: f64): i64 {
  return reinterpret<i64>(d + MAGIC_F) - MAGIC_I;
}
// @ts-ignore: decorator
@inline function toF(k: i64): f64 {
  return reinterpret<f64>(k | MAGIC_I) - MAGIC_F;
}
// @ts-ignore: decorator
@inline function toIx2(d: v128): v128 {
  return i64x2.sub(f64x2.add(d, f64x2.splat(MAGIC_F)), i64x2.splat(MAGIC_I));
}
// @ts-ignore: decorator
@inline function toFx2(k: v128): v128 {
  return f64x2.sub(v128.or(k, i64x2.splat(MAGIC_I)), f64x2.splat(MAGIC_F));
}

/** r + q if r < 0, else r (lane-wise; |r| < 2^63). */
// @ts-ignore: decorator
@inline function fixNeg(r: v128, Q: v128): v128 {
  return i64x2.add(r, v128.and(i64x2.lt_s(r, i64x2.splat(0)), Q));
}
/** x·w mod q, Shoup form (see the proof above); x ∈ [0, q) as i64, W/WQ splats or lanes. */
// @ts-ignore: decorator
@inline function mulShoupX2(X: v128, W: v128, WQ: v128, Q: v128): v128 {
  const QT = toIx2(f64x2.mul(toFx2(X), WQ));
  return fixNeg(i64x2.sub(i64x2.mul(X, W), i64x2.mul(QT, Q)), Q);
}
/** (u + v) mod q for u, v ∈ [0, q). */
// @ts-ignore: decorator
@inline function addModX2(U: v128, V: v128, Q: v128): v128 {
  return fixNeg(i64x2.sub(i64x2.add(U, V), Q), Q);
}
/** (u − v) mod q for u, v ∈ [0, q). */
// @ts-ignore: decorator
@inline function subModX2(U: v128, V: v128, Q: v128): v128 {
  return fixNeg(i64x2.sub(U, V), Q);
}

// Scalar versions (n = 2 and odd tails of the pointwise operations).
// @ts-ignore: decorator
@inline function fixNeg1(r: i64, q: i64): i64 {
  return r + ((r >> 63) & q);
}
// @ts-ignore: decorator
@inline function mulShoup1(x: i64, w: i64, wq: f64, q: i64): i64 {
  return fixNeg1(x * w - toI(toF(x) * wq) * q, q);
}

export function abiVersion(): i32 {
  return ABI_VERSION;
}

/** First address free for the JS-side allocator. */
export function heapBase(): usize {
  return __heap_base;
}

/** Converts the w field of `count` table entries at `tw` from f64 to i64, in place. */
export function prepTwiddles(tw: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    const p = tw + (<usize>i << 4);
    store<i64>(p, toI(load<f64>(p)));
  }
}

/** Lanes set where the f64 lane X is not an integer in [0, q) (XI = toIx2(X)). */
// @ts-ignore: decorator
@inline function invalid(X: v128, XI: v128, Q: v128): v128 {
  // The round trip catches fractions and NaN; the range test catches the rest (a negative or a
  // too-large double lands outside [0, q) after the 2^52 trick).
  const outside = v128.or(i64x2.lt_s(XI, i64x2.splat(0)), i64x2.ge_s(XI, Q));
  return v128.or(f64x2.ne(toFx2(XI), X), outside);
}

/** n = 2: f64 → i64 in place with the input check; false if a value is not in [0, q). */
function loadChecked2(a: usize, Q: v128): bool {
  const X = v128.load(a);
  const XI = toIx2(X);
  v128.store(a, XI);
  return !v128.any_true(invalid(X, XI, Q));
}

/**
 * Forward negacyclic NTT (Cooley–Tukey, natural order in, bit-reversed out), in place on the
 * f64 values at `a`, twiddles at `tw`: exactly the loop nest of NttTable.forwardJs. The first
 * stage also converts the input to i64 and checks it, the last converts back to f64. Returns 0,
 * or 1 if an input was not an integer in [0, q) (then `a` is left in an unspecified state).
 */
export function forward(a: usize, tw: usize, logN: i32, qf: f64): i32 {
  const n = 1 << logN;
  const q = <i64>qf;
  const Q = i64x2.splat(q);
  if (n == 2) {
    if (!loadChecked2(a, Q)) return 1;
    const u = load<i64>(a);
    const v = mulShoup1(load<i64>(a, 8), load<i64>(tw, 16), load<f64>(tw, 24), q);
    store<f64>(a, toF(fixNeg1(u + v - q, q)));
    store<f64>(a, toF(fixNeg1(u - v, q)), 8);
    return 0;
  }
  // First stage (m = 1, t = n/2, twiddle entry 1), reading f64.
  let off = <usize>n << 2;
  let bad = i64x2.splat(0);
  {
    const W = i64x2.splat(load<i64>(tw, 16));
    const WQ = f64x2.splat(load<f64>(tw, 24));
    const end = a + off;
    for (let p = a; p < end; p += 16) {
      const UF = v128.load(p);
      const XF = v128.load(p + off);
      const U = toIx2(UF);
      const X = toIx2(XF);
      bad = v128.or(bad, v128.or(invalid(UF, U, Q), invalid(XF, X, Q)));
      const V = mulShoupX2(X, W, WQ, Q);
      v128.store(p, addModX2(U, V, Q));
      v128.store(p + off, subModX2(U, V, Q));
    }
  }
  if (v128.any_true(bad)) return 1;
  // Stages with distance 2 ≤ t ≤ n/4: two consecutive butterflies share one twiddle.
  let m = 2;
  for (let t = n >> 2; t >= 2; t >>= 1) {
    off = <usize>t << 3;
    for (let i = 0; i < m; i++) {
      const twp = tw + (<usize>(m + i) << 4);
      const W = i64x2.splat(load<i64>(twp));
      const WQ = f64x2.splat(load<f64>(twp, 8));
      let p = a + (<usize>(i * t) << 4);
      const end = p + off;
      for (; p < end; p += 16) {
        const U = v128.load(p);
        const V = mulShoupX2(v128.load(p + off), W, WQ, Q);
        v128.store(p, addModX2(U, V, Q));
        v128.store(p + off, subModX2(U, V, Q));
      }
    }
    m <<= 1;
  }
  // Last stage, t = 1 (m = n/2): butterflies i and i+1 are lanes of one vector; writes f64.
  const twBase = tw + (<usize>m << 4);
  for (let i = 0; i < m; i += 2) {
    const p = a + (<usize>i << 4);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const t0 = v128.load(twBase + (<usize>i << 4));
    const t1 = v128.load(twBase + (<usize>i << 4), 16);
    const U = i64x2.shuffle(v0, v1, 0, 2);
    const V = mulShoupX2(i64x2.shuffle(v0, v1, 1, 3), i64x2.shuffle(t0, t1, 0, 2), i64x2.shuffle(t0, t1, 1, 3), Q);
    const S = toFx2(addModX2(U, V, Q));
    const D = toFx2(subModX2(U, V, Q));
    v128.store(p, i64x2.shuffle(S, D, 0, 2));
    v128.store(p, i64x2.shuffle(S, D, 1, 3), 16);
  }
  return 0;
}

/**
 * Inverse negacyclic NTT (Gentleman–Sande, bit-reversed in, natural out) including the
 * scaling by N^−1, in place; `tw` is the inverse table (n + 2 entries). The first stage also
 * converts and checks the input, the last converts back to f64. Returns as `forward`.
 */
export function inverse(a: usize, tw: usize, logN: i32, qf: f64): i32 {
  const n = 1 << logN;
  const q = <i64>qf;
  const Q = i64x2.splat(q);
  const tail = tw + (<usize>n << 4); // entries n (N^−1) and n+1 (ψ^−brv(1)·N^−1)
  if (n == 2) {
    if (!loadChecked2(a, Q)) return 1;
    const u = load<i64>(a);
    const y = load<i64>(a, 8);
    store<f64>(a, toF(mulShoup1(fixNeg1(u + y - q, q), load<i64>(tail), load<f64>(tail, 8), q)));
    store<f64>(a, toF(mulShoup1(fixNeg1(u - y, q), load<i64>(tail, 16), load<f64>(tail, 24), q)), 8);
    return 0;
  }
  // First stage, t = 1 (h = n/2), reading f64: butterflies i and i+1 are lanes of one vector.
  let h = n >> 1;
  let bad = i64x2.splat(0);
  const twBase = tw + (<usize>h << 4);
  for (let i = 0; i < h; i += 2) {
    const p = a + (<usize>i << 4);
    const f0 = v128.load(p);
    const f1 = v128.load(p, 16);
    const v0 = toIx2(f0);
    const v1 = toIx2(f1);
    bad = v128.or(bad, v128.or(invalid(f0, v0, Q), invalid(f1, v1, Q)));
    const t0 = v128.load(twBase + (<usize>i << 4));
    const t1 = v128.load(twBase + (<usize>i << 4), 16);
    const U = i64x2.shuffle(v0, v1, 0, 2);
    const Y = i64x2.shuffle(v0, v1, 1, 3);
    const S = addModX2(U, Y, Q);
    const V = mulShoupX2(subModX2(U, Y, Q), i64x2.shuffle(t0, t1, 0, 2), i64x2.shuffle(t0, t1, 1, 3), Q);
    v128.store(p, i64x2.shuffle(S, V, 0, 2));
    v128.store(p, i64x2.shuffle(S, V, 1, 3), 16);
  }
  if (v128.any_true(bad)) return 1;
  // Middle stages, 2 ≤ t ≤ n/4.
  let t = 2;
  for (h >>= 1; h >= 2; h >>= 1) {
    const off = <usize>t << 3;
    for (let i = 0; i < h; i++) {
      const twp = tw + (<usize>(h + i) << 4);
      const W = i64x2.splat(load<i64>(twp));
      const WQ = f64x2.splat(load<f64>(twp, 8));
      let p = a + (<usize>(i * t) << 4);
      const end = p + off;
      for (; p < end; p += 16) {
        const U = v128.load(p);
        const Y = v128.load(p + off);
        v128.store(p, addModX2(U, Y, Q));
        v128.store(p + off, mulShoupX2(subModX2(U, Y, Q), W, WQ, Q));
      }
    }
    t <<= 1;
  }
  // Last stage (h = 1, t = n/2) with N^−1 folded in; writes f64.
  const NI = i64x2.splat(load<i64>(tail));
  const NIQ = f64x2.splat(load<f64>(tail, 8));
  const WN = i64x2.splat(load<i64>(tail, 16));
  const WNQ = f64x2.splat(load<f64>(tail, 24));
  const off = <usize>t << 3;
  const end = a + off;
  for (let p = a; p < end; p += 16) {
    const U = v128.load(p);
    const Y = v128.load(p + off);
    v128.store(p, toFx2(mulShoupX2(addModX2(U, Y, Q), NI, NIQ, Q)));
    v128.store(p + off, toFx2(mulShoupX2(subModX2(U, Y, Q), WN, WNQ, Q)));
  }
  return 0;
}

/** z = x ⊙ y mod q over n f64 values (x ∈ [0, 2^50), y ∈ [0, q) integers); z may alias x or y. */
export function mulPointwise(x: usize, y: usize, z: usize, n: i32, qf: f64, qInv: f64): void {
  const q = <i64>qf;
  const Q = i64x2.splat(q);
  const QI = f64x2.splat(qInv);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(x + k);
    const Y = v128.load(y + k);
    const QT = toIx2(f64x2.mul(f64x2.mul(X, Y), QI));
    v128.store(z + k, toFx2(fixNeg(i64x2.sub(i64x2.mul(toIx2(X), toIx2(Y)), i64x2.mul(QT, Q)), Q)));
  }
  if (n & 1) {
    const k = pairs;
    const xv = load<f64>(x + k);
    const yv = load<f64>(y + k);
    store<f64>(z + k, toF(fixNeg1(toI(xv) * toI(yv) - toI(xv * yv * qInv) * q, q)));
  }
}

/** acc = (acc + x ⊙ y) mod q over n f64 values (acc ∈ [0, q), x, y as in mulPointwise). */
export function mulAddPointwise(x: usize, y: usize, acc: usize, n: i32, qf: f64, qInv: f64): void {
  const q = <i64>qf;
  const Q = i64x2.splat(q);
  const QI = f64x2.splat(qInv);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(x + k);
    const Y = v128.load(y + k);
    const QT = toIx2(f64x2.mul(f64x2.mul(X, Y), QI));
    const R = fixNeg(i64x2.sub(i64x2.mul(toIx2(X), toIx2(Y)), i64x2.mul(QT, Q)), Q);
    v128.store(acc + k, toFx2(addModX2(toIx2(v128.load(acc + k)), R, Q)));
  }
  if (n & 1) {
    const k = pairs;
    const xv = load<f64>(x + k);
    const yv = load<f64>(y + k);
    const r = fixNeg1(toI(xv) * toI(yv) - toI(xv * yv * qInv) * q, q);
    store<f64>(acc + k, toF(fixNeg1(toI(load<f64>(acc + k)) + r - q, q)));
  }
}

/** z = x · w mod q over n f64 values (x ∈ [0, 2^50)), w ∈ [0, q) with wq = fl(w/q); z may alias x. */
export function mulScalar(x: usize, z: usize, n: i32, qf: f64, wf: f64, wq: f64): void {
  const q = <i64>qf;
  const w = <i64>wf;
  const Q = i64x2.splat(q);
  const W = i64x2.splat(w);
  const WQ = f64x2.splat(wq);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(x + k);
    const QT = toIx2(f64x2.mul(X, WQ));
    v128.store(z + k, toFx2(fixNeg(i64x2.sub(i64x2.mul(toIx2(X), W), i64x2.mul(QT, Q)), Q)));
  }
  if (n & 1) {
    const k = pairs;
    const xv = load<f64>(x + k);
    store<f64>(z + k, toF(fixNeg1(toI(xv) * w - toI(xv * wq) * q, q)));
  }
}

/**
 * z = (x + y) mod q over n f64 residues in [0, q) (z may alias x or y). Pure f64 lanes: x + y <
 * 2^51 is exact, and subtracting q where the sum reached it gives the unique residue (as +0, never
 * −0: x + y − q = +0 under round-to-nearest), bit-identical to polyAdd in poly.ts.
 */
export function addMod(x: usize, y: usize, z: usize, n: i32, qf: f64): void {
  const Q = f64x2.splat(qf);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const S = f64x2.add(v128.load(x + k), v128.load(y + k));
    v128.store(z + k, f64x2.sub(S, v128.and(f64x2.ge(S, Q), Q)));
  }
  if (n & 1) {
    const s = load<f64>(x + pairs) + load<f64>(y + pairs);
    store<f64>(z + pairs, s >= qf ? s - qf : s);
  }
}

/** z = (x − y) mod q over n f64 residues in [0, q) (z may alias x or y). */
export function subMod(x: usize, y: usize, z: usize, n: i32, qf: f64): void {
  const Q = f64x2.splat(qf);
  const Z = f64x2.splat(0);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const D = f64x2.sub(v128.load(x + k), v128.load(y + k));
    v128.store(z + k, f64x2.add(D, v128.and(f64x2.lt(D, Z), Q)));
  }
  if (n & 1) {
    const d = load<f64>(x + pairs) - load<f64>(y + pairs);
    store<f64>(z + pairs, d < 0 ? d + qf : d);
  }
}

/** z = −x mod q over n f64 residues in [0, q): 0 stays +0, else q − x (z may alias x). */
export function negMod(x: usize, z: usize, n: i32, qf: f64): void {
  const Q = f64x2.splat(qf);
  const Z = f64x2.splat(0);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(x + k);
    v128.store(z + k, v128.andnot(f64x2.sub(Q, X), f64x2.eq(X, Z)));
  }
  if (n & 1) {
    const v = load<f64>(x + pairs);
    store<f64>(z + pairs, v == 0 ? 0 : qf - v);
  }
}

/**
 * The index of the first of n f64 values at a that is not an integer in [0, q), or −1. Run before
 * an in-place NTT of memory-resident data, so a rejected input is left unchanged (the transform
 * itself only detects a bad value after its first stage has written).
 */
export function firstInvalid(a: usize, n: i32, qf: f64): i32 {
  const Q = i64x2.splat(<i64>qf);
  const pairs = <usize>(n >> 1) << 4;
  let bad = i64x2.splat(0);
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(a + k);
    bad = v128.or(bad, invalid(X, toIx2(X), Q));
  }
  if (!v128.any_true(bad) && !(n & 1)) return -1;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(a + (<usize>i << 3));
    if (!(x >= 0 && x < qf && Math.floor(x) == x)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the RNS loops of BFV (base conversion, HPS scaling, relinearisation digits). Each
// uses exactly the f64 operations of its TypeScript reference, in the same order (WebAssembly
// has no fused multiply-add), so results are bit-identical.

/** z = (x + y') mod q with y' = y − q if y ≥ q (x ∈ [0, q), y ∈ [0, 2q)). Reference: scaleToP. */
export function addModWide(x: usize, y: usize, z: usize, n: i32, qf: f64): void {
  const Q = f64x2.splat(qf);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const Y = v128.load(y + k);
    const S = f64x2.add(v128.load(x + k), f64x2.sub(Y, v128.and(f64x2.ge(Y, Q), Q)));
    v128.store(z + k, f64x2.sub(S, v128.and(f64x2.ge(S, Q), Q)));
  }
  if (n & 1) {
    let v = load<f64>(y + pairs);
    if (v >= qf) v -= qf;
    const s = load<f64>(x + pairs) + v;
    store<f64>(z + pairs, s >= qf ? s - qf : s);
  }
}

/**
 * z = c mod q_j for c the centered representative of x ∈ [0, q_i) (c = x − q_i if x > q_i/2):
 * Modulus.reduce of modulus.ts, r = c − floor(c·(1/q_j))·q_j then one correction. Reference:
 * the relinearisation digits of relin.ts.
 */
export function reduceCentered(x: usize, z: usize, n: i32, qi: f64, qj: f64, qjInv: f64): void {
  const QI = f64x2.splat(qi);
  const H = f64x2.splat(qi / 2);
  const QJ = f64x2.splat(qj);
  const QJI = f64x2.splat(qjInv);
  const Z = f64x2.splat(0);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const X = v128.load(x + k);
    const C = v128.bitselect(f64x2.sub(X, QI), X, f64x2.gt(X, H));
    let R = f64x2.sub(C, f64x2.mul(f64x2.floor(f64x2.mul(C, QJI)), QJ));
    const NEG = f64x2.lt(R, Z);
    R = v128.bitselect(f64x2.add(R, QJ), v128.bitselect(f64x2.sub(R, QJ), R, f64x2.ge(R, QJ)), NEG);
    v128.store(z + k, R);
  }
  if (n & 1) {
    const v = load<f64>(x + pairs);
    const c = v > qi / 2 ? v - qi : v;
    const r = c - Math.floor(c * qjInv) * qj;
    store<f64>(z + pairs, r < 0 ? r + qj : r >= qj ? r - qj : r);
  }
}

/**
 * quo = ⌊x·w/q⌋ and frac += (x·w mod q)·(1/q) over n values, x ∈ [0, 2^50), w ∈ [0, q) with
 * wq = fl(w/q): the Shoup step of the header with the quotient kept (r < 0 ⇒ r += q, qt −= 1).
 * Reference: limbMulDivRem (divrem.ts); quotient and remainder are unique, frac is the same f64
 * sum. Used by BFV decryption and HPS scaling.
 */
export function mulDivRem(x: usize, quo: usize, frac: usize, n: i32, qf: f64, qInv: f64, wf: f64, wq: f64): void {
  const q = <i64>qf;
  const Q = i64x2.splat(q);
  const W = i64x2.splat(<i64>wf);
  const WQ = f64x2.splat(wq);
  const QI = f64x2.splat(qInv);
  const ONE = i64x2.splat(1);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const XF = v128.load(x + k);
    const X = toIx2(XF);
    let QT = toIx2(f64x2.mul(XF, WQ));
    const R0 = i64x2.sub(i64x2.mul(X, W), i64x2.mul(QT, Q));
    const NEG = i64x2.lt_s(R0, i64x2.splat(0));
    const R = i64x2.add(R0, v128.and(NEG, Q));
    QT = i64x2.sub(QT, v128.and(NEG, ONE));
    v128.store(quo + k, toFx2(QT));
    v128.store(frac + k, f64x2.add(v128.load(frac + k), f64x2.mul(toFx2(R), QI)));
  }
  if (n & 1) {
    const xv = load<f64>(x + pairs);
    let qt = toI(xv * wq);
    let r = toI(xv) * <i64>wf - qt * q;
    if (r < 0) {
      r += q;
      qt -= 1;
    }
    store<f64>(quo + pairs, toF(qt));
    store<f64>(frac + pairs, load<f64>(frac + pairs) + toF(r) * qInv);
  }
}

/** acc += y·s over n f64 values (acc[k] + (y[k]·s), as the base conversion's TypeScript loop). */
export function accumulateScaled(y: usize, acc: usize, n: i32, s: f64): void {
  const S = f64x2.splat(s);
  const pairs = <usize>(n >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    v128.store(acc + k, f64x2.add(v128.load(acc + k), f64x2.mul(v128.load(y + k), S)));
  }
  if (n & 1) store<f64>(acc + pairs, load<f64>(acc + pairs) + load<f64>(y + pairs) * s);
}
