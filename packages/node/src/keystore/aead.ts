/**
 * AES-256-GCM with a random 96-bit nonce, as `nonce ‖ ciphertext ‖ tag`. Shared by the keystore
 * (the file's secrets) and the store (secret records at rest). Random nonces are safe for the
 * volumes here (far below 2^32 messages per key).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/hashes/utils.js';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export function seal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const ct = gcm(key, nonce, aad).encrypt(plaintext);
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(nonce);
  out.set(ct, NONCE_BYTES);
  return out;
}

/** The plaintext, or null when authentication fails (wrong key, altered bytes or AAD, truncated). */
export function open(key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    return gcm(key, sealed.subarray(0, NONCE_BYTES), aad).decrypt(sealed.subarray(NONCE_BYTES));
  } catch {
    return null;
  }
}
