/** Parameter-set ids as the orchestrator stores them: keccak256 of the set's name. */
import { keccak256, stringToHex, type Hex } from 'viem';
import { InvalidArgumentError } from './errors.js';

export function paramSetId(name: string): Hex {
  if (name.length === 0 || name.length > 128) throw new InvalidArgumentError('parameter-set name must be 1..128 characters', { details: name });
  return keccak256(stringToHex(name));
}
