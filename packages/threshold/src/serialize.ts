/**
 * Canonical, versioned bytes for every threshold message (the layout follows bfv/src/serialize.ts):
 *
 *   header  = "IF" ‖ version (u8 = 1) ‖ kind (u8, 0x20..) ‖ fingerprint of the THRESHOLD set (8 bytes)
 *   payload = kind-specific, fixed layout; party ids u16 in 1..65535; residues mod q_l in
 *             ⌈bits(q_l)/8⌉ bytes little-endian; nested transport objects (public key, ciphertexts)
 *             are bfv encodings of the transport set, length-prefixed.
 *
 * Decoders check magic, version, kind, fingerprint, every length and count, every range (residues
 * below their modulus, ids non-zero, lists strictly ascending, small randomness within its bound)
 * and reject trailing bytes, with DecodeError (MismatchError for another parameter set).
 */
import {
  decodeCiphertext,
  decodePublicKey,
  encodeCiphertext,
  encodePublicKey,
  residueWidth,
  type BfvParameters,
  type Ciphertext,
} from '@interfold/bfv';
import { ByteReader, ByteWriter, CBD_ETA, DecodeError, MismatchError, type RnsPoly, type RingContext } from '@interfold/ring';
import type { ShareTriple } from './commit.js';
import { ThresholdKeyShare } from './keyshare.js';
import {
  ComplaintReason,
  type Complaint,
  type MaskedPolynomial,
  type DecryptionShare,
  type EncryptedShareBundle,
  type PkShare,
  type ShareCommitments,
  type ShareOpening,
  type ShareReveal,
  type TransportPublicKey,
} from './messages.js';
import type { EncryptionRandomness } from './transport.js';

export const THRESHOLD_FORMAT_VERSION = 1;

export const ThresholdKind = Object.freeze({
  TransportPublicKey: 0x20,
  PkShare: 0x21,
  ShareCommitments: 0x22,
  EncryptedShareBundle: 0x23,
  Complaint: 0x24,
  ShareOpening: 0x25,
  MaskedPolynomial: 0x26,
  ShareReveal: 0x27,
  DecryptionShare: 0x28,
  ThresholdKeyShare: 0x29,
} as const);
export type ThresholdKind = (typeof ThresholdKind)[keyof typeof ThresholdKind];

const NAMES: Record<number, string> = {
  0x20: 'transport public key',
  0x21: 'pk share',
  0x22: 'share commitments',
  0x23: 'encrypted share bundle',
  0x24: 'complaint',
  0x25: 'share opening',
  0x26: 'masked polynomial',
  0x27: 'share reveal',
  0x28: 'decryption share',
  0x29: 'threshold key share',
};

const MAX_NESTED = 1 << 26;

function header(w: ByteWriter, kind: ThresholdKind, params: BfvParameters): void {
  w.u8(0x49).u8(0x46).u8(THRESHOLD_FORMAT_VERSION).u8(kind).bytes(params.fingerprint);
}

function reader(bytes: Uint8Array, kind: ThresholdKind, params: BfvParameters): ByteReader {
  const what = NAMES[kind];
  const r = new ByteReader(bytes, what);
  if (r.remaining < 12) throw new DecodeError(`Truncated ${what}`, { details: `header needs 12 bytes, have ${r.remaining}` });
  if (r.u8() !== 0x49 || r.u8() !== 0x46) throw new DecodeError(`Not an Interfold ${what} (bad magic)`);
  const v = r.u8();
  if (v !== THRESHOLD_FORMAT_VERSION) throw new DecodeError(`Unsupported ${what} format version`, { details: `version ${v}, supported ${THRESHOLD_FORMAT_VERSION}` });
  const k = r.u8();
  if (k !== kind) throw new DecodeError(`Expected a ${what}, got ${NAMES[k] ?? `kind 0x${k.toString(16)}`}`);
  const fp = r.bytes(8);
  if (!fp.every((b, i) => b === params.fingerprint[i])) throw new MismatchError(`The ${what} belongs to another parameter set`, { details: `expected ${params.name}` });
  return r;
}

function writePoly(w: ByteWriter, p: RnsPoly): void {
  p.ctx.moduli.forEach((m, l) => w.residues(p.limbs[l], residueWidth(m.big)));
}

function readPoly(r: ByteReader, ring: RingContext): RnsPoly {
  const p = ring.zero(false);
  ring.moduli.forEach((m, l) => r.residues(p.limbs[l] as Float64Array, residueWidth(m.big), m.q));
  return p;
}

