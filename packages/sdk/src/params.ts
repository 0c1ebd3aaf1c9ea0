/**
 * Parameter sets by their on-chain id (keccak256 of the name, contracts' paramSetId): the E3
 * stores only the id, so the SDK maps it back to @interfold/bfv's named sets.
 */
import { bfvParameters, PARAMETER_SETS, type BfvParameters } from '@interfold/bfv';
import { paramSetId } from '@interfold/contracts';
import type { Hex } from 'viem';
import { ConfigurationError } from './errors.js';

export type ParameterSetName = string;

/** The known sets (bfv's PARAMETER_SETS) by name. */
export function parameterSet(name: ParameterSetName): BfvParameters {
  const lit = Object.values(PARAMETER_SETS).find((p) => p.name === name);
  if (!lit) throw new ConfigurationError('unknown parameter set', { details: `${name}; known: ${Object.values(PARAMETER_SETS).map((p) => p.name).join(', ')}` });
  return bfvParameters(lit);
}

/** The set whose id the orchestrator stores (E3.paramSet). */
export function parameterSetById(id: Hex): BfvParameters {
  const lit = Object.values(PARAMETER_SETS).find((p) => paramSetId(p.name).toLowerCase() === id.toLowerCase());
  if (!lit) throw new ConfigurationError('the E3 uses a parameter set this SDK does not know', { details: id });
  return bfvParameters(lit);
}

export { paramSetId };
