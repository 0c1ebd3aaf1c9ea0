import { BaseError } from '@interfold/ring';

/** Base of every peer-network error. */
export class NetError extends BaseError {
  override name = 'NetError';
}

/** A frame, gossip message or response exceeds its size limit. */
export class FrameTooLargeError extends NetError {
  override name = 'FrameTooLargeError';
}

/** A stream ended before a whole frame, or carried bytes after it. */
export class FrameError extends NetError {
  override name = 'FrameError';
}

/** A sync request got no response in time. */
export class SyncTimeoutError extends NetError {
  override name = 'SyncTimeoutError';
}

/** The remote sync handler failed or refused the request. */
export class SyncRemoteError extends NetError {
  override name = 'SyncRemoteError';
}

/** A peer record does not decode, is for another chain, or its signature does not match. */
export class PeerRecordError extends NetError {
  override name = 'PeerRecordError';
}

/** No peer id is known for an operator address (no valid peer record seen yet). */
export class UnknownPeerError extends NetError {
  override name = 'UnknownPeerError';
}

/** A peer exceeded its inbound budget; its data is dropped. */
export class RateLimitedError extends NetError {
  override name = 'RateLimitedError';
}