function readId(r: ByteReader, what: string): number {
  const id = r.u16();
  if (id === 0) throw new DecodeError(`Invalid ${what}: party id 0`);
  return id;
}

function writeTriple(w: ByteWriter, s: ShareTriple): void {
  writePoly(w, s.sk);
  writePoly(w, s.esm);
  writePoly(w, s.mask);
}

function readTriple(r: ByteReader, ring: RingContext): ShareTriple {
  return { sk: readPoly(r, ring), esm: readPoly(r, ring), mask: readPoly(r, ring) };
}

function wrap<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DecodeError || e instanceof MismatchError) throw e;
    throw new DecodeError(`Invalid ${what}`, { cause: e, details: e instanceof Error ? e.message : String(e) });
  }
}

// ---- transport public key (C0)

export function encodeTransportPublicKey(params: BfvParameters, m: TransportPublicKey): Uint8Array {
  const w = new ByteWriter(2 * m.pk.params.L * m.pk.params.N * 7 + 64);
  header(w, ThresholdKind.TransportPublicKey, params);
  w.u16(m.party).varBytes(encodePublicKey(m.pk));
  return w.finish();
}

export function decodeTransportPublicKey(params: BfvParameters, transport: BfvParameters, bytes: Uint8Array): TransportPublicKey {
  const r = reader(bytes, ThresholdKind.TransportPublicKey, params);
  const party = readId(r, 'transport public key');
  const pk = decodePublicKey(transport, r.varBytes(MAX_NESTED));
  r.end();
  return Object.freeze({ party, pk });
}

// ---- pk share (C1)

export function encodePkShare(params: BfvParameters, m: PkShare): Uint8Array {
  const w = new ByteWriter(2 * params.L * params.N * 7 + 32);
  header(w, ThresholdKind.PkShare, params);
  w.u16(m.party);
  writePoly(w, m.p0);
  writePoly(w, m.p1);
  return w.finish();
}

export function decodePkShare(params: BfvParameters, bytes: Uint8Array): PkShare {
  const r = reader(bytes, ThresholdKind.PkShare, params);
  const party = readId(r, 'pk share');
  const p0 = readPoly(r, params.ring);
  const p1 = readPoly(r, params.ring);
  r.end();
  return Object.freeze({ party, p0, p1 });
}

// ---- share commitments (C2)

export function encodeShareCommitments(params: BfvParameters, m: ShareCommitments): Uint8Array {
  const w = new ByteWriter(16 + 34 * m.entries.length);
  header(w, ThresholdKind.ShareCommitments, params);
  w.u16(m.dealer).u16(m.entries.length);
  for (const e of m.entries) w.u16(e.recipient).bytes(e.digest);
  return w.finish();
}

export function decodeShareCommitments(params: BfvParameters, bytes: Uint8Array): ShareCommitments {
  const r = reader(bytes, ThresholdKind.ShareCommitments, params);
  const dealer = readId(r, 'share commitments');
  const count = r.u16();
  const entries = [];
  let prev = 0;
  for (let i = 0; i < count; i++) {
    const recipient = readId(r, 'share commitments');
    if (recipient <= prev) throw new DecodeError('Share commitments: recipients must be strictly ascending', { details: `${recipient} after ${prev}` });
    if (recipient === dealer) throw new DecodeError('Share commitments: the dealer commits to itself');
    prev = recipient;
    entries.push(Object.freeze({ recipient, digest: r.bytes(32) }));
  }
  r.end();
  return Object.freeze({ dealer, entries: Object.freeze(entries) });
}

// ---- encrypted share bundle (C3)

export function encodeEncryptedShareBundle(params: BfvParameters, m: EncryptedShareBundle): Uint8Array {
  const cts = [...m.sk, ...m.esm, ...m.mask];
  const w = new ByteWriter(cts.length * (2 * 2 * params.N * 7 + 32) + 32);
  header(w, ThresholdKind.EncryptedShareBundle, params);
  w.u16(m.dealer).u16(m.recipient).u8(params.L);
  for (const ct of cts) w.varBytes(encodeCiphertext(ct));
  return w.finish();
}

