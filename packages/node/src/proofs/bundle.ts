/**
 * The proof slot's bytes (spec 003 P1–P4; docs/node/core.md "Proofs"): one to eight UltraHonk
 * proofs, each with the full list of public inputs it was made for. The receiver never trusts
 * that list as is: the gate (circuits.ts) replaces every value it can derive itself (session,
 * party, E3, the payload's commitment) before verifying, and the core checks the rest — the
 * commitments that link one step to the next (C1 → C2 → C4 → C6) — against the proofs it
 * accepted earlier (claims below).
 *
 * Format v1: version (1 byte) · count (1 byte) · per proof: n (u16 BE) · n × 32-byte BE field
 * elements · proof length (u32 BE) · proof bytes. Decoding checks every length and range.
 */
import { FR_MODULUS, INNER_PROOF_LEN } from '@interfold/circuits';
import { ProofError } from '../wire/errors.js';
import { MAX_PROOF_BYTES } from '../wire/limits.js';

export const PROOF_BUNDLE_VERSION = 1;
/** C2 and C4 carry two proofs (the sk and esm variants), committee masks one per ciphertext (≤ 8); the others one. */
export const MAX_BUNDLE_PROOFS = 8;
const MAX_PUBLIC_INPUTS = 1024;

/** One proof and the public inputs it claims (in the circuit's order). */
export type ProofItem = { readonly publicInputs: readonly bigint[]; readonly proof: Uint8Array };

