/**
 * The data pool's daemon module (createProgram): over the chain's accepted inputs it sums each
 * submitter's first contribution; the output decrypts to the plain sums of those. A single key
 * stands in for the committee's (the DKG is not under test here).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { createProgram, decodeDataPool, encodeContribution, InvalidContributionError, type DataPoolConfig, type ProgramInput } from '../src/index.js';

const params = B.bfvParameters(B.INSECURE_N512);
const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const C = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const config: DataPoolConfig = { fields: ['flu', 'covid'], maxCount: 1000n, minContributors: 2, maxContributors: 10 };

test('createProgram: the first contribution per submitter is summed', () => {
  const src = new SeededSource('datapool-module', 'keys');
  const sk = B.genSecretKey(params, src);
  const pk = B.genPublicKey(params, sk, { src });
  const input = (index: bigint, submitter: `0x${string}`, counts: number[]): ProgramInput => ({
    index,
    submitter,
    ciphertext: B.encrypt(params, pk, encodeContribution(params, config, counts), src),
    data: new Uint8Array(0),
  });
  const inputs = [input(3n, C, [100, 1]), input(0n, A, [5, 7]), input(5n, A, [900, 900])];
  const program = createProgram(9n);
  assert.equal(program.name, 'datapool/sum/v1');
  const sums = decodeDataPool(config, B.decrypt(params, sk, program.compute(params, inputs, { e3Id: 1n, committee: [] })));
  assert.deepEqual(sums, { flu: 105n, covid: 8n });
  assert.throws(() => program.compute(params, [], { e3Id: 1n, committee: [] }), InvalidContributionError);
});