export function decodeEncryptedShareBundle(params: BfvParameters, transport: BfvParameters, bytes: Uint8Array): EncryptedShareBundle {
  const r = reader(bytes, ThresholdKind.EncryptedShareBundle, params);
  const dealer = readId(r, 'encrypted share bundle');
  const recipient = readId(r, 'encrypted share bundle');
  if (dealer === recipient) throw new DecodeError('Encrypted share bundle addressed to its own dealer');
  const L = r.u8();
  if (L !== params.L) throw new DecodeError('Encrypted share bundle: wrong limb count', { details: `${L} ≠ ${params.L}` });
  const cts: Ciphertext[] = [];
  for (let i = 0; i < 3 * L; i++) {
    const ct = decodeCiphertext(transport, r.varBytes(MAX_NESTED));
    if (ct.size !== 2) throw new DecodeError('Encrypted share bundle: transport ciphertexts have 2 components');
    cts.push(ct);
  }
  r.end();
  return Object.freeze({ dealer, recipient, sk: cts.slice(0, L), esm: cts.slice(L, 2 * L), mask: cts.slice(2 * L) });
}

// ---- complaint

export function encodeComplaint(params: BfvParameters, m: Complaint): Uint8Array {
  const w = new ByteWriter(20);
  header(w, ThresholdKind.Complaint, params);
  w.u16(m.accuser).u16(m.dealer).u8(m.reason);
  return w.finish();
}

export function decodeComplaint(params: BfvParameters, bytes: Uint8Array): Complaint {
  const r = reader(bytes, ThresholdKind.Complaint, params);
  const accuser = readId(r, 'complaint');
  const dealer = readId(r, 'complaint');
  if (accuser === dealer) throw new DecodeError('Complaint against oneself');
  const reason = r.u8();
  if (!(Object.values(ComplaintReason) as number[]).includes(reason)) throw new DecodeError('Unknown complaint reason', { details: `${reason}` });
  r.end();
  return Object.freeze({ accuser, dealer, reason: reason as ComplaintReason });
}

// ---- share opening

function writeSmall(w: ByteWriter, a: Int32Array): void {
  for (let i = 0; i < a.length; i++) w.u8(a[i] & 0xff);
}

function readSmall(r: ByteReader, N: number, bound: number, what: string): Int32Array {
  const b = r.bytes(N);
  const out = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const v = b[i] >= 128 ? b[i] - 256 : b[i];
    if (v < -bound || v > bound) throw new DecodeError(`Share opening: ${what} out of range`, { details: `${v} at ${i}, bound ${bound}` });
    out[i] = v;
  }
  return out;
}

export function encodeShareOpening(params: BfvParameters, m: ShareOpening): Uint8Array {
  const w = new ByteWriter(3 * params.L * params.N * 10 + 32);
  header(w, ThresholdKind.ShareOpening, params);
  w.u16(m.dealer).u16(m.recipient).u16(m.randomness.length);
  writeTriple(w, m.shares);
  for (const x of m.randomness) {
    writeSmall(w, x.u);
    writeSmall(w, x.e0);
    writeSmall(w, x.e1);
  }
  return w.finish();
}

export function decodeShareOpening(params: BfvParameters, transport: BfvParameters, bytes: Uint8Array): ShareOpening {
  const r = reader(bytes, ThresholdKind.ShareOpening, params);
  const dealer = readId(r, 'share opening');
  const recipient = readId(r, 'share opening');
  const count = r.u16();
  if (count !== 3 * params.L) throw new DecodeError('Share opening: wrong randomness count', { details: `${count} ≠ ${3 * params.L}` });
  const shares = readTriple(r, params.ring);
  const randomness: EncryptionRandomness[] = [];
  for (let i = 0; i < count; i++) {
    randomness.push({ u: readSmall(r, transport.N, 1, 'u'), e0: readSmall(r, transport.N, CBD_ETA, 'e0'), e1: readSmall(r, transport.N, CBD_ETA, 'e1') });
  }
  r.end();
  return Object.freeze({ dealer, recipient, shares, randomness });
}

// ---- masked polynomial (codeword check)

export function encodeMaskedPolynomial(params: BfvParameters, m: MaskedPolynomial): Uint8Array {
  const w = new ByteWriter(m.coefficients.length * params.L * params.N * 7 + 16);
  header(w, ThresholdKind.MaskedPolynomial, params);
  w.u16(m.dealer).u16(m.coefficients.length);
  for (const c of m.coefficients) writePoly(w, c);
  return w.finish();
}

