/** Typed errors of the protocol core. */
import { BaseError } from '@interfold/ring';

export class CoreError extends BaseError {
  override name = 'CoreError';
}
/** The E3's parameter set id is not one this node supports. */
export class UnknownParamSetError extends CoreError {
  override name = 'UnknownParamSetError';
}
/** The E3's program id has no registered Program. */
export class UnknownProgramError extends CoreError {
  override name = 'UnknownProgramError';
}
/** An input on chain does not decode as a ciphertext of the E3's parameter set. */
export class InputDecodeError extends CoreError {
  override name = 'InputDecodeError';
}
/** A persisted snapshot does not decode. */
export class SnapshotError extends CoreError {
  override name = 'SnapshotError';
}
