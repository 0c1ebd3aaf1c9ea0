/**
 * Every decoder a peer can reach (the envelope and the payload decoder of each phase), fed
 * 10^5 random, bit-flipped, truncated and extended inputs each: rejections are typed WireErrors
 * only (fuzzTarget throws on anything else). scripts/fuzz.ts runs 10^6 per decoder.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { fuzzTarget, fuzzTargets } from '../scripts/fuzz.js';
import { fuzzCtx, validPayloads } from './wire-fixtures.js';

const COUNT = 100_000;

describe('wire: fuzzing every decoder (INSECURE_FUZZ_N16 payloads)', () => {
  for (const t of fuzzTargets(validPayloads(fuzzCtx), fuzzCtx)) {
    it(`${t.name}: ${COUNT} inputs, typed errors only`, () => {
      const r = fuzzTarget(t, COUNT, 'wire-fuzz-test');
      assert.equal(r.inputs, COUNT);
      assert.ok(r.rejected > COUNT / 2, 'most mutations are rejected');
    });
  }
});
