/**
 * Canonical, versioned bytes of the rlk protocol's messages, in the layout of serialize.ts:
 *   header  = "IF" ‖ version (u8 = THRESHOLD_FORMAT_VERSION) ‖ kind (u8) ‖ fingerprint (8 bytes)
 *   payload = party (u16, non-zero) ‖ digit count L (u8, = params.L) ‖ h0_1..h0_L ‖ h1_1..h1_L
 * with every residue below its modulus (⌈bits(q_l)/8⌉ bytes, little-endian). Decoders reject a
 * wrong magic/version/kind, another parameter set (MismatchError), a wrong digit count, an
 * out-of-range residue and trailing bytes. The final key is bfv's `encodeRelinKey`.
 */
import { residueWidth, type BfvParameters } from '@interfold/bfv';
import { ByteReader, ByteWriter, DecodeError, MismatchError, type RnsPoly } from '@interfold/ring';
import { THRESHOLD_FORMAT_VERSION } from './serialize.js';
import type { RlkRound1Share, RlkRound2Share } from './rlk.js';

export const RlkKind = Object.freeze({ Round1Share: 0x30, Round2Share: 0x31 } as const);
export type RlkKind = (typeof RlkKind)[keyof typeof RlkKind];
const NAMES: Record<number, string> = { 0x30: 'rlk round-1 share', 0x31: 'rlk round-2 share' };

function encode(params: BfvParameters, kind: RlkKind, m: RlkRound1Share | RlkRound2Share): Uint8Array {
  const w = new ByteWriter(2 * params.L * params.L * params.N * 7 + 32);
  w.u8(0x49).u8(0x46).u8(THRESHOLD_FORMAT_VERSION).u8(kind).bytes(params.fingerprint);
  w.u16(m.party).u8(m.h0.length);
  const write = (p: RnsPoly) => p.ctx.moduli.forEach((q, l) => w.residues(p.limbs[l], residueWidth(q.big)));
  m.h0.forEach(write);
  m.h1.forEach(write);
  return w.finish();
}

function decode(params: BfvParameters, kind: RlkKind, bytes: Uint8Array): RlkRound1Share {
  const what = NAMES[kind];
  const r = new ByteReader(bytes, what);
  if (r.remaining < 12) throw new DecodeError(`Truncated ${what}`, { details: `header needs 12 bytes, have ${r.remaining}` });
  if (r.u8() !== 0x49 || r.u8() !== 0x46) throw new DecodeError(`Not an Interfold ${what} (bad magic)`);
  const v = r.u8();
  if (v !== THRESHOLD_FORMAT_VERSION) throw new DecodeError(`Unsupported ${what} format version`, { details: `version ${v}` });
  const k = r.u8();
  if (k !== kind) throw new DecodeError(`Expected a ${what}, got kind 0x${k.toString(16)}`);
  const fp = r.bytes(8);
  if (!fp.every((b, i) => b === params.fingerprint[i])) throw new MismatchError(`The ${what} belongs to another parameter set`, { details: `expected ${params.name}` });
  const party = r.u16();
  if (party === 0) throw new DecodeError(`Invalid ${what}: party id 0`);
  const L = r.u8();
  if (L !== params.L) throw new DecodeError(`${what}: wrong digit count`, { details: `${L} ≠ ${params.L}` });
  const read = () => {
    const p = params.ring.zero(false);
    params.ring.moduli.forEach((m, l) => r.residues(p.limbs[l] as Float64Array, residueWidth(m.big), m.q));
    return p;
  };
  const h0 = Array.from({ length: L }, read);
  const h1 = Array.from({ length: L }, read);
  r.end();
  return Object.freeze({ party, h0: Object.freeze(h0), h1: Object.freeze(h1) });
}

export const encodeRlkRound1Share = (params: BfvParameters, m: RlkRound1Share): Uint8Array => encode(params, RlkKind.Round1Share, m);
export const decodeRlkRound1Share = (params: BfvParameters, bytes: Uint8Array): RlkRound1Share => decode(params, RlkKind.Round1Share, bytes);
export const encodeRlkRound2Share = (params: BfvParameters, m: RlkRound2Share): Uint8Array => encode(params, RlkKind.Round2Share, m);
export const decodeRlkRound2Share = (params: BfvParameters, bytes: Uint8Array): RlkRound2Share => decode(params, RlkKind.Round2Share, bytes);
