/**
 * Typed errors of the wire layer. Every rejection of peer bytes is one of these (never a bare
 * TypeError/RangeError), so the net layer can count, log and drop by `name`, and nothing from a
 * rejected message is applied.
 */
import { BaseError } from '@interfold/ring';

export class WireError extends BaseError {
  override name = 'WireError';
}
/** Larger than the limit of its phase (or than any phase allows). */
export class OversizeError extends WireError {
  override name = 'OversizeError';
}
/** Structurally malformed envelope (truncated, trailing bytes, bad length fields). */
export class MalformedEnvelopeError extends WireError {
  override name = 'MalformedEnvelopeError';
}
/** Envelope or payload format version not supported. */
export class VersionError extends WireError {
  override name = 'VersionError';
}
/** For another chain, orchestrator or E3. */
export class WrongContextError extends WireError {
  override name = 'WrongContextError';
}
/** Sender is not a member of this E3's committee. */
export class UnknownSenderError extends WireError {
  override name = 'UnknownSenderError';
}
/** Phase byte unknown, or slot not of this phase. */
export class UnknownPhaseError extends WireError {
  override name = 'UnknownPhaseError';
}
/** Signature malformed, non-canonical, or not by the sender. */
export class SignatureError extends WireError {
  override name = 'SignatureError';
}
/** The payload does not decode as its phase's type (or claims another party). */
export class PayloadError extends WireError {
  override name = 'PayloadError';
}
/** The proof slot is wrong for the phase's policy, or the proof does not verify. */
export class ProofError extends WireError {
  override name = 'ProofError';
}
