/**
 * Typed errors of @interfold/circuits. Each derives from the project's BaseError (short message,
 * details, cause) so callers branch with `instanceof` or on the stable `name`.
 */
import { BaseError } from '@interfold/ring';

/** Noir sources failed to compile, or a compiled artifact does not match the circuit/ABI expected. */
export class CircuitArtifactError extends BaseError {
  override name = 'CircuitArtifactError';
}

/** Witness generation failed: an assertion of the circuit does not hold for the given inputs. */
export class WitnessError extends BaseError {
  override name = 'WitnessError';
  /** The message of the failing Noir assertion, when the circuit gave one. */
  readonly assertion: string | undefined;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; assertion?: string } = {}) {
    super(shortMessage, options);
    this.assertion = options.assertion;
  }
}

/** The prover (native bb through bb.js) failed. */
export class ProverError extends BaseError {
  override name = 'ProverError';
}

/** A proof was rejected (by the deployed Solidity verifier or bb), or was malformed. */
export class VerificationError extends BaseError {
  override name = 'VerificationError';
}

/** The CRS is missing, malformed, too small, or refused (development CRS in production). */
export class CrsError extends BaseError {
  override name = 'CrsError';
}

/** Inputs to a circuit builder are of the wrong shape or out of range. */
export class CircuitInputError extends BaseError {
  override name = 'CircuitInputError';
}