/** `T` is the session's threshold: exactly T + 1 coefficients are accepted. */
export function decodeMaskedPolynomial(params: BfvParameters, T: number, bytes: Uint8Array): MaskedPolynomial {
  const r = reader(bytes, ThresholdKind.MaskedPolynomial, params);
  const dealer = readId(r, 'masked polynomial');
  const count = r.u16();
  if (count !== T + 1) throw new DecodeError('Masked polynomial: wrong degree', { details: `${count} coefficients, need T + 1 = ${T + 1}` });
  const coefficients = [];
  for (let i = 0; i < count; i++) coefficients.push(readPoly(r, params.ring));
  r.end();
  return Object.freeze({ dealer, coefficients: Object.freeze(coefficients) });
}

// ---- share reveal

export function encodeShareReveal(params: BfvParameters, m: ShareReveal): Uint8Array {
  const w = new ByteWriter(3 * params.L * params.N * 7 + 32);
  header(w, ThresholdKind.ShareReveal, params);
  w.u16(m.recipient).u16(m.dealer);
  writeTriple(w, m.shares);
  return w.finish();
}

export function decodeShareReveal(params: BfvParameters, bytes: Uint8Array): ShareReveal {
  const r = reader(bytes, ThresholdKind.ShareReveal, params);
  const recipient = readId(r, 'share reveal');
  const dealer = readId(r, 'share reveal');
  const shares = readTriple(r, params.ring);
  r.end();
  return Object.freeze({ recipient, dealer, shares });
}

// ---- decryption share (C6)

export function encodeDecryptionShare(params: BfvParameters, m: DecryptionShare): Uint8Array {
  const w = new ByteWriter(params.L * params.N * 7 + 64);
  header(w, ThresholdKind.DecryptionShare, params);
  w.u16(m.party).bytes(m.ctDigest);
  writePoly(w, m.d);
  return w.finish();
}

export function decodeDecryptionShare(params: BfvParameters, bytes: Uint8Array): DecryptionShare {
  const r = reader(bytes, ThresholdKind.DecryptionShare, params);
  const party = readId(r, 'decryption share');
  const ctDigest = r.bytes(32);
  const d = readPoly(r, params.ring);
  r.end();
  return Object.freeze({ party, ctDigest, d });
}

// ---- threshold key share (the party's secret output of P1; for an encrypted keystore)

export function encodeThresholdKeyShare(params: BfvParameters, k: ThresholdKeyShare): Uint8Array {
  const w = new ByteWriter(2 * params.L * params.N * 7 + 64 + 2 * k.authorised.length);
  header(w, ThresholdKind.ThresholdKeyShare, params);
  w.u16(k.party).u16(k.n).u16(k.T).u16(k.authorised.length);
  for (const id of k.authorised) w.u16(id);
  writePoly(w, k.sk);
  writePoly(w, k.esm);
  const used = k.consumedBy;
  w.u8(used ? 1 : 0);
  if (used) w.bytes(used);
  return w.finish();
}

export function decodeThresholdKeyShare(params: BfvParameters, bytes: Uint8Array): ThresholdKeyShare {
  const r = reader(bytes, ThresholdKind.ThresholdKeyShare, params);
  const party = readId(r, 'threshold key share');
  const n = r.u16();
  const T = r.u16();
  if (T < 1 || T >= n || party > n) throw new DecodeError('Threshold key share: invalid committee', { details: `party ${party}, n ${n}, T ${T}` });
  const count = r.u16();
  if (count < T + 1 || count > n) throw new DecodeError('Threshold key share: authorised set size out of range', { details: `${count}` });
  const A: number[] = [];
  let prev = 0;
  for (let i = 0; i < count; i++) {
    const id = readId(r, 'threshold key share');
    if (id <= prev || id > n) throw new DecodeError('Threshold key share: authorised ids must be ascending within 1..n');
    prev = id;
    A.push(id);
  }
  if (!A.includes(party)) throw new DecodeError('Threshold key share: the party is not in its authorised set');
  const sk = readPoly(r, params.ring);
  const esm = readPoly(r, params.ring);
  const flag = r.u8();
  if (flag > 1) throw new DecodeError('Threshold key share: invalid flag', { details: `${flag}` });
  const used = flag === 1 ? r.bytes(32) : undefined;
  r.end();
  return wrap('threshold key share', () => {
    const k = new ThresholdKeyShare(party, n, T, A, sk, esm);
    if (used) k.claimSmudging(used);
    return k;
  });
}
