/**
 * Errors of the SDK, on the project's base error (short message, details, cause): callers branch
 * with `instanceof` or on `name`.
 */
import { BaseError } from '@interfold/ring';

export class E3ClientError extends BaseError {
  override name = 'E3ClientError';
}

/** The client is misconfigured: no RPC, no account, wrong chain, a contract missing from the deployment. */
export class ConfigurationError extends E3ClientError {
  override name = 'ConfigurationError';
}

/** No E3 with this id on this orchestrator. */
export class E3NotFoundError extends E3ClientError {
  override name = 'E3NotFoundError';
}

/** The E3 is not in the stage the action needs (e.g. no key yet, not complete, failed). */
export class StageError extends E3ClientError {
  override name = 'StageError';
}

/** The published public key does not match what the chain committed to (hash, commitment, proof). */
export class PublicKeyError extends E3ClientError {
  override name = 'PublicKeyError';
}

/** Encryption or proving failed (bad message, prover error). */
export class InputError extends E3ClientError {
  override name = 'InputError';
}

/** The chain rejected the input (the decoded revert is in details). */
export class InputRejectedError extends E3ClientError {
  override name = 'InputRejectedError';
}

/** The published plaintext does not match what the chain verified, or does not decode. */
export class ResultError extends E3ClientError {
  override name = 'ResultError';
}

/** A wait ran past its timeout or was aborted. */
export class WaitTimeoutError extends E3ClientError {
  override name = 'WaitTimeoutError';
}

/** Blob data path errors come from @interfold/contracts (where nodes read blob inputs too). */
export { BlobError } from '@interfold/contracts';
