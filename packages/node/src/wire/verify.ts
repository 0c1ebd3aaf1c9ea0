/**
 * Checks received envelope bytes in the order of DESIGN.md: size limit (per phase), version,
 * chain/orchestrator/e3Id, sender ∈ committee, phase known, signature (recovers to the sender),
 * then the typed payload decoder, then the proof hook. The first failing check throws its typed
 * WireError; nothing is returned (so nothing applied) from a rejected message.
 */
import { getAddress, type Address } from 'viem';
import type { PeerMessage, ProofSystem } from '../types.js';
import { decodeEnvelope, envelopeDigest, PHASE_OFFSET, recoverDigestSigner, WIRE_VERSION } from './envelope.js';
import { OversizeError, SignatureError, UnknownPhaseError, UnknownSenderError, VersionError, WrongContextError } from './errors.js';
import { envelopeLimit, evidenceLimit, MAX_ENVELOPE_BYTES, MAX_PROOF_BYTES, payloadLimits, type PhaseLimits } from './limits.js';
import { decodePayload, isPhase, type Payload, type PayloadContext } from './payloads.js';
import { checkProof } from './proof.js';

export type EnvelopeContext = {
  readonly chainId: number;
  readonly orchestrator: Address;
  /** Verifying contract of the NodeMessage signatures (equivocation evidence). */
  readonly slashingManager: Address;
  readonly e3Id: bigint;
  /** The E3's committee in party order (party id = index + 1). */
  readonly committee: readonly Address[];
  readonly limits: PhaseLimits;
};

export type MessageContext = EnvelopeContext & { readonly payload: PayloadContext; readonly proofs: ProofSystem };

export const envelopeContext = (c: Omit<EnvelopeContext, 'limits'>, payload: PayloadContext): EnvelopeContext => ({ ...c, limits: payloadLimits(payload) });

/** Party id (1-based) of `sender` in the committee, or 0. */
export function partyOf(committee: readonly Address[], sender: Address): number {
  const s = sender.toLowerCase();
  return committee.findIndex((m) => m.toLowerCase() === s) + 1;
}

/** Envelope checks through the signature; returns the message with its raw payload. */
export function verifyEnvelope(bytes: Uint8Array, ctx: EnvelopeContext): PeerMessage {
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new OversizeError('Envelope above the absolute limit', { details: `${bytes.length} bytes` });
  if (bytes.length > PHASE_OFFSET) {
    const phase = bytes[PHASE_OFFSET];
    if (isPhase(phase) && bytes.length > envelopeLimit(ctx.limits, phase)) {
      throw new OversizeError('Envelope above its phase limit', { details: `phase ${phase}: ${bytes.length} > ${envelopeLimit(ctx.limits, phase)} bytes` });
    }
  }
  if (bytes.length > 0 && bytes[0] !== WIRE_VERSION) throw new VersionError('Unsupported envelope version', { details: `${bytes[0]}` });
  const m = decodeEnvelope(bytes);
  if (isPhase(m.phase) && (m.payload.length > ctx.limits[m.phase] || m.proof.length > MAX_PROOF_BYTES)) {
    throw new OversizeError('Payload or proof above its phase limit', { details: `phase ${m.phase}: payload ${m.payload.length} > ${ctx.limits[m.phase]} or proof ${m.proof.length} > ${MAX_PROOF_BYTES}` });
  }
  checkContext(m, ctx);
  if (m.signature === undefined) throw new SignatureError('Missing signature');
  const signer = recoverDigestSigner(envelopeDigest(m, ctx.slashingManager), m.signature);
  if (signer !== getAddress(m.sender)) throw new SignatureError('Signature is not by the sender', { details: `sender ${m.sender}, signer ${signer}` });
  return m;
}

/** The checks between decoding and the signature (also applied to messages built in memory). */
export function checkContext(m: Omit<PeerMessage, 'signature'>, ctx: EnvelopeContext): void {
  if (m.version !== WIRE_VERSION) throw new VersionError('Unsupported envelope version', { details: `${m.version}` });
  if (m.chainId !== ctx.chainId) throw new WrongContextError('Message for another chain', { details: `${m.chainId} ≠ ${ctx.chainId}` });
  if (m.orchestrator.toLowerCase() !== ctx.orchestrator.toLowerCase()) throw new WrongContextError('Message for another orchestrator', { details: m.orchestrator });
  if (m.e3Id !== ctx.e3Id) throw new WrongContextError('Message for another E3', { details: `${m.e3Id} ≠ ${ctx.e3Id}` });
  if (partyOf(ctx.committee, m.sender) === 0) throw new UnknownSenderError('Sender is not a member of this committee', { details: m.sender });
  if (!isPhase(m.phase)) throw new UnknownPhaseError('Unknown phase', { details: `${m.phase}` });
  if (m.slot >> 32n !== BigInt(m.phase)) throw new UnknownPhaseError('Slot does not belong to the phase', { details: `phase ${m.phase}, slot ${m.slot}` });
}

export type VerifiedMessage = { readonly message: PeerMessage; readonly party: number; readonly payload: Payload };

/** Every synchronous check: envelope, typed payload, proof-slot policy (the proof itself is verified at the gate, async). */
export function verifyMessage(bytes: Uint8Array, ctx: MessageContext): VerifiedMessage {
  const message = verifyEnvelope(bytes, ctx);
  return openPayload(message, ctx);
}

/** Payload decoding and proof check of a message whose envelope was verified. */
export function openPayload(message: PeerMessage, ctx: MessageContext): VerifiedMessage {
  const party = partyOf(ctx.committee, message.sender);
  const payload = decodePayload(message.phase, message.payload, ctx.payload, evidenceLimit(ctx.limits));
  checkProof(ctx.proofs, message.phase, message.proof);
  return { message, party, payload };
}
