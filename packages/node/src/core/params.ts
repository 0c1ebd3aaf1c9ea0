/**
 * Parameter sets by on-chain id (contracts/src/params.ts: keccak256 of the name), each with its
 * share-transport set. INSECURE sets are for tests only (their names say so).
 */
import {
  bfvParameters,
  INSECURE_N1024,
  INSECURE_N512,
  INSECURE_TRANSPORT_N1024,
  INSECURE_TRANSPORT_N512,
  PRODUCTION,
  SHARE_TRANSPORT,
  type BfvParameters,
  type BfvParametersLiteral,
} from '@interfold/bfv';
import { paramSetId } from '@interfold/contracts';
import type { Hex } from 'viem';
import { UnknownParamSetError } from './errors.js';

export type ParamSet = { readonly name: string; readonly id: Hex; readonly params: BfvParameters; readonly transport: BfvParameters };

const PAIRS: readonly (readonly [BfvParametersLiteral, BfvParametersLiteral])[] = [
  [PRODUCTION, SHARE_TRANSPORT],
  [INSECURE_N512, INSECURE_TRANSPORT_N512],
  [INSECURE_N1024, INSECURE_TRANSPORT_N1024],
];

const byId = new Map<string, { literal: BfvParametersLiteral; transport: BfvParametersLiteral }>(
  PAIRS.map(([p, t]) => [paramSetId(p.name).toLowerCase(), { literal: p, transport: t }]),
);
const built = new Map<string, ParamSet>();

/** The names of the supported sets. */
export const SUPPORTED_PARAM_SETS: readonly string[] = PAIRS.map(([p]) => p.name);

export function paramSetById(id: Hex): ParamSet {
  const key = id.toLowerCase();
  const hit = built.get(key);
  if (hit) return hit;
  const e = byId.get(key);
  if (!e) throw new UnknownParamSetError('Unsupported parameter set', { details: `${id}; supported: ${SUPPORTED_PARAM_SETS.join(', ')}` });
  const set = Object.freeze({ name: e.literal.name, id, params: bfvParameters(e.literal), transport: bfvParameters(e.transport) });
  built.set(key, set);
  return set;
}
