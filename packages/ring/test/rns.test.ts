import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  BaseConverter,
  RingContext,
  RnsBasis,
  SeededSource,
  cryptoSource,
  exactNegacyclicMul,
  exactPolyMul,
  nttPrimes,
  polyAdd,
  polyMulPointwise,
  polyNeg,
  polySub,
  sampleCbd,
  sampleTernary,
  sampleUniformBig,
  ByteReader,
  ByteWriter,
  DecodeError,
  MismatchError,
} from '../src/index.js';

const Q4 = nttPrimes(8192, 50, 4);

describe('RNS basis and CRT', () => {
  const basis = new RnsBasis(Q4);
  it('CRT round trip on random and edge integers', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: basis.Q - 1n }), (x) => {
        assert.equal(basis.toBigInt(basis.fromBigInt(x)), x);
      }),
      { numRuns: 500 },
    );
    for (const x of [0n, 1n, basis.Q - 1n, basis.Q / 2n, basis.Q / 2n + 1n]) assert.equal(basis.toBigInt(basis.fromBigInt(x)), x);
    assert.equal(basis.toCenteredBigInt(basis.fromBigInt(-5n)), -5n);
  });
  it('rejects non-coprime moduli and wrong residue counts', () => {
    assert.throws(() => new RnsBasis([Q4[0], Q4[0]]), /pairwise coprime/);
    assert.throws(() => basis.toBigInt([1, 2]), MismatchError);
  });
  it('fast base conversion returns the centered representative exactly (|x| ≤ Q/2 − Q/2^40)', () => {
    // Within ~L·2^-52·Q of ±Q/2 the floating-point v may pick the other lift (documented).
    const to = new RnsBasis(nttPrimes(8192, 49, 5));
    const conv = new BaseConverter(basis, to);
    const N = 64;
    const margin = basis.Q / 2n - basis.Q / (1n << 40n);
    const xs: bigint[] = [];
    for (let k = 0; k < N; k++) xs.push(sampleUniformBig(1, margin, cryptoSource)[0]);
    xs[0] = 0n;
    xs[1] = -1n;
    xs[2] = margin;
    xs[3] = -margin;
    const src = basis.moduli.map((m) => Float64Array.from(xs, (x) => m.reduceBig(x)));
    const dst = to.moduli.map(() => new Float64Array(N));
    conv.convert(src, dst, N);
    for (let k = 0; k < N; k++) {
      assert.deepEqual(Array.from(dst, (d) => d[k]), to.fromBigInt(xs[k]), `coefficient ${k}`);
    }
  });
});

describe('RingContext and RnsPoly', () => {
  const ring = new RingContext(1024, nttPrimes(1024, 50, 3));
  it('ring product via NTT equals the exact negacyclic product reduced mod each q', () => {
    const a = sampleTernary(1024, new SeededSource('a'));
    const b = sampleCbd(1024, new SeededSource('b'));
    const pa = ring.fromSigned(a).toNtt();
    const pb = ring.fromSigned(b).toNtt();
    const prod = polyMulPointwise(pa, pb).fromNtt();
    const exact = exactNegacyclicMul(a, b).remainder;
    assert.deepEqual(ring.toBigInts(prod), exact);
  });
  it('add/sub/neg are the ring operations (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const src = new SeededSource(`p${seed}`);
        const a = ring.sampleUniform(src);
        const b = ring.sampleUniform(src);
        const s = polyAdd(a, b);
        assert.ok(polySub(s, b).equals(a));
        assert.ok(polyAdd(a, polyNeg(a)).equals(ring.zero()));
        const A = ring.toBigInts(a), B = ring.toBigInts(b), S = ring.toBigInts(s);
        const Q = ring.basis.Q;
        for (let k = 0; k < 8; k++) assert.equal((((A[k] + B[k] - S[k]) % Q) + Q) % Q, 0n);
      }),
      { numRuns: 10 },
    );
  });
  it('operations refuse mixed forms and foreign rings', () => {
    const a = ring.sampleUniform(new SeededSource('x'));
    const b = a.clone().toNtt();
    assert.throws(() => polyAdd(a, b), MismatchError);
    assert.throws(() => polyMulPointwise(a, a), MismatchError);
    const other = new RingContext(1024, nttPrimes(1024, 49, 3));
    assert.throws(() => polyAdd(a, other.zero()), MismatchError);
    assert.throws(() => b.toNtt(), MismatchError);
  });
});

