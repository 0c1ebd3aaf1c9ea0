/**
 * encryptInput: encrypts a message under the E3's committee key with @interfold/bfv's
 * encryptWithWitness. The witness (encryption randomness u, e0, e1) is SECRET: it reveals the
 * message; it exists only to prove the encryption (proveInput) and should be dropped after.
 */
import { encodeCoeffs, encryptWithWitness, Plaintext, type Ciphertext, type PublicKey } from '@interfold/bfv';
import type { E3ClientBase } from '../client.js';
import { InputError } from '../errors.js';

export type EncryptInputParameters = {
  publicKey: PublicKey;
  /** Coefficients in [0, t) (at most N), or a bfv Plaintext. */
  message: readonly (number | bigint)[] | Plaintext;
};

export type EncryptionWitness = ReturnType<typeof encryptWithWitness>['witness'];

export type EncryptedInput = { ciphertext: Ciphertext; witness: EncryptionWitness; publicKey: PublicKey };

export function encryptInput(_client: E3ClientBase | undefined, { publicKey, message }: EncryptInputParameters): EncryptedInput {
  const params = publicKey.params;
  let pt: Plaintext;
  if (message instanceof Plaintext) pt = message;
  else {
    if (!Array.isArray(message) || message.length === 0 || message.length > params.N) {
      throw new InputError('the message must have 1..N coefficients', { details: `${(message as unknown[]).length} for N = ${params.N}` });
    }
    message.forEach((v, j) => {
      const b = typeof v === 'bigint' ? v : Number.isInteger(v) ? BigInt(v) : -1n;
      if (b < 0n || b >= params.t) throw new InputError('message coefficient out of range', { details: `message[${j}] = ${v} not in [0, ${params.t})` });
    });
    pt = encodeCoeffs(params, message);
  }
  const { ciphertext, witness } = encryptWithWitness(params, publicKey, pt);
  return { ciphertext, witness, publicKey };
}
