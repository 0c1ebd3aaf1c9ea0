import { BaseError } from '@interfold/ring';

/** Base of every store error. */
export class StoreError extends BaseError {
  override name = 'StoreError';
}

/** A stored record does not parse, fails authentication, or has the wrong kind or length. */
export class StoreCorruptError extends StoreError {
  override name = 'StoreCorruptError';
}

/** A stored record (or the database) was written by a format version this node does not read. */
export class StoreVersionError extends StoreError {
  override name = 'StoreVersionError';
}

/**
 * Sign-once refusal: this node already committed to a different message for the slot (issue 8,
 * "never two different messages for one protocol slot ... even across a crash").
 */
export class EquivocationRefusedError extends StoreError {
  override name = 'EquivocationRefusedError';
}