export function encodeProofBundle(items: readonly ProofItem[]): Uint8Array {
  if (items.length === 0 || items.length > MAX_BUNDLE_PROOFS) throw new ProofError(`A proof bundle holds 1 to ${MAX_BUNDLE_PROOFS} proofs`, { details: `${items.length}` });
  const size = 2 + items.reduce((s, it) => s + 2 + 32 * it.publicInputs.length + 4 + it.proof.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = PROOF_BUNDLE_VERSION;
  out[1] = items.length;
  let o = 2;
  for (const it of items) {
    if (it.publicInputs.length > MAX_PUBLIC_INPUTS) throw new ProofError('Too many public inputs', { details: `${it.publicInputs.length}` });
    view.setUint16(o, it.publicInputs.length);
    o += 2;
    for (const v of it.publicInputs) {
      if (v < 0n || v >= FR_MODULUS) throw new ProofError('Public input is not a field element');
      let x = v;
      for (let i = 31; i >= 0; i--) {
        out[o + i] = Number(x & 0xffn);
        x >>= 8n;
      }
      o += 32;
    }
    view.setUint32(o, it.proof.length);
    o += 4;
    out.set(it.proof, o);
    o += it.proof.length;
  }
  if (out.length > MAX_PROOF_BYTES) throw new ProofError('Proof bundle above the proof-slot limit', { details: `${out.length} > ${MAX_PROOF_BYTES}` });
  return out;
}

export function decodeProofBundle(bytes: Uint8Array): ProofItem[] {
  const fail = (what: string, details?: string): never => {
    throw new ProofError(`Malformed proof bundle: ${what}`, { details });
  };
  if (bytes.length > MAX_PROOF_BYTES) fail('too long', `${bytes.length}`);
  if (bytes.length < 2) fail('too short');
  if (bytes[0] !== PROOF_BUNDLE_VERSION) fail('unsupported version', `${bytes[0]}`);
  const count = bytes[1];
  if (count === 0 || count > MAX_BUNDLE_PROOFS) fail('proof count', `${count}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const items: ProofItem[] = [];
  let o = 2;
  const need = (n: number) => {
    if (o + n > bytes.length) fail('truncated', `need ${n} bytes at ${o} of ${bytes.length}`);
  };
  for (let k = 0; k < count; k++) {
    need(2);
    const n = view.getUint16(o);
    o += 2;
    if (n > MAX_PUBLIC_INPUTS) fail('too many public inputs', `${n}`);
    need(32 * n);
    const publicInputs: bigint[] = [];
    for (let i = 0; i < n; i++) {
      let v = 0n;
      for (let j = 0; j < 32; j++) v = (v << 8n) | BigInt(bytes[o + j]);
      if (v >= FR_MODULUS) fail('public input is not a field element', `index ${i}`);
      publicInputs.push(v);
      o += 32;
    }
    need(4);
    const len = view.getUint32(o);
    o += 4;
    need(len);
    items.push(Object.freeze({ publicInputs: Object.freeze(publicInputs), proof: bytes.slice(o, o + len) }));
    o += len;
  }
  if (o !== bytes.length) fail('trailing bytes', `${bytes.length - o}`);
  return items;
}

// ------------------------------------------------------------------------------ claims (the core's links)

function items(bytes: Uint8Array, count: number, what: string): ProofItem[] {
  const its = decodeProofBundle(bytes);
  if (its.length !== count) throw new ProofError(`${what}: expected ${count} proof(s)`, { details: `${its.length}` });
  return its;
}

function sized(it: ProofItem, min: number, what: string): readonly bigint[] {
  if (it.publicInputs.length < min) throw new ProofError(`${what}: too few public inputs`, { details: `${it.publicInputs.length} < ${min}` });
  return it.publicInputs;
}

/**
 * A slot of one proof, or (fold E3s: the key fold for C1, the decryption fold for C6) the proof and
 * its noir-recursive twin, which must claim exactly the same six public inputs.
 */
function twinned(bytes: Uint8Array, what: string): { readonly p: readonly bigint[]; readonly twin: boolean } {
  const its = decodeProofBundle(bytes);
  if (its.length !== 1 && its.length !== 2) throw new ProofError(`${what}: expected 1 or 2 proofs`, { details: `${its.length}` });
  const p = its[0].publicInputs;
  if (p.length !== 6) throw new ProofError(`${what}: expected 6 public inputs`, { details: `${p.length}` });
  const twin = its[1]?.publicInputs;
  if (twin && (twin.length !== 6 || twin.some((v, i) => v !== p[i]))) throw new ProofError(`${what}: the recursive twin claims other public inputs`);
  return { p, twin: twin !== undefined };
}

/** C1 (session, party, crp, skCommitment, esmCommitment, pkShareCommitment); `twin`: whether the slot carries one (key-fold E3s). */
export function c1Claims(bytes: Uint8Array): { readonly sk: bigint; readonly esm: bigint; readonly pkShare: bigint; readonly twin: boolean } {
  const { p, twin } = twinned(bytes, 'C1');
  return { sk: p[3], esm: p[4], pkShare: p[5], twin };
}

export type C2Claim = { readonly secret: bigint; readonly shares: readonly bigint[] };
/** C2a, C2b (session, party, secretCommitment, shareCommitments[recipient − 1] for 1..n). */
export function c2Claims(bytes: Uint8Array): { readonly sk: C2Claim; readonly esm: C2Claim } {
  const [a, b] = items(bytes, 2, 'C2').map((it) => sized(it, 4, 'C2'));
  return { sk: { secret: a[2], shares: a.slice(3) }, esm: { secret: b[2], shares: b.slice(3) } };
}

export type C4Claim = { readonly shares: readonly bigint[]; readonly agg: bigint };
/** C4a, C4b (session, party, shareCommitments of the dealers of A ascending, aggCommitment). */
export function c4Claims(bytes: Uint8Array): { readonly sk: C4Claim; readonly esm: C4Claim } {
  const [a, b] = items(bytes, 2, 'C4').map((it) => sized(it, 4, 'C4'));
  return { sk: { shares: a.slice(2, -1), agg: a[a.length - 1] }, esm: { shares: b.slice(2, -1), agg: b[b.length - 1] } };
}

/** C6 (ctCommitment, skCommitment, esmCommitment, e3Id, party, dCommitment), with its twin in decryption-fold E3s. */
export function c6Claims(bytes: Uint8Array): { readonly ct: bigint; readonly sk: bigint; readonly esm: bigint } {
  const { p } = twinned(bytes, 'C6');
  return { ct: p[0], sk: p[1], esm: p[2] };
}

/**
 * RKG round 1, one proof per RNS digit (session, party, digit, crpCommitment, skCommitment,
 * uCommitment, shareCommitment): the sk and u commitments, which every digit's proof must share.
 */
export function rlk1Claims(bytes: Uint8Array): { readonly sk: bigint; readonly u: bigint } {
  const its = rlkItems(bytes, 'RKG round 1');
  return { sk: same(its.map((p) => p[4]), 'RKG round 1: digits over different sk'), u: same(its.map((p) => p[5]), 'RKG round 1: digits over different u') };
}

/**
 * RKG round 2, one proof per RNS digit (session, party, digit, aggCommitment, skCommitment,
 * uCommitment, shareCommitment): the aggregate commitment of each digit, and the shared sk and u.
 */
export function rlk2Claims(bytes: Uint8Array): { readonly agg: readonly bigint[]; readonly sk: bigint; readonly u: bigint } {
  const its = rlkItems(bytes, 'RKG round 2');
  return { agg: its.map((p) => p[3]), sk: same(its.map((p) => p[4]), 'RKG round 2: digits over different sk'), u: same(its.map((p) => p[5]), 'RKG round 2: digits over different u') };
}

function rlkItems(bytes: Uint8Array, what: string): (readonly bigint[])[] {
  const its = decodeProofBundle(bytes).map((it) => it.publicInputs);
  its.forEach((p, d) => {
    if (p.length !== 7) throw new ProofError(`${what}: expected 7 public inputs`, { details: `${p.length}` });
    if (p[2] !== BigInt(d)) throw new ProofError(`${what}: proofs out of digit order`, { details: `item ${d} is digit ${p[2]}` });
  });
  return its;
}

function same(vs: readonly bigint[], why: string): bigint {
  if (vs.some((v) => v !== vs[0])) throw new ProofError(why);
  return vs[0];
}

/** Committee masks: one user-encryption proof per ciphertext (pkCommitment, ctDigest, alpha, gamma, ctEval, context). */
export function masksClaims(bytes: Uint8Array): { readonly pk: readonly bigint[] } {
  const its = decodeProofBundle(bytes);
  for (const it of its) if (it.publicInputs.length !== 6) throw new ProofError('Committee masks: expected 6 public inputs per proof', { details: `${it.publicInputs.length}` });
  return { pk: its.map((it) => it.publicInputs[0]) };
}

/** A noir-recursive proof's fields as proof-slot bytes: INNER_PROOF_LEN × 32-byte big-endian field elements. */
export function innerProofBytes(fields: readonly bigint[]): Uint8Array {
  if (fields.length !== INNER_PROOF_LEN) throw new ProofError('A recursive proof has the wrong length', { details: `${fields.length} fields` });
  const out = new Uint8Array(32 * fields.length);
  fields.forEach((f, i) => {
    if (f < 0n || f >= FR_MODULUS) throw new ProofError('A recursive proof element is not a field element');
    out.set(Buffer.from(f.toString(16).padStart(64, '0'), 'hex'), 32 * i);
  });
  return out;
}

/** innerProofBytes' inverse; refuses any other length and any element ≥ the field modulus (untrusted bytes). */
export function innerProofFields(bytes: Uint8Array): bigint[] {
  if (bytes.length !== 32 * INNER_PROOF_LEN) throw new ProofError('A recursive proof has the wrong length', { details: `${bytes.length} bytes` });
  const out: bigint[] = [];
  for (let i = 0; i < INNER_PROOF_LEN; i++) {
    const f = BigInt(`0x${Buffer.from(bytes.subarray(32 * i, 32 * i + 32)).toString('hex')}`);
    if (f >= FR_MODULUS) throw new ProofError('A recursive proof element is not a field element', { details: `element ${i}` });
    out.push(f);
  }
  return out;
}
