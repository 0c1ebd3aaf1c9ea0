import { BaseError } from '@interfold/ring';

export { BaseError, DecodeError, InvalidParameterError, MismatchError } from '@interfold/ring';

/** A ciphertext's noise is too large for the requested operation or decryption. */
export class NoiseOverflowError extends BaseError {
  override name = 'NoiseOverflowError';
}
