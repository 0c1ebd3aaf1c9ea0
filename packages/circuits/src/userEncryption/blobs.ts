/**
 * The blob data path of user inputs (docs/INPUTS.md): a ciphertext's canonical encoding carried in
 * EIP-4844 blobs. Packing: every 32-byte blob field element is 0x00 followed by 31 data bytes
 * (so each element is below the BLS12-381 scalar modulus); data fills elements in order, blob
 * after blob; the tail of the last blob is zero. The data length is fixed by the parameter set, so
 * no terminator is needed, and the decoder is strict: exactly `blobCount` blobs, every leading
 * byte zero, every padding byte zero — one ciphertext has exactly one blob encoding.
 */
import { CircuitInputError } from '../errors.js';

export const FIELD_ELEMENTS_PER_BLOB = 4096;
export const BYTES_PER_BLOB = 32 * FIELD_ELEMENTS_PER_BLOB;
/** Data bytes one blob carries (31 per field element). */
export const BLOB_DATA_BYTES = 31 * FIELD_ELEMENTS_PER_BLOB;

/** Number of blobs for `dataBytes` bytes of data. */
export function blobCount(dataBytes: number): number {
  return Math.ceil(dataBytes / BLOB_DATA_BYTES);
}

export function toBlobData(data: Uint8Array): Uint8Array[] {
  if (data.length === 0) throw new CircuitInputError('no data to put in blobs');
  const blobs: Uint8Array[] = [];
  for (let k = 0; k < blobCount(data.length); k++) {
    const blob = new Uint8Array(BYTES_PER_BLOB);
    for (let e = 0; e < FIELD_ELEMENTS_PER_BLOB; e++) {
      const start = k * BLOB_DATA_BYTES + e * 31;
      if (start >= data.length) break;
      blob.set(data.subarray(start, Math.min(start + 31, data.length)), e * 32 + 1);
    }
    blobs.push(blob);
  }
  return blobs;
}

/** Inverse of toBlobData for data of exactly `length` bytes; any deviation is a CircuitInputError. */
export function fromBlobData(blobs: readonly Uint8Array[], length: number): Uint8Array {
  if (blobs.length !== blobCount(length)) {
    throw new CircuitInputError('wrong number of blobs', { details: `${blobs.length} != ${blobCount(length)}` });
  }
  const out = new Uint8Array(length);
  for (const [k, blob] of blobs.entries()) {
    if (blob.length !== BYTES_PER_BLOB) throw new CircuitInputError('a blob must be 131072 bytes', { details: `blob ${k}: ${blob.length}` });
    for (let e = 0; e < FIELD_ELEMENTS_PER_BLOB; e++) {
      const start = k * BLOB_DATA_BYTES + e * 31;
      const take = Math.max(0, Math.min(31, length - start));
      if (blob[e * 32] !== 0) throw new CircuitInputError('blob field element has a non-zero leading byte', { details: `blob ${k} element ${e}` });
      out.set(blob.subarray(e * 32 + 1, e * 32 + 1 + take), start < length ? start : 0);
      for (let j = e * 32 + 1 + take; j < (e + 1) * 32; j++) {
        if (blob[j] !== 0) throw new CircuitInputError('blob padding is not zero', { details: `blob ${k} byte ${j}` });
      }
    }
  }
  return out;
}
