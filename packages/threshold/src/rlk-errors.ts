/** Errors of the relinearisation-key protocol (rlk.ts), on the package's base error class. */
import { BaseError } from '@interfold/ring';

export { ProtocolError } from './errors.js';

/** An rlk share fails a check: structure, party, or its RLWE relation (rlk-check.ts). */
export class RlkShareError extends BaseError {
  override name = 'RlkShareError';
}
