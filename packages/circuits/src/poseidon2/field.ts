/**
 * BN254 scalar field (the field Noir circuits and UltraHonk work over), from @noble/curves.
 * Field elements are bigints in [0, p).
 */
import { bn254_Fr } from '@noble/curves/bn254.js';

export const Fr = bn254_Fr;
/** p = 21888242871839275222246405745257275088548364400416034343698204186575808495617. */
export const FR_MODULUS: bigint = bn254_Fr.ORDER;

/** Maps a (possibly negative) integer to its field element: v mod p in [0, p). */
export function toField(v: bigint): bigint {
  const r = v % FR_MODULUS;
  return r < 0n ? r + FR_MODULUS : r;
}

/** Reads a field element back as a centred integer in (-p/2, p/2). */
export function fromFieldCentered(x: bigint): bigint {
  return x > FR_MODULUS >> 1n ? x - FR_MODULUS : x;
}

/** 0x-prefixed 32-byte big-endian hex of a field element (the form Noir and bb use). */
export function fieldToHex(x: bigint): string {
  return '0x' + toField(x).toString(16).padStart(64, '0');
}
