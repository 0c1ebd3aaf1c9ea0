import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Modulus, RingContext, SeededSource, InvalidParameterError } from '@interfold/ring';
import { SMALL, subsets } from './helpers.js';
import {
  checkIds,
  interpolateAtZero,
  isCodeword,
  firstParityFailure,
  lagrangeAtZero,
  parityCheckMatrix,
  shamirShare,
  DisposedError,
} from '../src/index.js';

const ring = SMALL.params.ring;
const q0 = ring.moduli[0];

describe('Lagrange coefficients at 0', () => {
  it('known answer: ids {1,2} → L = (2, −1); ids {1,2,3} → (3, −3, 1)', () => {
    assert.deepEqual(lagrangeAtZero([1, 2], q0), [2, q0.q - 1]);
    assert.deepEqual(lagrangeAtZero([1, 2, 3], q0), [3, q0.q - 3, 1]);
  });
  it('interpolate a random polynomial of degree < m at 0 (BigInt reference)', () => {
    const m = new Modulus(1125899906826241n);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), fc.array(fc.bigInt({ min: 0n, max: m.big - 1n }), { minLength: 8, maxLength: 8 }), (ids, coeffs) => {
        const f = (x: bigint) => coeffs.slice(0, ids.length).reduce((acc, c, d) => (acc + c * x ** BigInt(d)) % m.big, 0n);
        const L = lagrangeAtZero(ids, m);
        const at0 = ids.reduce((acc, x, i) => (acc + BigInt(L[i]) * f(BigInt(x))) % m.big, 0n);
        assert.equal(at0, coeffs[0]);
      }),
      { numRuns: 50 },
    );
  });
  it('rejects id 0, duplicates, ids ≥ q', () => {
    assert.throws(() => checkIds([0, 1], q0), InvalidParameterError);
    assert.throws(() => checkIds([1, 1], q0), /Duplicate/);
    assert.throws(() => checkIds([q0.q], q0), /out of range/);
  });
});

describe('Shamir sharing of ring elements (spec 003 C2 layout)', () => {
  const src = new SeededSource('shamir', 'test');
  const secret = ring.sampleUniform(src);
  it('y[i][j][0] is the secret, y[i][j][k] the share of party k; any T+1 shares reconstruct (n=5, T=2)', () => {
    const sh = shamirShare(ring, secret, 5, 2, src);
    assert.equal(sh.y(7, 1, 0), secret.limbs[1][7]);
    assert.equal(sh.y(7, 1, 3), sh.shareFor(3).limbs[1][7]);
    for (const S of subsets([1, 2, 3, 4, 5], 3)) {
      assert.ok(interpolateAtZero(ring, S, S.map((k) => sh.shareFor(k))).equals(secret), `subset ${S}`);
    }
    // the shares match the polynomial of the witness coefficients
    const m = ring.moduli[0];
    const c = sh.coefficients.map((p) => p.limbs[0][11]);
    assert.equal(sh.y(11, 0, 4), m.add(m.add(c[0], m.mul(c[1], 4)), m.mul(c[2], 16)));
  });
  it('the shares form a Reed–Solomon codeword; a changed share breaks the parity check', () => {
    const sh = shamirShare(ring, secret, 6, 2, src);
    const ids = [1, 2, 3, 4, 5, 6];
    assert.ok(isCodeword(ring, ids, sh.shares, 2));
    const bad = sh.shares.map((p) => p.clone());
    bad[4].limbs[1][100] = (bad[4].limbs[1][100] + 1) % ring.moduli[1].q;
    assert.deepEqual(firstParityFailure(ring, ids, bad, 2), { coefficient: 100, limb: 1 });
    assert.equal(parityCheckMatrix(ids, 2, q0).length, 3);
    assert.equal(parityCheckMatrix([1, 2, 3], 2, q0).length, 0);
  });
  it('T shares are consistent with EVERY secret (perfect privacy): for any candidate there is exactly one completing sharing', () => {
    const T = 2;
    const sh = shamirShare(ring, secret, 5, T, src);
    const held = [2, 5];
    const candidate = ring.sampleUniform(src);
    // The degree-T polynomial g through (0, candidate) and the T held shares, evaluated at every id.
    const pts = [0, ...held];
    const vals = [candidate, ...held.map((h) => sh.shareFor(h))];
    const g = [1, 2, 3, 4, 5].map((k) => {
      const out = ring.zero(false);
      ring.moduli.forEach((m, l) => {
        const L = pts.map((xi, i) => {
          let num = 1, den = 1;
          pts.forEach((xj, j) => {
            if (j === i) return;
            num = m.mul(num, m.reduce(k - xj));
            den = m.mul(den, m.reduce(xi - xj));
          });
          return m.mul(num, m.inv(den));
        });
        for (let c = 0; c < ring.N; c++) out.limbs[l][c] = vals.reduce((acc, v, i) => m.add(acc, m.mul(L[i], v.limbs[l][c])), 0);
      });
      return out;
    });
    // g agrees with the real sharing on the held ids, is a valid degree-T sharing, and opens to the candidate.
    for (const h of held) assert.ok(g[h - 1].equals(sh.shareFor(h)));
    assert.ok(isCodeword(ring, [1, 2, 3, 4, 5], g, T));
    assert.ok(interpolateAtZero(ring, [1, 3, 4], [g[0], g[2], g[3]]).equals(candidate));
    // and the T held shares alone interpolate to something unrelated to the real secret
    assert.ok(!interpolateAtZero(ring, held, held.map((h) => sh.shareFor(h))).equals(secret));
  });
  it('single shares are uniform: share values of a fixed secret spread over the whole of Z_q', () => {
    const zero = ring.zero(false);
    const sh = shamirShare(ring, zero, 3, 1, src);
    const v = Array.from(sh.shareFor(1).limbs[0]);
    const high = v.filter((x) => x > q0.q / 2).length;
    assert.ok(high > 200 && high < 312, `${high} of 512 above q/2`);
  });
  it('property: for random n, T and subsets, T+1 shares reconstruct and ≥ T+2 shares pass the parity check', () => {
    const tiny = new RingContext(16, [1125899906826241n, 1125899906820097n]);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n - 1 }), fc.shuffledSubarray([...Array(n).keys()].map((i) => i + 1), { minLength: n, maxLength: n }), fc.integer())),
        ([n, T, order, seed]) => {
          const src = new SeededSource(`p${seed}`, 'test');
          const sec = tiny.sampleUniform(src);
          const sh = shamirShare(tiny, sec, n, T, src);
          const S = order.slice(0, T + 1);
          assert.ok(interpolateAtZero(tiny, S, S.map((k) => sh.shareFor(k))).equals(sec));
          assert.ok(isCodeword(tiny, order, order.map((k) => sh.shareFor(k)), T));
          if (n >= T + 2) {
            const bad = order.map((k) => sh.shareFor(k).clone());
            bad[0].limbs[0][0] = (bad[0].limbs[0][0] + 1) % tiny.moduli[0].q;
            assert.ok(!isCodeword(tiny, order, bad, T));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
  it('validates T and n, and refuses use after dispose', () => {
    assert.throws(() => shamirShare(ring, secret, 3, 3), InvalidParameterError);
    assert.throws(() => shamirShare(ring, secret, 3, 0), InvalidParameterError);
    assert.throws(() => shamirShare(ring, secret.clone().toNtt(), 3, 1), /coefficient form/);
    const sh = shamirShare(ring, secret, 3, 1, src);
    sh.dispose();
    assert.throws(() => sh.shareFor(1), DisposedError);
  });
});
