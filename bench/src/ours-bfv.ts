/**
 * Our BFV library (@interfold/bfv) as a benchmark subject. Placeholder until the lead wires it
 * from the @interfold/bfv API; until then bfv.ts runs SEAL alone and prints n/a for ours.
 *
 * To wire it, mirror seal-bfv.ts so the comparison stays fair:
 * - parameters: N = 8192, log2 Q close to SEAL's 218 (key level; SEAL's ciphertexts use 174 bits),
 *   a ~20-bit batching t, 128-bit security; report them in describe() with the same keys
 *   (N, 'log2 Q', limbs, t, security).
 * - prepare keys, two encoded plaintexts and two ciphertexts up front; each op closure does ONE
 *   operation: keygen = secret + public key; encrypt = public-key encryption of the encoded
 *   vector; decrypt; add; mul_plain = ciphertext x encoded plaintext; mul_relin = multiply then
 *   relinearize; ntt = one forward NTT of one limb polynomial at N = 8192.
 * - check correctness once before returning (decrypt(encrypt(x)) == x, add, mul_plain,
 *   mul_relin == x*y mod t), and throw BenchError on a wrong result.
 */
import type { BfvSubject } from './harness.js';

export async function createOursSubject(): Promise<BfvSubject> {
  throw new Error('ours: not wired yet');
}
