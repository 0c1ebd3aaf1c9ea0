/**
 * What proveInput needs from a prover: the user-encryption proof of a witness for a binding. Two
 * implementations: Node (`@interfold/sdk/node`: the circuits package, native bb) and the browser
 * (`createBrowserProver`: noir_js + bb.js WebAssembly).
 */
import type { BfvParameters } from '@interfold/bfv';
import type { EncryptionWitness, InputBinding, UserEncryptionPublicInputs } from '@interfold/circuits/user-encryption';

export type InputProof = {
  /** Concatenated 32-byte proof fields, as the Solidity verifier takes them. */
  proof: Uint8Array;
  /** The 6 public inputs, 32-byte big-endian each. */
  publicInputs: Uint8Array[];
};

export interface InputProver {
  prove(params: BfvParameters, witness: EncryptionWitness, binding: InputBinding): Promise<{ proof: InputProof; publicInputs: UserEncryptionPublicInputs }>;
  close?(): Promise<void>;
}
