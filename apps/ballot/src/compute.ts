/**
 * The program over ciphertexts (deterministic: every member recomputes it from the on-chain input
 * list, SYSTEM.md §6). One counted ballot per voter: the voter's LAST accepted ballot (highest
 * input index) — a later ballot replaces the earlier one, which also lets a coerced voter vote
 * again. The tally is the sum of the counted ballots, in input-index order.
 */
import { addMany, type BfvParameters, type Ciphertext } from '@interfold/bfv';
import { InvalidBallotError } from './errors.js';

/** An accepted input as the chain lists it (InputPublished: index, sender, data). */
export type BallotInput = { readonly index: number; readonly submitter: string; readonly ciphertext: Ciphertext };

/** Each voter's last ballot (addresses compared case-insensitively), sorted by input index. */
export function lastBallots<I extends { readonly index: number; readonly submitter: string }>(inputs: readonly I[]): I[] {
  const last = new Map<string, I>();
  const indices = new Set<number>();
  for (const x of inputs) {
    if (!Number.isInteger(x.index) || x.index < 0 || indices.has(x.index)) throw new InvalidBallotError('input indices must be distinct non-negative integers', { details: String(x.index) });
    indices.add(x.index);
    const who = x.submitter.toLowerCase();
    const prev = last.get(who);
    if (!prev || prev.index < x.index) last.set(who, x);
  }
  return [...last.values()].sort((a, b) => a.index - b.index);
}

export function computeTally(params: BfvParameters, inputs: readonly BallotInput[]): Ciphertext {
  const counted = lastBallots(inputs);
  if (counted.length === 0) throw new InvalidBallotError('no ballots to tally');
  return addMany(params, counted.map((x) => x.ciphertext));
}
