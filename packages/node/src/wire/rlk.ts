/**
 * Payloads of the depth ≥ 1 rounds of the DKG (core/rlk.ts): the relinearisation-key shares use
 * threshold's canonical codecs (rlk-serialize.ts: magic, version, kind, parameter fingerprint,
 * party, digit count, residues below their moduli, no trailing bytes); the committee's mask
 * ciphertexts are the node's own versioned list of bfv ciphertexts (bfv serialize.ts, bound to the
 * E3's parameter set), each of degree 1.
 *
 *   masks = version u8 | member u16 | count u8 | count × varBytes(bfv ciphertext)
 */
import { decodeCiphertext, encodeCiphertext, type BfvParameters, type Ciphertext } from '@interfold/bfv';
import { ByteReader, ByteWriter } from '@interfold/ring';
import { PayloadError, VersionError } from './errors.js';

export const MASKS_VERSION = 1;
/** At most this many mask ciphertexts per member (the auction needs 2). */
export const MAX_MASKS = 8;

export type CommitteeMasks = { readonly member: number; readonly ciphertexts: readonly Ciphertext[] };

/** Upper bound of one encoded degree-1 ciphertext of `params` (8 bytes per residue + headers). */
export const ciphertextBytesBound = (params: BfvParameters): number => 2 * params.L * params.N * 8 + 128;

export function encodeCommitteeMasks(m: CommitteeMasks): Uint8Array {
  if (m.ciphertexts.length > MAX_MASKS) throw new PayloadError('Too many mask ciphertexts', { details: `${m.ciphertexts.length} > ${MAX_MASKS}` });
  const parts = m.ciphertexts.map((c) => encodeCiphertext(c));
  const w = new ByteWriter(8 + parts.reduce((s, p) => s + p.length + 8, 0));
  w.u8(MASKS_VERSION).u16(m.member).u8(parts.length);
  for (const p of parts) w.varBytes(p);
  return w.finish();
}

export function decodeCommitteeMasks(params: BfvParameters, n: number, bytes: Uint8Array): CommitteeMasks {
  const r = new ByteReader(bytes, 'committee masks');
  const v = r.u8();
  if (v !== MASKS_VERSION) throw new VersionError('Unsupported committee masks version', { details: `${v}` });
  const member = r.u16();
  if (member < 1 || member > n) throw new PayloadError('Masks of a party outside the committee', { details: `member ${member}, n = ${n}` });
  const count = r.u8();
  if (count > MAX_MASKS) throw new PayloadError('Too many mask ciphertexts', { details: `${count} > ${MAX_MASKS}` });
  const ciphertexts: Ciphertext[] = [];
  for (let i = 0; i < count; i++) {
    const ct = decodeCiphertext(params, r.varBytes(ciphertextBytesBound(params)));
    if (ct.polys.length !== 2) throw new PayloadError('A mask must be a degree-1 ciphertext', { details: `mask ${i}: ${ct.polys.length} polynomials` });
    ciphertexts.push(ct);
  }
  r.end();
  return Object.freeze({ member, ciphertexts: Object.freeze(ciphertexts) });
}

/** Payload limits of the three phases (an rlk share: 2·L digits × L limbs × N residues). */
export function rlkPayloadLimits(params: BfvParameters): { round: number; masks: number } {
  return { round: 2 * params.L * params.L * params.N * 8 + 256, masks: 8 + MAX_MASKS * (ciphertextBytesBound(params) + 8) };
}
