/**
 * The user-encryption proof over @interfold/bfv objects: `encryptAndProve(pk, message)` encrypts
 * with bfv's `encryptWithWitness` and proves; `verifyInput(pkCommitment, ciphertext, proof)`
 * checks an encrypted input through the deployed Solidity verifier.
 */
import { centredCiphertext, centredPublicKey } from './centred.js';
import {
  encodeCoeffs,
  encryptWithWitness,
  type BfvParameters,
  type Ciphertext,
  type Plaintext,
  type PublicKey,
} from '@interfold/bfv';
import type { RandomSource } from '@interfold/ring';
import type { ZkConfig } from '../config.js';
import type { Proof } from '../circuit.js';
import { CircuitInputError } from '../errors.js';
import type { VerifyResult } from '../verifier/evm.js';
import { UserEncryptionCircuit } from './circuit.js';
import type { InputBinding } from './witness.js';
import type { CentredCiphertext } from './ciphertext.js';

export { centredPublicKey, centredCiphertext } from './centred.js';

export type EncryptedInput = { ciphertext: Ciphertext; proof: Proof; pkCommitment: bigint; context: bigint };

/** A user-encryption prover/verifier bound to one BFV parameter set. */
export class UserEncryption {
  private constructor(
    readonly params: BfvParameters,
    readonly circuit: UserEncryptionCircuit,
  ) {}

  static async load(params: BfvParameters, config: ZkConfig = {}): Promise<UserEncryption> {
    const circuit = await UserEncryptionCircuit.load({ name: params.name, N: params.N, moduli: params.moduli, t: params.t }, config);
    return new UserEncryption(params, circuit);
  }

  pkCommitment(pk: PublicKey): bigint {
    return this.circuit.pkCommitment(centredPublicKey(pk));
  }

  /**
   * Encrypts `message` (a plaintext, or coefficients in [0, t)) under pk and proves it for
   * `binding` (`inputContext(...)` of the E3 and submitter; calldata digest unless given).
   */
  async encryptAndProve(
    pk: PublicKey,
    message: Plaintext | readonly (number | bigint)[],
    binding: InputBinding,
    src?: RandomSource,
  ): Promise<EncryptedInput> {
    let pt: Plaintext;
    if (Array.isArray(message)) {
      const t = this.params.t;
      message.forEach((v, j) => {
        const b = BigInt(v);
        if (b < 0n || b >= t) throw new CircuitInputError('message coefficient out of range', { details: `message[${j}] = ${b} not in [0, ${t})` });
      });
      pt = encodeCoeffs(this.params, message);
    } else {
      pt = message as Plaintext;
    }
    const { ciphertext, witness } = encryptWithWitness(this.params, pk, pt, src);
    const { proof, publicInputs } = await this.circuit.proveWitness(witness, binding);
    return { ciphertext, proof, pkCommitment: publicInputs.pkCommitment, context: publicInputs.context };
  }

  async verifyInput(pkCommitment: bigint, ciphertext: Ciphertext | CentredCiphertext, proof: Proof, context: bigint): Promise<VerifyResult> {
    let ct: CentredCiphertext;
    try {
      ct = 'ct0' in ciphertext ? ciphertext : centredCiphertext(ciphertext);
    } catch (e) {
      if (e instanceof CircuitInputError) return { ok: false, gasUsed: 0n, reason: e.shortMessage };
      throw e;
    }
    return this.circuit.verifyInput(pkCommitment, ct, proof, context);
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}

const loaded = new Map<string, Promise<UserEncryption>>();

/** The (cached) UserEncryption for a parameter set. */
export function userEncryptionFor(params: BfvParameters, config: ZkConfig = {}): Promise<UserEncryption> {
  const key = `${params.name}:${JSON.stringify({ ...config, warn: undefined })}`;
  let p = loaded.get(key);
  if (!p) {
    p = UserEncryption.load(params, config);
    loaded.set(key, p);
  }
  return p;
}

/** Encrypts and proves under pk (its parameter set's circuit is loaded and cached on first use). */
export async function encryptAndProve(
  pk: PublicKey,
  message: Plaintext | readonly (number | bigint)[],
  binding: InputBinding,
  config: ZkConfig = {},
): Promise<EncryptedInput> {
  return (await userEncryptionFor(pk.params, config)).encryptAndProve(pk, message, binding);
}

/** Verifies an encrypted input against the pk commitment and context, through the deployed verifier. */
export async function verifyInput(pkCommitment: bigint, ciphertext: Ciphertext, proof: Proof, context: bigint, config: ZkConfig = {}): Promise<boolean> {
  return (await (await userEncryptionFor(ciphertext.params, config)).verifyInput(pkCommitment, ciphertext, proof, context)).ok;
}

/** Closes every cached prover (their native bb processes). */
export async function closeUserEncryption(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const p of all) await (await p).close();
}
