/**
 * Typed payload codecs, one per phase. The threshold messages reuse packages/threshold's
 * canonical serialisers (serialize.ts); the node's own payloads (complaint lists with evidence,
 * the dealer's dispute answer, attestations) are defined here, versioned, fixed-layout.
 */
import type { BfvParameters } from '@interfold/bfv';
import { BaseError, ByteReader, ByteWriter } from '@interfold/ring';
import * as S from '@interfold/threshold';
import type {
  Complaint,
  DecryptionShare,
  EncryptedShareBundle,
  MaskedPolynomial,
  PkShare,
  ShareCommitments,
  ShareOpening,
  ShareReveal,
  TransportPublicKey,
} from '@interfold/threshold';
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import { Phase } from '../types.js';
import { PayloadError, UnknownPhaseError, VersionError } from './errors.js';
import { decodeCommitteeMasks, type CommitteeMasks } from './rlk.js';

export const PAYLOAD_VERSION = 1;
/** At most this many complaints in one list (one per dealer of a committee of ≤ 2^16). */
const MAX_COMPLAINTS = 1 << 16;

/** What a payload decoder needs: the E3's parameter sets and committee shape. */
export type PayloadContext = {
  readonly params: BfvParameters;
  readonly transport: BfvParameters;
  readonly n: number;
  readonly T: number;
};

/** A complaint plus, when the accuser received one, the dealer's signed bundle envelope (evidence). */
export type ComplaintEntry = { readonly complaint: Complaint; readonly evidence: Uint8Array };
/** The dealer's dispute answer: the opening and the bundle it sent (to check against the evidence). */
export type DisputeAnswer = { readonly opening: ShareOpening; readonly bundle: EncryptedShareBundle };
export type PkAttestation = { readonly pkCommitment: Hex; readonly pkHash: Hex; readonly signature: Hex };
export type OutputRejection = { readonly ciphertextHash: Hex; readonly signature: Hex };
export type DecryptionAttestation = { readonly ciphertextCommitment: Hex; readonly plaintextHash: Hex; readonly signature: Hex };
/** EIP-712 KeyShares(e3Id, tableHash) by the sender over the key-share table it built itself. */
export type KeySharesAttestation = { readonly tableHash: Hex; readonly signature: Hex };
/** EIP-712 PkShare(e3Id, party, session, pkShareCommitment) by the sender over its own C1 commitment (key fold). */
export type PkShareSignature = { readonly pkShareCommitment: Hex; readonly signature: Hex };

export type Payload =
  | { readonly phase: typeof Phase.TransportKey; readonly value: TransportPublicKey }
  | { readonly phase: typeof Phase.PkShare; readonly value: PkShare }
  | { readonly phase: typeof Phase.ShareCommitments; readonly value: ShareCommitments }
  | { readonly phase: typeof Phase.ShareBundle; readonly value: EncryptedShareBundle }
  | { readonly phase: typeof Phase.MaskedPolynomial; readonly value: MaskedPolynomial }
  | { readonly phase: typeof Phase.Complaints; readonly value: readonly ComplaintEntry[] }
  | { readonly phase: typeof Phase.ShareOpening; readonly value: DisputeAnswer }
  | { readonly phase: typeof Phase.ShareReveal; readonly value: ShareReveal }
  | { readonly phase: typeof Phase.PkAttestation; readonly value: PkAttestation }
  | { readonly phase: typeof Phase.DecryptionShare; readonly value: DecryptionShare }
  | { readonly phase: typeof Phase.OutputRejection; readonly value: OutputRejection }
  | { readonly phase: typeof Phase.DecryptionAttestation; readonly value: DecryptionAttestation }
  | { readonly phase: typeof Phase.KeySharesAttestation; readonly value: KeySharesAttestation }
  | { readonly phase: typeof Phase.PkShareSignature; readonly value: PkShareSignature }
  | { readonly phase: typeof Phase.RlkRound1; readonly value: S.RlkRound1Share }
  | { readonly phase: typeof Phase.RlkRound2; readonly value: S.RlkRound2Share }
  | { readonly phase: typeof Phase.CommitteeMasks; readonly value: CommitteeMasks };

