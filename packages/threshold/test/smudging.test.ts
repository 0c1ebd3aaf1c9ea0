import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import {
  SmudgingBoundError,
  ciphertextNoiseBound,
  combineDecryptionShares,
  decryptionShare,
  decryptionNoiseLimit,
  log2,
  maxSmudgingLambda,
  sampleSmudgingContribution,
  smudgingBound,
  DEFAULT_LAMBDA,
} from '../src/index.js';
import { MEDIUM, SMALL, dkg, thresholdSecret } from './helpers.js';

const PROD = B.bfvParameters(B.PRODUCTION);

describe('smudging bound (docs/PARAMETERS.md, "Threshold decryption and smudging")', () => {
  it('PRODUCTION decrypts a sum of 10^6 fresh inputs with λ = 100 for n up to 1000 (analytic inequality)', () => {
    for (const n of [3, 10, 100, 1000]) {
      const b = smudgingBound(PROD, { n, maxInputs: 1_000_000 }, DEFAULT_LAMBDA);
      // B_ct = M·(21·(2Nn + 1) + 1)
      assert.equal(b.ciphertext, 1_000_000n * (21n * (2n * 8192n * BigInt(n) + 1n) + 1n));
      // statistical distance N·B_ct/(2B + 1) < 2^−λ
      assert.ok(8192n * b.ciphertext * (1n << 100n) < 2n * b.perParty + 1n);
      // correctness: B_ct + n·B ≤ ⌊Q/(4t)⌋ < Q/(2t) − 1
      assert.ok(b.ciphertext + b.total <= b.limit);
      assert.ok(b.limit * 4n * PROD.t <= PROD.Q);
    }
  });
  it('the largest λ at PRODUCTION: 123 (n = 3), 119 (n = 10), 113 (n = 100) for 10^6 inputs', () => {
    assert.equal(maxSmudgingLambda(PROD, { n: 3, maxInputs: 1e6 }), 123);
    assert.equal(maxSmudgingLambda(PROD, { n: 10, maxInputs: 1e6 }), 119);
    assert.equal(maxSmudgingLambda(PROD, { n: 100, maxInputs: 1e6 }), 113);
    assert.throws(() => smudgingBound(PROD, { n: 10, maxInputs: 1e6 }, 120), SmudgingBoundError);
    assert.doesNotThrow(() => smudgingBound(PROD, { n: 10, maxInputs: 1e6 }, 119));
  });
  it('λ below 50 only on INSECURE sets; multiplications refused; bad budgets refused', () => {
    assert.throws(() => smudgingBound(PROD, { n: 3, maxInputs: 10 }, 49), /only allowed on INSECURE/);
    assert.doesNotThrow(() => smudgingBound(SMALL.params, { n: 3, maxInputs: 10 }, 30));
    assert.throws(() => smudgingBound(PROD, { n: 3, maxInputs: 10, multiplications: 1 }), /multiplication/);
    assert.throws(() => ciphertextNoiseBound(PROD, { n: 0, maxInputs: 1 }), SmudgingBoundError);
    assert.throws(() => ciphertextNoiseBound(PROD, { n: 3, maxInputs: 0 }), SmudgingBoundError);
    assert.equal(decryptionNoiseLimit(PROD), PROD.Q / (4n * PROD.t));
  });
  it('contributions are uniform in [−B, B] (range used, never exceeded)', () => {
    const b = smudgingBound(SMALL.params, { n: 3, maxInputs: 4 }, 30);
    const c = sampleSmudgingContribution(SMALL.params, b, new SeededSource('sm', 'test'));
    const max = c.coeffs.reduce((m, x) => (x < 0n ? (-x > m ? -x : m) : x > m ? x : m), 0n);
    assert.ok(max <= b.perParty && max > (b.perParty * 9n) / 10n);
    assert.ok(c.coeffs.some((x) => x < 0n) && c.coeffs.some((x) => x > 0n));
    assert.deepEqual(SMALL.params.ring.toBigInts(c.poly), c.coeffs);
  });
});

describe('measured noise stays within the documented bound (N = 1024, n = 5, sum of 300 inputs, λ = 60)', () => {
  const r = dkg({ set: MEDIUM, n: 5, T: 2, maxInputs: 300, lambda: 60, tag: 'noise' });
  const params = MEDIUM.params;
  const src = new SeededSource('noise-users', 'test');
  const ct = B.addMany(params, Array.from({ length: 300 }, (_, i) => B.encrypt(params, r.pk, B.encodeCoeffs(params, [i % 3, 1]), src)));
  const b = r.session.smudging;
  it('ciphertext noise under s = Σ sk_i is below B_ct', () => {
    const m = B.measureNoise(params, thresholdSecret(r), ct);
    assert.ok(m.maxAbs <= b.ciphertext, `${m.bits.toFixed(1)} bits vs B_ct ${log2(b.ciphertext).toFixed(1)}`);
  });
  it('the combined (smudged) phase decrypts, with noise ≤ B_ct + |A|·B and dominated by the smudging', () => {
    const shares = [1, 3, 5].map((id) => decryptionShare(params, r.keyShares.get(id)!, ct));
    const c = combineDecryptionShares(params, shares, 2, { ciphertext: ct });
    assert.deepEqual(B.decodeCoeffs(c.plaintext).slice(0, 2), [300, 300]);
    const m = B.measurePhaseNoise(params, c.phase);
    assert.ok(m.maxAbs <= b.ciphertext + 5n * b.perParty);
    // a sum of 5 uniform contributions in [−B, B]: its max over N coefficients is well above B/2
    assert.ok(m.maxAbs > b.perParty / 2n, `${m.bits.toFixed(1)} bits vs B ${log2(b.perParty).toFixed(1)}`);
  });
});
