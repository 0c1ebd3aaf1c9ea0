/**
 * Programs run over the accepted input ciphertexts (SYSTEM.md §3, step 6). Deterministic: every
 * member recomputes the compute provider's output and compares bytes.
 *
 * The plugin shape (session-3 agreement): a program module is an ES module exporting
 * `createProgram(id: bigint): Program`; the daemon loads the modules named in its config
 * (`programs`, src/daemon/programs.ts). The built-in sum stays registered under the deployment's
 * dev program id.
 */
import { addMany, type BfvParameters, type Ciphertext, type RelinKey } from '@interfold/bfv';
import type { CommitteeMasks } from '../wire/rlk.js';
import { CoreError, UnknownProgramError } from './errors.js';

/** A program threw, or returned something other than a ciphertext of the E3's parameters. */
export class ProgramFailedError extends CoreError {
  override name = 'ProgramFailedError';
}

/** One input the chain accepted, in chain order (E3Orchestrator InputPublished). */
export interface ProgramInput {
  /** Position in the on-chain input accumulator. */
  readonly index: bigint;
  readonly submitter: `0x${string}`;
  readonly ciphertext: Ciphertext;
  /** The raw on-chain input bytes (the input verifier's ABI tuple), for program-specific public inputs. */
  readonly data: Uint8Array;
}

export interface ProgramContext {
  readonly e3Id: bigint;
  /** The E3's committee in sortition order (empty when the compute provider never saw it). */
  readonly committee: readonly `0x${string}`[];
  /**
   * Programs of depth ≥ 1: the relinearisation key the committee's DKG produced for s = Σ_{i∈A} sk_i
   * (core/rlk.ts, Mouchet et al. 2021 RKG). Absent for depth-0 programs.
   */
  readonly evaluationKey?: RelinKey;
  /**
   * Programs with `masks`: every member of the final A's mask ciphertexts (uniform slot vectors from
   * its secret stream, encrypted under the E3's pk), by ascending member id. Absent otherwise.
   */
  readonly masks?: readonly CommitteeMasks[];
}

/** Multiplicative depth a program needs (threshold's DepthSession budget). */
export type ProgramDepth = { readonly multiplications: number; readonly products?: number };

export interface Program {
  readonly id: bigint;
  readonly name: string;
  /**
   * ≥ 1 multiplications: the DKG also runs the relinearisation-key rounds and the session's
   * smudging is budgeted for this depth (DepthSession). Absent or 0: sums only.
   */
  readonly depth?: ProgramDepth;
  /** Mask ciphertexts each member of A contributes in the DKG (uniform slots; at most 8). Absent: 0. */
  readonly masks?: number;
  /** Deterministic: same inputs (in chain order) and context → same ciphertext. At least one input. */
  compute(params: BfvParameters, inputs: readonly ProgramInput[], context: ProgramContext): Ciphertext;
}

/** What a program module exports. */
export type ProgramFactory = (id: bigint) => Program;

/** The built-in sum: adds the input ciphertexts (coefficient-wise sum of the plaintexts mod t). */
export const sumProgram = (id: bigint): Program =>
  Object.freeze({
    id,
    name: 'sum',
    compute: (params: BfvParameters, inputs: readonly ProgramInput[]) =>
      addMany(
        params,
        inputs.map((i) => i.ciphertext),
      ),
  });

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
  ids(): bigint[] {
    return [...this.byId.keys()];
  }
}
