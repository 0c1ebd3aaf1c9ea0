/** Typed errors of the data pool program, on the project's base error class. */
import { BaseError } from '@interfold/ring';

/** The pool does not fit the parameter set (too many fields, sums could wrap mod t, bad minimum). */
export class DataPoolConfigError extends BaseError {
  override name = 'DataPoolConfigError';
}

/** A contribution is not a valid encoding (wrong length, a count out of [0, maxCount]). */
export class InvalidContributionError extends BaseError {
  override name = 'InvalidContributionError';
}

/** Fewer distinct contributors than the minimum fixed at request: nothing may be released. */
export class TooFewContributorsError extends BaseError {
  override name = 'TooFewContributorsError';
}

/** The decrypted output is not of the program's shape (a wrong key or computation). */
export class DataPoolOutputError extends BaseError {
  override name = 'DataPoolOutputError';
}
