/**
 * Size limits per phase, from the E3's parameter sets (an upper bound of the canonical encodings,
 * 8 bytes per residue plus headers). A message above its phase's limit is rejected before any
 * parsing. Share bundles and dispute answers are MBs at PRODUCTION: they go direct to one peer
 * (net frames them); everything else is gossip-sized.
 */
import { Phase } from '../types.js';
import { ENVELOPE_OVERHEAD } from './envelope.js';
import type { PayloadContext } from './payloads.js';
import { rlkPayloadLimits } from './rlk.js';

/** Largest proof slot (an UltraHonk proof is ~9–16 KiB; committee masks carry up to 8). */
export const MAX_PROOF_BYTES = 160 * 1024;
/** No envelope is ever larger than this, whatever its phase claims. */
export const MAX_ENVELOPE_BYTES = 256 * 1024 * 1024;

export type PhaseLimits = Readonly<Record<Phase, number>>;

/** Maximum payload bytes of each phase for one E3. */
export function payloadLimits(ctx: PayloadContext): PhaseLimits {
  const { params, transport, n, T } = ctx;
  const poly = params.L * params.N * 8 + 64;
  const tPoly = transport.L * transport.N * 8 + 64;
  const tCt = 2 * tPoly + 64;
  const bundle = 3 * params.L * tCt + 256;
  const opening = 3 * poly + 3 * params.L * (3 * transport.N + 64) + 256;
  const envelope = (p: number) => ENVELOPE_OVERHEAD + p + MAX_PROOF_BYTES;
  return Object.freeze({
    [Phase.TransportKey]: 2 * tPoly + 256,
    [Phase.PkShare]: 2 * poly + 256,
    [Phase.ShareCommitments]: n * 40 + 256,
    [Phase.ShareBundle]: bundle,
    [Phase.MaskedPolynomial]: (T + 1) * poly + 256,
    // One complaint per dealer, each with at most one signed bundle envelope as evidence.
    [Phase.Complaints]: 8 + n * (64 + envelope(bundle)),
    [Phase.ShareOpening]: opening + bundle + 64,
    [Phase.ShareReveal]: 3 * poly + 256,
    [Phase.PkAttestation]: 1 + 32 + 32 + 65,
    [Phase.DecryptionShare]: poly + 256,
    [Phase.OutputRejection]: 1 + 32 + 65,
    [Phase.DecryptionAttestation]: 1 + 32 + 32 + 65,
    [Phase.KeySharesAttestation]: 1 + 32 + 65,
    [Phase.PkShareSignature]: 1 + 32 + 65,
    [Phase.RlkRound1]: rlkPayloadLimits(params).round,
    [Phase.RlkRound2]: rlkPayloadLimits(params).round,
    [Phase.CommitteeMasks]: rlkPayloadLimits(params).masks,
  } as Record<Phase, number>);
}

/** Maximum envelope bytes of a phase. */
export const envelopeLimit = (limits: PhaseLimits, phase: Phase): number => Math.min(MAX_ENVELOPE_BYTES, ENVELOPE_OVERHEAD + limits[phase] + MAX_PROOF_BYTES);
/** Largest signed bundle envelope a complaint may carry as evidence. */
export const evidenceLimit = (limits: PhaseLimits): number => envelopeLimit(limits, Phase.ShareBundle);
