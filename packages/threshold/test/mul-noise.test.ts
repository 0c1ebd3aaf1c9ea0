import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { isPrime, nttPrimes } from '@interfold/ring';
import {
  DepthSession,
  INSECURE_D2_N1024,
  PRODUCTION_D2,
  SHARE_TRANSPORT_D2,
  Session,
  SmudgingBoundError,
  ciphertextNoiseBound,
  depthNoiseBound,
  freshNoiseBound,
  maxSmudgingLambda,
  productNoiseBound,
  relinKeyNoiseBound,
  smudgingBound,
} from '../src/index.js';

const PROD = B.bfvParameters(B.PRODUCTION);
const D2 = B.bfvParameters(PRODUCTION_D2);

describe('smudging bounds after 1–2 multiplications (docs/PARAMETERS.md)', () => {
  it('depth 0 is unchanged; depth d follows the recursion of mul-noise.ts exactly', () => {
    const b = { n: 10, maxInputs: 1000 };
    assert.equal(ciphertextNoiseBound(PROD, b), 1000n * (freshNoiseBound(PROD, 10) + 1n));
    const b0 = ciphertextNoiseBound(PROD, b);
    const b1 = 2n * (productNoiseBound(PROD, 10, b0) + 1n) + b0;
    assert.equal(ciphertextNoiseBound(PROD, { ...b, multiplications: 1, products: 2 }), b1);
    assert.equal(depthNoiseBound(PROD, { ...b, multiplications: 2, products: 2 }), 2n * (productNoiseBound(PROD, 10, b1) + 1n) + b0);
    assert.equal(relinKeyNoiseBound(PROD, 10), 2n * 21n * 10n * (8192n * 10n + 1n));
  });
  it('PRODUCTION holds depth 1 with λ ≥ 50 (λ_max 71 for n = 10), not depth 2; PRODUCTION_D2 holds depth 2 with λ ≥ 100', () => {
    const d1 = { n: 10, maxInputs: 1000, multiplications: 1, products: 2 };
    assert.equal(maxSmudgingLambda(PROD, d1), 71);
    assert.equal(maxSmudgingLambda(PROD, { ...d1, n: 3 }), 76);
    assert.equal(maxSmudgingLambda(PROD, { ...d1, n: 100 }), 61);
    const b = smudgingBound(PROD, d1, 64);
    assert.ok(b.ciphertext + b.total <= b.limit);
    assert.throws(() => smudgingBound(PROD, d1), /1 multiplications/); // default λ = 100 does not fit
    assert.ok(maxSmudgingLambda(PROD, { ...d1, multiplications: 2 }) < 50);
    assert.throws(() => smudgingBound(PROD, { ...d1, multiplications: 2 }, 50), SmudgingBoundError);
    assert.equal(maxSmudgingLambda(D2, { ...d1, multiplications: 2 }), 115);
    assert.equal(maxSmudgingLambda(D2, { ...d1, multiplications: 2, n: 100 }), 102);
    smudgingBound(D2, { ...d1, multiplications: 2, n: 100, maxInputs: 1_000_000 }, 99);
  });
  it('refuses depth > 2, non-integer depth and bad product counts', () => {
    assert.throws(() => smudgingBound(PROD, { n: 3, maxInputs: 10, multiplications: 3 }, 50), /0 to 2 multiplications/);
    assert.throws(() => smudgingBound(PROD, { n: 3, maxInputs: 10, multiplications: 0.5 }, 50), SmudgingBoundError);
    assert.throws(() => smudgingBound(PROD, { n: 3, maxInputs: 10, multiplications: 1, products: 0 }, 50), /products/);
  });
  it('DepthSession: smudging for the depth, a different id from the depth-0 session', () => {
    const MED = { params: B.bfvParameters(B.INSECURE_N1024), transport: B.bfvParameters(B.INSECURE_TRANSPORT_N1024) };
    const o = { ...MED, n: 3, seed: 's', maxInputs: 4, lambda: 20 };
    const s0 = new Session(o);
    const s1 = new DepthSession({ ...o, multiplications: 1 });
    const s1b = new DepthSession({ ...o, multiplications: 1, products: 2 });
    assert.ok(s1.smudging.perParty > s0.smudging.perParty);
    assert.equal(s1.smudging.budget.multiplications, 1);
    assert.notDeepEqual(s1.id, s0.id);
    assert.notDeepEqual(s1.id, s1b.id);
    assert.deepEqual(new DepthSession({ ...o, multiplications: 1 }).id, s1.id);
  });
  it('the depth-2 sets: moduli are the largest 50-bit NTT primes, t the least SIMD prime above 2^20, within the HE standard', () => {
    assert.deepEqual([...PRODUCTION_D2.moduli], nttPrimes(16384, 50, 6));
    assert.deepEqual([...INSECURE_D2_N1024.moduli], nttPrimes(1024, 50, 5));
    let t = ((1n << 20n) / 32768n) * 32768n + 1n;
    while (!isPrime(t)) t += 32768n;
    assert.equal(PRODUCTION_D2.t, t);
    assert.equal(D2.insecure, false);
    assert.ok(D2.Q.toString(2).length <= B.HE_STANDARD_MAX_LOGQ[16384]);
    // a depth-2 session at PRODUCTION_D2 with its transport set: n = 10, 1000 inputs, λ = 100
    const s = new DepthSession({ params: D2, transport: B.bfvParameters(SHARE_TRANSPORT_D2), n: 10, seed: 'd2', maxInputs: 1000, lambda: 100, multiplications: 2, products: 2 });
    assert.equal(s.smudging.lambda, 100);
  });
});