const PHASES: ReadonlySet<number> = new Set(Object.values(Phase));
export const isPhase = (p: number): p is Phase => PHASES.has(p);

// ------------------------------------------------------------------------------ node payloads

function versioned(bytes: Uint8Array, what: string): ByteReader {
  const r = new ByteReader(bytes, what);
  const v = r.u8();
  if (v !== PAYLOAD_VERSION) throw new VersionError(`Unsupported ${what} version`, { details: `${v}` });
  return r;
}

export function encodeComplaints(params: BfvParameters, entries: readonly ComplaintEntry[]): Uint8Array {
  const w = new ByteWriter(64 + entries.reduce((s, e) => s + 16 + e.evidence.length, 0));
  w.u8(PAYLOAD_VERSION).u16(entries.length);
  for (const e of entries) w.varBytes(S.encodeComplaint(params, e.complaint)).varBytes(e.evidence);
  return w.finish();
}

export function decodeComplaints(ctx: PayloadContext, bytes: Uint8Array, maxEvidence: number): ComplaintEntry[] {
  const r = versioned(bytes, 'complaint list');
  const count = r.u16();
  if (count > Math.min(MAX_COMPLAINTS, ctx.n)) throw new PayloadError('Too many complaints', { details: `${count} > n = ${ctx.n}` });
  const out: ComplaintEntry[] = [];
  const dealers = new Set<number>();
  for (let i = 0; i < count; i++) {
    const complaint = S.decodeComplaint(ctx.params, r.varBytes(64));
    if (complaint.dealer > ctx.n || complaint.accuser > ctx.n) throw new PayloadError('Complaint names a party outside the committee');
    if (dealers.has(complaint.dealer)) throw new PayloadError('Two complaints against one dealer', { details: `dealer ${complaint.dealer}` });
    dealers.add(complaint.dealer);
    out.push(Object.freeze({ complaint, evidence: r.varBytes(maxEvidence) }));
  }
  r.end();
  return out;
}

export function encodeDisputeAnswer(params: BfvParameters, a: DisputeAnswer): Uint8Array {
  const o = S.encodeShareOpening(params, a.opening);
  const b = S.encodeEncryptedShareBundle(params, a.bundle);
  return new ByteWriter(o.length + b.length + 16).u8(PAYLOAD_VERSION).varBytes(o).varBytes(b).finish();
}

export function decodeDisputeAnswer(ctx: PayloadContext, bytes: Uint8Array): DisputeAnswer {
  const r = versioned(bytes, 'dispute answer');
  const opening = S.decodeShareOpening(ctx.params, ctx.transport, r.varBytes(bytes.length));
  const bundle = S.decodeEncryptedShareBundle(ctx.params, ctx.transport, r.varBytes(bytes.length));
  r.end();
  if (bundle.dealer !== opening.dealer || bundle.recipient !== opening.recipient) throw new PayloadError('Dispute answer: bundle and opening for different pairs');
  return Object.freeze({ opening, bundle });
}

const h32 = (r: ByteReader): Hex => bytesToHex(r.bytes(32));
const sig65 = (r: ByteReader): Hex => bytesToHex(r.bytes(65));
function fixed(parts: readonly Hex[]): Uint8Array {
  const w = new ByteWriter(1 + parts.length * 65).u8(PAYLOAD_VERSION);
  for (const p of parts) w.bytes(hexToBytes(p));
  return w.finish();
}

export const encodePkAttestation = (a: PkAttestation): Uint8Array => fixed([a.pkCommitment, a.pkHash, a.signature]);
export function decodePkAttestation(bytes: Uint8Array): PkAttestation {
  const r = versioned(bytes, 'pk attestation');
  const a = { pkCommitment: h32(r), pkHash: h32(r), signature: sig65(r) };
  r.end();
  return Object.freeze(a);
}
export const encodeOutputRejection = (a: OutputRejection): Uint8Array => fixed([a.ciphertextHash, a.signature]);
export function decodeOutputRejection(bytes: Uint8Array): OutputRejection {
  const r = versioned(bytes, 'output rejection');
  const a = { ciphertextHash: h32(r), signature: sig65(r) };
  r.end();
  return Object.freeze(a);
}
export const encodeDecryptionAttestation = (a: DecryptionAttestation): Uint8Array => fixed([a.ciphertextCommitment, a.plaintextHash, a.signature]);
export function decodeDecryptionAttestation(bytes: Uint8Array): DecryptionAttestation {
  const r = versioned(bytes, 'decryption attestation');
  const a = { ciphertextCommitment: h32(r), plaintextHash: h32(r), signature: sig65(r) };
  r.end();
  return Object.freeze(a);
}

