/**
 * The ballot as one E3 in one process (threshold's simulateE3: DKG, voters encrypt, the program
 * over ciphertexts, T + 1 members decrypt), with the last-ballot-per-voter rule. Validity here is
 * the statement noir/ballot_validity proves (one-hot, voter in the allowlist), checked on the
 * plaintext; the proofs themselves: packages/circuits/test/programs.test.ts.
 */
import { asBfvParameters, type BfvParameters, type BfvParametersLiteral } from '@interfold/bfv';
import type { RandomSource } from '@interfold/ring';
import { addressField } from '@interfold/circuits';
import { simulateE3 } from '@interfold/threshold';
import { makePoll, type BallotConfig } from './config.js';
import { ballotVector, checkBallotVector } from './encode.js';
import { computeTally, lastBallots } from './compute.js';
import { decodeTally, plainTally, type Tally } from './decode.js';
import { InvalidBallotError } from './errors.js';

/** A vote: an option (index or name), or a raw vector (to submit an invalid ballot in tests). */
export type Vote = { readonly voter: string; readonly choice: number | string | readonly bigint[] };

export type RunBallotOptions = {
  readonly params: BfvParameters | BfvParametersLiteral;
  readonly transport: BfvParameters | BfvParametersLiteral;
  readonly n: number;
  readonly T?: number;
  readonly poll: BallotConfig;
  readonly votes: readonly Vote[];
  readonly lambda?: number;
  readonly sources?: (id: number) => RandomSource;
  readonly userSource?: RandomSource;
};

export type BallotRun = {
  readonly tally: Tally;
  readonly expected: Tally;
  readonly correct: boolean;
  /** Vote indices refused (invalid ballot or ineligible voter), with the reason. */
  readonly refused: readonly { readonly index: number; readonly reason: string }[];
  /** Vote indices accepted but replaced by the same voter's later ballot. */
  readonly replaced: readonly number[];
};


export function runBallot(o: RunBallotOptions): BallotRun {
  const params = asBfvParameters(o.params);
  const poll = makePoll(params, o.poll);
  const listed = new Set(poll.allowlist.voters.map((v) => addressField(v)));
  const refused: { index: number; reason: string }[] = [];
  const accepted: { index: number; submitter: string; vector: bigint[]; choice: number }[] = [];
  o.votes.forEach((v, i) => {
    try {
      if (!listed.has(addressField(v.voter))) throw new InvalidBallotError('voter is not in the allowlist', { details: v.voter });
      const vector = Array.isArray(v.choice) ? [...(v.choice as readonly bigint[])] : ballotVector(poll, v.choice as number | string);
      accepted.push({ index: i, submitter: v.voter, vector, choice: checkBallotVector(poll, vector) });
    } catch (e) {
      if (e instanceof InvalidBallotError) return void refused.push({ index: i, reason: e.shortMessage });
      throw e;
    }
  });
  const counted = lastBallots(accepted);
  const r = simulateE3({
    params,
    transport: o.transport,
    n: o.n,
    T: o.T,
    lambda: o.lambda,
    sources: o.sources,
    userSource: o.userSource,
    inputs: accepted.map((a) => a.vector),
    program: (p, cts) => computeTally(p, cts.map((ciphertext, k) => ({ index: accepted[k]!.index, submitter: accepted[k]!.submitter, ciphertext }))),
  });
  const tally = decodeTally(poll, r.plaintext);
  const expected = plainTally(poll, counted.map((c) => c.choice));
  const countedIdx = new Set(counted.map((c) => c.index));
  return {
    tally,
    expected,
    correct: poll.options.every((opt) => tally[opt] === expected[opt]),
    refused,
    replaced: accepted.filter((a) => !countedIdx.has(a.index)).map((a) => a.index),
  };
}
