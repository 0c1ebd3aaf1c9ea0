/**
 * The protocol messages of P1, P2 and P4 (spec 003) as plain immutable values. Each has a
 * canonical, versioned encoding in serialize.ts. Party ids are 1..n.
 */
import type { Ciphertext, PublicKey } from '@interfold/bfv';
import type { RnsPoly } from '@interfold/ring';
import type { ShareTriple } from './commit.js';
import type { EncryptionRandomness } from './transport.js';

/** C0: a party's individual (transport) public key. */
export type TransportPublicKey = { readonly party: number; readonly pk: PublicKey };

/** C1 output: pk share (p0, p1) = (−a·sk_i + e_i, a). */
export type PkShare = { readonly party: number; readonly p0: RnsPoly; readonly p1: RnsPoly };

/** C2 output: the dealer's hash commitment to each recipient's share triple, recipients ascending. */
export type ShareCommitments = {
  readonly dealer: number;
  readonly entries: readonly { readonly recipient: number; readonly digest: Uint8Array }[];
};

/**
 * C3 output: the dealer's shares for one recipient, one transport ciphertext per limb of each
 * shared polynomial (secret key, smudging noise, mask).
 */
export type EncryptedShareBundle = {
  readonly dealer: number;
  readonly recipient: number;
  readonly sk: readonly Ciphertext[];
  readonly esm: readonly Ciphertext[];
  readonly mask: readonly Ciphertext[];
};

export const ComplaintReason = Object.freeze({
  /** A transport ciphertext decrypts to a value ≥ q_j. */
  OutOfRange: 1,
  /** The decrypted share does not match the dealer's commitment. */
  CommitmentMismatch: 2,
  /** The bundle is missing or does not decode. */
  Malformed: 3,
  /** The shares are not on the dealer's published masked polynomial (consistency.ts). */
  CodewordMismatch: 4,
} as const);
export type ComplaintReason = (typeof ComplaintReason)[keyof typeof ComplaintReason];

/** A recipient's public accusation against a dealer. */
export type Complaint = { readonly accuser: number; readonly dealer: number; readonly reason: ComplaintReason };

/**
 * The dealer's answer to a complaint: the accuser's shares in the clear and the randomness of
 * their 3L transport encryptions (order: sk limbs, esm limbs, mask limbs), so anyone can
 * re-encrypt, compare with the bundle, and check the commitment.
 */
export type ShareOpening = {
  readonly dealer: number;
  readonly recipient: number;
  readonly shares: ShareTriple;
  readonly randomness: readonly EncryptionRandomness[];
};

/**
 * The dealer's masked sharing polynomial Z = ρ + γ1·f + γ2·g (T + 1 coefficients, constant first),
 * published after the challenge γ (consistency.ts).
 */
export type MaskedPolynomial = { readonly dealer: number; readonly coefficients: readonly RnsPoly[] };

/** A recipient's shares from one dealer in the clear (dispute over a codeword complaint). */
export type ShareReveal = { readonly recipient: number; readonly dealer: number; readonly shares: ShareTriple };

/** C6 output: d = c0 + c1·s_j + esm_j, bound to the ciphertext by its digest. */
export type DecryptionShare = { readonly party: number; readonly ctDigest: Uint8Array; readonly d: RnsPoly };
