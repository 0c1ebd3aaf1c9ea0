import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { simulateE3, InvalidParameterError, QuorumError } from '../src/index.js';
import { SMALL, seeded } from './helpers.js';
import { adversarial } from './adversary.js';

const base = { params: B.INSECURE_N512, transport: B.INSECURE_TRANSPORT_N512, lambda: 30, sources: seeded('e3'), userSource: new SeededSource('u', 'test') };

describe('simulateE3: a whole E3 in one process', () => {
  it('sum of 20 inputs, n = 5 (default T = 2), decrypted by the T+1 lowest ids', () => {
    const inputs = Array.from({ length: 20 }, (_, i) => i);
    const r = simulateE3({ ...base, n: 5, inputs });
    assert.equal(r.output[0], 190);
    assert.deepEqual(r.decryptors, [1, 2, 3]);
    assert.ok(r.noise.measuredBits <= r.noise.boundBits && r.noise.boundBits < r.noise.limitBits);
    assert.ok(r.phases.some((p) => p.name.startsWith('P3')));
  });
  it('vector inputs, a custom program (weighted sum), decryptors 3 and 5 only (dropout of 3 of 5)', () => {
    const program = (params: B.BfvParameters, cts: readonly B.Ciphertext[]) => B.addMany(params, cts.map((c, i) => B.mulScalar(params, c, i + 1)));
    const r = simulateE3({ ...base, n: 5, T: 1, inputs: [[1, 2], [3, 4], [5, -6]], program, decryptors: [3, 5] });
    assert.deepEqual(r.output.slice(0, 2), [1 + 6 + 15, 2 + 8 - 18]);
  });
  it('a dishonest dealer is excluded and the E3 still completes', () => {
    const r = simulateE3({ ...base, n: 4, T: 1, inputs: [7, 8], parties: adversarial({ 1: { falseComplaints: [2] } }) });
    assert.deepEqual(r.dkg.authorised, [2, 3, 4]);
    assert.deepEqual(r.decryptors, [2, 3]);
    assert.equal(r.output[0], 15);
  });
  it('refuses more inputs than budgeted, and decryptors outside A', () => {
    assert.throws(() => simulateE3({ ...base, n: 3, inputs: [1, 2, 3], maxInputs: 2 }), InvalidParameterError);
    assert.throws(() => simulateE3({ ...base, n: 3, inputs: [1], decryptors: [1, 4] }), QuorumError);
    assert.throws(() => simulateE3({ ...base, n: 3, inputs: [] }), InvalidParameterError);
  });
  it('PRODUCTION set (N = 8192, 4 limbs), n = 3, T = 1, λ = 100: 5 inputs summed and decrypted by parties 2 and 3', () => {
    const r = simulateE3({ params: B.PRODUCTION, transport: B.SHARE_TRANSPORT, n: 3, inputs: [1000, 2000, 3000, 4000, 5000], maxInputs: 1_000_000, decryptors: [2, 3] });
    assert.equal(r.output[0], 15000);
    assert.equal(r.dkg.session.smudging.lambda, 100);
    assert.ok(r.noise.measuredBits <= r.noise.boundBits && r.noise.boundBits < r.noise.limitBits);
    // bytes per party: transport key + pk share + commitments + 2 bundles of 12 transport ciphertexts + Z
    for (const s of r.dkg.stats.values()) assert.ok(s.bytesSent > 5e6 && s.bytesSent < 8e6);
    assert.equal(SMALL.params.N, 512);
  });
  it('PRODUCTION set, n = 4, T = 1: a dealer whose share does not match its commitment is excluded; the E3 completes', () => {
    const r = simulateE3({
      params: B.PRODUCTION,
      transport: B.SHARE_TRANSPORT,
      n: 4,
      T: 1,
      inputs: [11, 22, 33],
      parties: adversarial({
        1: {
          bundle(b) {
            if (b.recipient !== 4) return b;
            const c0 = b.esm[3].c0.clone();
            c0.limbs[1][8191] = (c0.limbs[1][8191] + 12345) % c0.ctx.moduli[1].q;
            return { ...b, esm: [...b.esm.slice(0, 3), new B.Ciphertext(b.esm[3].params, [c0, b.esm[3].c1])] };
          },
        },
      }),
    });
    assert.deepEqual(r.dkg.authorised, [2, 3, 4]);
    assert.deepEqual(r.dkg.excluded.map((e) => e.party), [1]);
    assert.deepEqual(r.decryptors, [2, 3]);
    assert.equal(r.output[0], 66);
  });
});
