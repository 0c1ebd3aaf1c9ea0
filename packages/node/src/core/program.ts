/**
 * Programs run over the accepted input ciphertexts (SYSTEM.md §3, step 6). Deterministic: every
 * member recomputes the compute provider's output and compares bytes.
 */
import { addMany, type BfvParameters, type Ciphertext } from '@interfold/bfv';
import { UnknownProgramError } from './errors.js';

export interface Program {
  readonly id: bigint;
  readonly name: string;
  /** Deterministic: same inputs (in chain order) → same ciphertext. At least one input. */
  compute(params: BfvParameters, inputs: readonly Ciphertext[]): Ciphertext;
}

/** The built-in sum: adds the input ciphertexts (coefficient-wise sum of the plaintexts mod t). */
export const sumProgram = (id: bigint): Program =>
  Object.freeze({ id, name: 'sum', compute: (params: BfvParameters, inputs: readonly Ciphertext[]) => addMany(params, inputs) });

export class ProgramRegistry {
  private readonly byId = new Map<bigint, Program>();
  constructor(programs: readonly Program[] = []) {
    for (const p of programs) this.byId.set(p.id, p);
  }
  get(id: bigint): Program {
    const p = this.byId.get(id);
    if (!p) throw new UnknownProgramError('No program registered under this id', { details: `${id}` });
    return p;
  }
  has(id: bigint): boolean {
    return this.byId.has(id);
  }
}
