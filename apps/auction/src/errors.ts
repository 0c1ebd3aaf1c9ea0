/** Typed errors of the auction program, on the project's base error class. */
import { BaseError } from '@interfold/ring';

export { BaseError };

/** A bid is not a valid encoding (level out of range, wrong layout, wrong bidder id). */
export class InvalidBidError extends BaseError {
  override name = 'InvalidBidError';
}

/** The auction does not fit the parameter set (too many levels or bidders). */
export class AuctionConfigError extends BaseError {
  override name = 'AuctionConfigError';
}

/** The decrypted output is not of the program's shape (a wrong key, rlk or computation). */
export class AuctionOutputError extends BaseError {
  override name = 'AuctionOutputError';
}
