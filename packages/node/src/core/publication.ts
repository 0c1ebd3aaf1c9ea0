/**
 * What goes on chain besides signatures: the public-key bytes and the Poseidon2 commitment users
 * prove against (circuits: commitRnsPolys(DOMAINS.PK, [pk0, pk1]) over centred coefficients, the
 * public input of the user-encryption circuit), and the plaintext encoding
 * abi.encode(bytes32[] words) the decryption verifiers take (HonkAdapters.sol): coefficient i of
 * the plaintext in [0, t) as one word, trailing zero coefficients dropped (at least one word).
 */
import { decodeCoeffs, encodePublicKey, type Plaintext, type PublicKey } from '@interfold/bfv';
import { centredPublicKey, commitRnsPolys, DOMAINS } from '@interfold/circuits';
import { bytesToHex, encodeAbiParameters, toHex, type Hex } from 'viem';
import { layoutOf } from './ciphertext.js';

export const publicKeyBytes = (pk: PublicKey): Hex => bytesToHex(encodePublicKey(pk));

export function pkCommitmentOf(pk: PublicKey): Hex {
  const c = centredPublicKey(pk);
  const l = layoutOf(pk.params);
  return toHex(commitRnsPolys(DOMAINS.PK, [c.pk0, c.pk1], l.moduli, l.N), { size: 32 });
}

/** The coefficients without their trailing zeros (at least one kept): the form of a signed plaintext output. */
export function withoutTrailingZeros(coeffs: readonly bigint[]): bigint[] {
  let end = coeffs.length;
  while (end > 1 && coeffs[end - 1] === 0n) end--;
  return coeffs.slice(0, end);
}

export function plaintextWords(pt: Plaintext): bigint[] {
  return withoutTrailingZeros(decodeCoeffs(pt).map((c) => BigInt(c)));
}

export const encodePlaintextOutput = (pt: Plaintext): Hex =>
  encodeAbiParameters([{ type: 'bytes32[]' }], [plaintextWords(pt).map((w) => toHex(w, { size: 32 }))]);
