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
