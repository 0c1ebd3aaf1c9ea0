/**
 * The data pool as one E3 in one process (threshold's simulateE3: DKG, users encrypt, the program
 * over ciphertexts, T + 1 members decrypt), with the program's own selection (first input per
 * submitter) and the minimum-contributors rule; the decoded sums are compared with the plaintext
 * program over the same counted contributions. Input validity here is the encoding check (the
 * statement noir/datapool_validity proves; proofs: packages/circuits/test/programs.test.ts).
 */
import { asBfvParameters, type BfvParameters, type BfvParametersLiteral } from '@interfold/bfv';
import type { RandomSource } from '@interfold/ring';
import { simulateE3 } from '@interfold/threshold';
import { checkDataPoolConfig, type DataPoolConfig } from './config.js';
import { countVector, type Counts } from './encode.js';
import { checkContributors, computeDataPool, countedContributions } from './compute.js';
import { decodeDataPool, plainDataPool, type PoolSums } from './decode.js';
import { InvalidContributionError } from './errors.js';

export type Submission = { readonly submitter: string; readonly counts: Counts };

export type RunDataPoolOptions = {
  readonly params: BfvParameters | BfvParametersLiteral;
  readonly transport: BfvParameters | BfvParametersLiteral;
  readonly n: number;
  readonly T?: number;
  readonly config: DataPoolConfig;
  readonly submissions: readonly Submission[];
  readonly lambda?: number;
  readonly sources?: (id: number) => RandomSource;
  readonly userSource?: RandomSource;
};

export type DataPoolRun = {
  readonly sums: PoolSums;
  readonly expected: PoolSums;
  readonly correct: boolean;
  /** Submission indices refused (invalid encoding: their proof could not exist). */
  readonly refused: readonly number[];
  /** Submission indices accepted but not counted (a later input of the same submitter). */
  readonly ignored: readonly number[];
};


export function runDataPool(o: RunDataPoolOptions): DataPoolRun {
  const params = asBfvParameters(o.params);
  checkDataPoolConfig(params, o.config);
  const refused: number[] = [];
  const accepted: { index: number; submitter: string; counts: bigint[] }[] = [];
  o.submissions.forEach((s, i) => {
    try {
      accepted.push({ index: i, submitter: s.submitter, counts: countVector(o.config, s.counts) });
    } catch (e) {
      if (e instanceof InvalidContributionError) return void refused.push(i);
      throw e;
    }
  });
  // Too few distinct contributors: the committee computes no output (TooFewContributorsError).
  const counted = countedContributions(accepted);
  checkContributors(o.config, counted.length);
  const r = simulateE3({
    params,
    transport: o.transport,
    n: o.n,
    T: o.T,
    lambda: o.lambda,
    sources: o.sources,
    userSource: o.userSource,
    inputs: accepted.map((a) => a.counts),
    program: (p, cts) => computeDataPool(p, o.config, cts.map((ciphertext, k) => ({ index: accepted[k]!.index, submitter: accepted[k]!.submitter, ciphertext }))),
  });
  const sums = decodeDataPool(o.config, r.plaintext);
  const countedIdx = new Set(counted.map((c) => c.index));
  const expected = plainDataPool(o.config, accepted.filter((a) => countedIdx.has(a.index)).map((a) => a.counts));
  const ignored = accepted.filter((a) => !countedIdx.has(a.index)).map((a) => a.index);
  const correct = o.config.fields.every((f) => sums[f] === expected[f]);
  return { sums, expected, correct, refused, ignored };
}
