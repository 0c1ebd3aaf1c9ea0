/** Typed errors of the chain adapter (src/chain). */
import { BaseError } from '@interfold/ring';

export class ChainError extends BaseError {
  override name = 'ChainError';
}

/** A log of the orchestrator does not decode into a ChainEvent (wrong shape, out-of-range field). */
export class EventDecodeError extends ChainError {
  override name = 'EventDecodeError';
}

/** The chain reorganised deeper than the configured reorg depth: the node stops rather than guess. */
export class ReorgTooDeepError extends ChainError {
  override name = 'ReorgTooDeepError';
}

/** A transaction reverted with an error the caller did not expect (decoded name in details). */
export class TxRevertedError extends ChainError {
  override name = 'TxRevertedError';
  readonly errorName: string | undefined;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; errorName?: string } = {}) {
    super(shortMessage, options);
    this.errorName = options.errorName;
  }
}

/** The RPC kept failing after the configured retries. */
export class RpcUnavailableError extends ChainError {
  override name = 'RpcUnavailableError';
}

/** Registration of an operator could not complete (e.g. not enough tokens). */
export class RegistrationError extends ChainError {
  override name = 'RegistrationError';
}
