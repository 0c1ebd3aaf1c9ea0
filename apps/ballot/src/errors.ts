/** Typed errors of the ballot program, on the project's base error class. */
import { BaseError } from '@interfold/ring';

/** The poll does not fit the parameter set (options, allowlist size). */
export class BallotConfigError extends BaseError {
  override name = 'BallotConfigError';
}

/** A ballot is not valid: not exactly one option, or the voter is not in the allowlist. */
export class InvalidBallotError extends BaseError {
  override name = 'InvalidBallotError';
}

/** The decrypted output is not a tally of this poll (a wrong key or computation). */
export class BallotOutputError extends BaseError {
  override name = 'BallotOutputError';
}
