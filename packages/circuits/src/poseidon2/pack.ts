/**
 * Packing of W-bit non-negative integers into field elements (twin of noir/lib/src/pack.nr):
 * K = floor(253 / W) values per field, packed[p] = sum_j v[p*K + j] * 2^(W*j).
 * Injective on [0, 2^W)^M, which the circuit enforces with a W-bit range check per slot.
 */
import { CircuitInputError } from '../errors.js';

/** Values per field for slot width W. */
export function slotsPerField(width: number): number {
  if (!Number.isInteger(width) || width < 1 || width > 253) throw new CircuitInputError(`bad slot width ${width}`);
  return Math.floor(253 / width);
}

export function packedLength(count: number, width: number): number {
  return Math.ceil(count / slotsPerField(width));
}

export function pack(values: readonly bigint[], width: number): bigint[] {
  const k = slotsPerField(width);
  const limit = 1n << BigInt(width);
  const w = BigInt(width);
  const out: bigint[] = [];
  for (let p = 0; p * k < values.length; p++) {
    let acc = 0n;
    for (let j = Math.min(k, values.length - p * k) - 1; j >= 0; j--) {
      const v = values[p * k + j]!;
      if (v < 0n || v >= limit) {
        throw new CircuitInputError('value out of range for packing', {
          details: `value ${v} at index ${p * k + j} is not in [0, 2^${width})`,
        });
      }
      acc = (acc << w) + v;
    }
    out.push(acc);
  }
  return out;
}
