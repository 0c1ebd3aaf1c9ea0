/**
 * The program over ciphertexts (deterministic; every committee member recomputes it from the
 * on-chain input list and refuses to decrypt a different output, SYSTEM.md §6). One contribution
 * per hospital: a submitter's FIRST accepted input counts, later ones are ignored (the program
 * contract refuses them on chain, contracts/programs/DataPoolProgram.sol). The output is
 * Σ contributions, but only if at least minContributors distinct submitters took part; otherwise
 * there is no output at all (TooFewContributorsError) and the E3 fails with a refund.
 */
import { addMany, type BfvParameters, type Ciphertext } from '@interfold/bfv';
import type { DataPoolConfig } from './config.js';
import { TooFewContributorsError } from './errors.js';

/** An accepted input as the chain lists it (InputPublished: index, sender, data). */
export type PoolInput = { readonly index: number; readonly submitter: string; readonly ciphertext: Ciphertext };

/** The counted inputs: the first per submitter (addresses compared case-insensitively), by index. */
export function countedContributions<I extends { readonly index: number; readonly submitter: string }>(inputs: readonly I[]): I[] {
  const seen = new Set<string>();
  const out: I[] = [];
  for (const x of [...inputs].sort((a, b) => a.index - b.index)) {
    const who = x.submitter.toLowerCase();
    if (seen.has(who)) continue;
    seen.add(who);
    out.push(x);
  }
  return out;
}

/** The minimum-contributors rule on the counted inputs (TooFewContributorsError: no output). */
export function checkContributors(c: DataPoolConfig, counted: number): void {
  if (counted < c.minContributors) {
    throw new TooFewContributorsError('fewer distinct contributors than the minimum: nothing is released', { details: `${counted} < ${c.minContributors}` });
  }
}

export function computeDataPool(params: BfvParameters, c: DataPoolConfig, inputs: readonly PoolInput[]): Ciphertext {
  const counted = countedContributions(inputs);
  checkContributors(c, counted.length);
  return addMany(params, counted.map((x) => x.ciphertext));
}