describe('samplers', () => {
  it('ternary: values in {−1,0,1}, each about 1/3', () => {
    const t = sampleTernary(30000, cryptoSource);
    const counts = [0, 0, 0];
    for (const v of t) counts[v + 1]++;
    for (const c of counts) assert.ok(Math.abs(c / 30000 - 1 / 3) < 0.02, `${counts}`);
  });
  it('CBD(21): |e| ≤ 21, mean ≈ 0, variance ≈ 10.5', () => {
    const e = sampleCbd(50000, cryptoSource);
    let s = 0, s2 = 0;
    for (const v of e) {
      assert.ok(Math.abs(v) <= 21);
      s += v;
      s2 += v * v;
    }
    const mean = s / e.length;
    const variance = s2 / e.length - mean * mean;
    assert.ok(Math.abs(mean) < 0.1, `mean ${mean}`);
    assert.ok(Math.abs(variance - 10.5) < 0.4, `variance ${variance}`);
  });
  it('uniform mod q: in range, mean ≈ q/2 (50-bit and 14-bit moduli)', () => {
    for (const q of [Q4[0], 12289n]) {
      const ring = new RingContext(1024, [q === 12289n ? 12289n : q]);
      const p = ring.sampleUniform(cryptoSource);
      const m = ring.moduli[0];
      let s = 0;
      for (const v of p.limb(0)) {
        assert.ok(v >= 0 && v < m.q && Number.isInteger(v));
        s += v / m.q;
      }
      assert.ok(Math.abs(s / 1024 - 0.5) < 0.05);
    }
  });
  it('uniform big integers in [−B, B] with B = 2^120', () => {
    const B = 1n << 120n;
    const xs = sampleUniformBig(2000, B, cryptoSource);
    let neg = 0;
    for (const x of xs) {
      assert.ok(x >= -B && x <= B);
      if (x < 0n) neg++;
    }
    assert.ok(Math.abs(neg / 2000 - 0.5) < 0.06);
    assert.ok(xs.some((x) => x > B / 2n || x < -B / 2n)); // the top bits are used
  });
  it('seeded source: deterministic per (seed, domain), different across domains', () => {
    const a = new SeededSource('s', 'd1').fill(new Uint8Array(40000));
    const b = new SeededSource('s', 'd1').fill(new Uint8Array(40000));
    const c = new SeededSource('s', 'd2').fill(new Uint8Array(40000));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    // chunked reads give the same stream as one read
    const s = new SeededSource('s', 'd1');
    const parts = [s.fill(new Uint8Array(10)), s.fill(new Uint8Array(20000)), s.fill(new Uint8Array(19990))];
    assert.deepEqual(Uint8Array.from(parts.flatMap((p) => Array.from(p))), a);
  });
});

describe('exact integer products (witness quotients)', () => {
  it('exactPolyMul equals schoolbook over Z (property, mixed sizes up to 2^60)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), { minLength: 1, maxLength: 40 }),
        (a, b) => {
          const want = new Array<bigint>(a.length + b.length - 1).fill(0n);
          a.forEach((x, i) => b.forEach((y, j) => (want[i + j] += x * y)));
          assert.deepEqual(exactPolyMul(a, b), want);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('a·b = remainder + quotient·(X^N+1)', () => {
    const N = 16;
    const a = Array.from({ length: N }, (_, i) => BigInt(i * 1000003 - 7));
    const b = Array.from({ length: N }, (_, i) => BigInt((i % 3) - 1));
    const { remainder, quotient } = exactNegacyclicMul(a, b);
    const full = exactPolyMul(a, b);
    const rebuilt = new Array<bigint>(2 * N - 1).fill(0n);
    remainder.forEach((r, k) => (rebuilt[k] += r));
    quotient.forEach((r, k) => {
      rebuilt[k] += r;
      rebuilt[k + N] += r;
    });
    assert.deepEqual(rebuilt, full);
  });
});

describe('canonical bytes', () => {
  it('round trip of residues and integers; truncation and out-of-range rejected', () => {
    const q = Number(Q4[0]);
    const r = Float64Array.from([0, 1, q - 1, 2 ** 40 + 5]);
    const bytes = new ByteWriter().u8(7).u32(123456789).residues(r, 7).bigUint(1n << 100n, 13).finish();
    const rd = new ByteReader(bytes);
    assert.equal(rd.u8(), 7);
    assert.equal(rd.u32(), 123456789);
    const out = new Float64Array(4);
    rd.residues(out, 7, q);
    assert.deepEqual(out, r);
    assert.equal(rd.bigUint(13), 1n << 100n);
    rd.end();
    assert.throws(() => new ByteReader(bytes.slice(0, 10)).residues(new Float64Array(4), 7, q), DecodeError);
    const bad = new ByteWriter().residues(Float64Array.from([q]), 7).finish();
    assert.throws(() => new ByteReader(bad).residues(new Float64Array(1), 7, q), /Out-of-range/);
    assert.throws(() => new ByteReader(new Uint8Array(3)).end(), /Trailing/);
  });
});
