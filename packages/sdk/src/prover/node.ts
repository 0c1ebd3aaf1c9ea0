/**
 * The Node prover: the circuits package's user-encryption circuit (compiled once per parameter
 * set and cached, native bb). Import from `@interfold/sdk/node`.
 */
import type { BfvParameters } from '@interfold/bfv';
import { closeUserEncryption, userEncryptionFor, type ZkConfig } from '@interfold/circuits';
import { InputError } from '../errors.js';
import type { InputProver } from './types.js';

export function nodeProver(config: ZkConfig = {}): InputProver {
  return {
    async prove(params: BfvParameters, witness, binding) {
      const ue = await userEncryptionFor(params, config);
      try {
        const r = await ue.circuit.proveWitness(witness, binding);
        return { proof: r.proof, publicInputs: r.publicInputs };
      } catch (cause) {
        throw new InputError('the user-encryption proof failed', { details: cause instanceof Error ? cause.message : String(cause), cause });
      }
    },
    async close() {
      await closeUserEncryption();
    },
  };
}
