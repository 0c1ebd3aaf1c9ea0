/** Typed errors of @interfold/contracts (all derive from the shared BaseError). */
import { BaseError } from '@interfold/ring';

/** solc reported errors, or its output lacks a contract we need. */
export class CompileError extends BaseError {
  override name = 'CompileError';
}

/** The committed artifacts do not match the Solidity sources (run `npm run build:contracts`). */
export class StaleArtifactsError extends BaseError {
  override name = 'StaleArtifactsError';
}

/** anvil could not be started, or did not answer in time. */
export class AnvilError extends BaseError {
  override name = 'AnvilError';
}

/** A deployment step failed, or a deployment file is malformed. */
export class DeploymentError extends BaseError {
  override name = 'DeploymentError';
}

/** Arguments to an off-chain helper (sortition, digests, encoders) are out of range. */
export class InvalidArgumentError extends BaseError {
  override name = 'InvalidArgumentError';
}

/** Blob data path (EIP-4844 inputs): KZG setup, sidecars, or blobs that do not match their versioned hashes. */
export class BlobError extends BaseError {
  override name = 'BlobError';
}

/**
 * A blob input whose bytes are available and match their versioned hashes but are not a valid
 * input: not a canonical ciphertext, or not evaluating to the ctEval the proof was verified for
 * (docs/INPUTS.md). Deterministic from public data: every honest node drops the same inputs.
 */
export class InvalidBlobInputError extends BlobError {
  override name = 'InvalidBlobInputError';
}
