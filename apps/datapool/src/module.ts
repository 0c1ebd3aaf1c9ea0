/**
 * The data pool as a program module for the ciphernode daemons (the session's program plugin:
 * `createProgram(id)` → { id, name, compute }; daemon config `programs: [{ id, module }]`).
 * Every member recomputes it from the chain's accepted inputs: the sum of each submitter's FIRST
 * contribution (the program contract already refuses a second one). The minimum number of
 * distinct contributors is enforced on chain (DataPoolProgram's output gate: below it the output
 * is refused, nothing is decrypted, and the E3 fails with a refund), so it is not re-checked here.
 */
import { addMany, type BfvParameters } from '@interfold/bfv';
import type { Program, ProgramContext, ProgramInput } from '@interfold/node';
import { countedContributions } from './compute.js';
import { InvalidContributionError } from './errors.js';
import { dataPoolProgram } from './program.js';

export type { Program, ProgramInput, ProgramContext };

export function createProgram(id: bigint): Program {
  return Object.freeze({
    id,
    name: dataPoolProgram.name,
    compute: (params: BfvParameters, inputs: readonly ProgramInput[]) => {
      const indexed = inputs.map((x) => {
        if (x.index < 0n || x.index > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidContributionError('input index out of range', { details: String(x.index) });
        return { ...x, index: Number(x.index) };
      });
      const counted = countedContributions(indexed);
      if (counted.length === 0) throw new InvalidContributionError('no contributions to sum');
      return addMany(params, counted.map((x) => x.ciphertext));
    },
  });
}
