/**
 * Typed errors of the threshold package. All derive from `BaseError` (packages/ring/src/errors.ts),
 * so callers can branch with `instanceof` or on the stable `name`.
 */
import { BaseError } from '@interfold/ring';

export { BaseError, DecodeError, InvalidParameterError, MismatchError } from '@interfold/ring';

/** The committee configuration (n, T, ids) is invalid for the parameter sets. */
export class CommitteeConfigError extends BaseError {
  override name = 'CommitteeConfigError';
}

/** Fewer than T + 1 parties remain authorised (DKG) or available (decryption). */
export class QuorumError extends BaseError {
  override name = 'QuorumError';
}

/** A pk share fails a public check (wrong common polynomial a, wrong party, malformed). */
export class InvalidPkShareError extends BaseError {
  override name = 'InvalidPkShareError';
}

/** A received Shamir share fails a check (decryption range, commitment, codeword). */
export class ShareVerificationError extends BaseError {
  override name = 'ShareVerificationError';
}

/** A protocol message arrives out of order, from the wrong party, or for the wrong E3. */
export class ProtocolError extends BaseError {
  override name = 'ProtocolError';
}

/** Decryption shares are inconsistent (they do not lie on one degree-T polynomial). */
export class DecryptionShareError extends BaseError {
  override name = 'DecryptionShareError';
}

/**
 * A one-time secret was asked to be used twice: the smudging share may mask exactly one
 * decryption (two decryption shares with the same smudging noise leak c1·s differences).
 */
export class SecretReuseError extends BaseError {
  override name = 'SecretReuseError';
}

/** A secret object was used after `dispose()`. */
export class DisposedError extends BaseError {
  override name = 'DisposedError';
}

/** The smudging bound cannot meet both the statistical security λ and decryption correctness. */
export class SmudgingBoundError extends BaseError {
  override name = 'SmudgingBoundError';
}