export const encodeKeySharesAttestation = (a: KeySharesAttestation): Uint8Array => fixed([a.tableHash, a.signature]);
export function decodeKeySharesAttestation(bytes: Uint8Array): KeySharesAttestation {
  const r = versioned(bytes, 'key-shares attestation');
  const a = { tableHash: h32(r), signature: sig65(r) };
  r.end();
  return Object.freeze(a);
}

export const encodePkShareSignature = (a: PkShareSignature): Uint8Array => fixed([a.pkShareCommitment, a.signature]);
export function decodePkShareSignature(bytes: Uint8Array): PkShareSignature {
  const r = versioned(bytes, 'pk-share signature');
  const a = { pkShareCommitment: h32(r), signature: sig65(r) };
  r.end();
  return Object.freeze(a);
}

// ------------------------------------------------------------------------------ dispatch

/**
 * Decodes `bytes` as the payload of `phase`. Every failure is a PayloadError (or VersionError)
 * carrying the decoder's typed error as cause; an error that is not a BaseError is a bug in a
 * decoder and propagates (the fuzz tests look for exactly that).
 */
export function decodePayload(phase: number, bytes: Uint8Array, ctx: PayloadContext, maxEvidence = 0): Payload {
  if (!isPhase(phase)) throw new UnknownPhaseError('Unknown phase', { details: `${phase}` });
  try {
    return decodeKnown(phase, bytes, ctx, maxEvidence);
  } catch (e) {
    if (e instanceof PayloadError || e instanceof VersionError) throw e;
    if (e instanceof BaseError) throw new PayloadError(`Payload of phase ${phase} does not decode`, { cause: e, details: e.shortMessage });
    throw e;
  }
}

function decodeKnown(phase: Phase, bytes: Uint8Array, ctx: PayloadContext, maxEvidence: number): Payload {
  const { params, transport, T } = ctx;
  switch (phase) {
    case Phase.TransportKey:
      return { phase, value: S.decodeTransportPublicKey(params, transport, bytes) };
    case Phase.PkShare:
      return { phase, value: S.decodePkShare(params, bytes) };
    case Phase.ShareCommitments:
      return { phase, value: S.decodeShareCommitments(params, bytes) };
    case Phase.ShareBundle:
      return { phase, value: S.decodeEncryptedShareBundle(params, transport, bytes) };
    case Phase.MaskedPolynomial:
      return { phase, value: S.decodeMaskedPolynomial(params, T, bytes) };
    case Phase.Complaints:
      return { phase, value: decodeComplaints(ctx, bytes, maxEvidence) };
    case Phase.ShareOpening:
      return { phase, value: decodeDisputeAnswer(ctx, bytes) };
    case Phase.ShareReveal:
      return { phase, value: S.decodeShareReveal(params, bytes) };
    case Phase.PkAttestation:
      return { phase, value: decodePkAttestation(bytes) };
    case Phase.DecryptionShare:
      return { phase, value: S.decodeDecryptionShare(params, bytes) };
    case Phase.OutputRejection:
      return { phase, value: decodeOutputRejection(bytes) };
    case Phase.DecryptionAttestation:
      return { phase, value: decodeDecryptionAttestation(bytes) };
    case Phase.KeySharesAttestation:
      return { phase, value: decodeKeySharesAttestation(bytes) };
    case Phase.PkShareSignature:
      return { phase, value: decodePkShareSignature(bytes) };
    case Phase.RlkRound1:
      return { phase, value: S.decodeRlkRound1Share(params, bytes) };
    case Phase.RlkRound2:
      return { phase, value: S.decodeRlkRound2Share(params, bytes) };
    case Phase.CommitteeMasks:
      return { phase, value: decodeCommitteeMasks(params, ctx.n, bytes) };
  }
}
