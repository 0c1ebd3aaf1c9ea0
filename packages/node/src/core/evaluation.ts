/**
 * What a program of depth ≥ 1 changes in an E3 (docs/node/core.md "Depth ≥ 1: relinearisation
 * key and committee masks"): the session's smudging is budgeted for the program's depth
 * (threshold DepthSession, mul-noise.ts), the DKG runs the extra rounds of rlk.ts, and the
 * resulting rlk and masks are handed to the program in its context.
 */
import { encodeRelinKey } from '@interfold/bfv';
import { DEFAULT_LAMBDA, DepthSession, maxSmudgingLambda, Session } from '@interfold/threshold';
import { keccak256 } from 'viem';
import type { ParamSet } from './params.js';
import type { Program, ProgramContext } from './program.js';
import { RLK_SECRET_DOMAIN, RlkStage, type RlkOptions, type RlkOutcome } from './rlk.js';
import type { DutyContext } from './e3.js';
import type { RandomSource } from '@interfold/ring';

/** One rlk round's timeout when the configuration names none: the c12 round's. */
export const rlkTimeout = (t: DutyContext['timeouts']): number => t.rlk ?? t.c12;

/**
 * The E3's session. Depth 0: as before (λ = the default, or the largest an INSECURE set allows).
 * Depth ≥ 1: a DepthSession for the program's multiplications and products, with λ the largest
 * the set allows at that depth, at most the default (PRODUCTION, n = 3, depth 1: 76; a set below
 * the spec's floor of 50 is refused by threshold's smudgingBound, so such an E3 fails locally).
 */
export function sessionFor(set: ParamSet, program: Program, o: { n: number; T: number; seed: Uint8Array; maxInputs: number }): Session {
  const multiplications = program.depth?.multiplications ?? 0;
  const base = { params: set.params, transport: set.transport, n: o.n, T: o.T, seed: o.seed, maxInputs: o.maxInputs };
  if (multiplications === 0) {
    const lambda = set.params.insecure ? Math.min(DEFAULT_LAMBDA, maxSmudgingLambda(set.params, { n: o.n, maxInputs: o.maxInputs })) : DEFAULT_LAMBDA;
    return new Session({ ...base, lambda });
  }
  const products = program.depth?.products ?? 1;
  const lambda = Math.min(DEFAULT_LAMBDA, maxSmudgingLambda(set.params, { n: o.n, maxInputs: o.maxInputs, multiplications, products }));
  return new DepthSession({ ...base, lambda, multiplications, products });
}

/** The extra DKG rounds of the E3's program, or undefined (depth 0, no masks). */
export function extraRounds(c: DutyContext): (RlkOptions & { src: RandomSource }) | undefined {
  const depth = (c.program.depth?.multiplications ?? 0) > 0;
  const masks = c.program.masks ?? 0;
  if (!depth && masks === 0) return undefined;
  return { depth, masks, timeout: rlkTimeout(c.timeouts), src: c.secrets.stream(RLK_SECRET_DOMAIN) };
}

export function evaluationOf(o: RlkOutcome): Pick<ProgramContext, 'evaluationKey' | 'masks'> {
  return { ...(o.rlk ? { evaluationKey: o.rlk } : {}), ...(o.masks ? { masks: o.masks } : {}) };
}

/** The persisted progress record: hashes of the rlk and the masks this node computes with. */
export function evaluationRecord(o: RlkOutcome): Record<string, string> {
  return {
    stage: 'rlk-complete',
    ...(o.rlk ? { rlkHash: keccak256(encodeRelinKey(o.rlk)) } : {}),
    ...(o.masks ? { masksHash: RlkStage.masksHash(o.masks) } : {}),
  };
}
