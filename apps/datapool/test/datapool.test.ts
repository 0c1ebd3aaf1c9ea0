/**
 * The data pool end to end in one process on INSECURE_N512 (threshold DKG, encryption, the program
 * over ciphertexts, T + 1 decryption shares): the released sums are the per-disease sums of the
 * counted contributions; a second input of the same hospital is ignored; an out-of-range count is
 * refused; fewer distinct contributors than the minimum release nothing.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { checkDataPoolConfig, countVector, countedContributions, DataPoolConfigError, InvalidContributionError, runDataPool, TooFewContributorsError, type DataPoolConfig } from '../src/index.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const H1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const H2 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const H3 = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
// INSECURE_N512 has t = 12289: 12 contributors of at most 1000 per count cannot wrap a sum.
const config: DataPoolConfig = { fields: ['flu', 'measles', 'covid'], maxCount: 1000n, minContributors: 2, maxContributors: 12 };
const base = { params, transport, n: 3, T: 1, lambda: 30, config, userSource: new SeededSource('datapool', 'users') };

test('released sums are the per-disease sums; a second input of a hospital is ignored; an invalid one refused', () => {
  const r = runDataPool({
    ...base,
    submissions: [
      { submitter: H1, counts: { flu: 120, measles: 0, covid: 1000 } },
      { submitter: H2, counts: [7, 3, 999] },
      { submitter: H1.toLowerCase(), counts: [1000, 1000, 1000] }, // H1 again: ignored
      { submitter: H3, counts: [1, 1001, 0] }, // out of range: refused
    ],
  });
  assert.deepEqual(r.refused, [3]);
  assert.deepEqual(r.ignored, [2]);
  assert.deepEqual(r.sums, { flu: 127n, measles: 3n, covid: 1999n });
  assert.equal(r.correct, true);
});

test('fewer distinct contributors than the minimum: nothing is released', () => {
  assert.throws(
    () => runDataPool({ ...base, submissions: [{ submitter: H1, counts: [1, 2, 3] }, { submitter: H1, counts: [4, 5, 6] }] }),
    TooFewContributorsError,
  );
});

test('configuration and encoding are checked', () => {
  assert.throws(() => checkDataPoolConfig(params, { ...config, maxContributors: 13 }), DataPoolConfigError); // 13 × 1000 ≥ t
  assert.throws(() => checkDataPoolConfig(params, { ...config, minContributors: 0 }), DataPoolConfigError);
  assert.throws(() => checkDataPoolConfig(params, { ...config, fields: ['a', 'a'] }), DataPoolConfigError);
  assert.throws(() => countVector(config, [1, 2]), InvalidContributionError);
  assert.throws(() => countVector(config, [1, 2, -1]), InvalidContributionError);
  assert.throws(() => countVector(config, { flu: 1, measles: 2 }), InvalidContributionError);
  assert.throws(() => countVector(config, { flu: 1, measles: 2, covid: 3, polio: 4 }), InvalidContributionError);
  assert.deepEqual(countVector(config, { covid: 3, flu: 1, measles: 2 }), [1n, 2n, 3n]);
  const sel = countedContributions([{ index: 2, submitter: H1 }, { index: 0, submitter: H2 }, { index: 1, submitter: H1.toUpperCase().replace('0X', '0x') }]);
  assert.deepEqual(sel.map((x) => x.index), [0, 1]);
});
