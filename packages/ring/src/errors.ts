/**
 * The base error of every Interfold TS package (viem-style): a short message a person can
 * read at a glance, optional details (what exactly was wrong, with values), and the cause.
 * Every package derives its own typed errors from it, so callers can branch with `instanceof`
 * or on the stable `name`.
 */
export type BaseErrorOptions = {
  /** What exactly was wrong, with the offending values. */
  details?: string;
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
};

export class BaseError extends Error {
  override name = 'BaseError';
  /** The short message, without details. */
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    const message = options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** A parameter (modulus, degree, bound) is invalid for the requested construction. */
export class InvalidParameterError extends BaseError {
  override name = 'InvalidParameterError';
}

/** Bytes given to a decoder are malformed, truncated, out of range or of another version. */
export class DecodeError extends BaseError {
  override name = 'DecodeError';
}

/** Two objects that must share a context (ring, parameter set) do not. */
export class MismatchError extends BaseError {
  override name = 'MismatchError';
}
