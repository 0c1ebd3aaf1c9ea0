/**
 * Key and value layout of the node's LevelDB (bytewise-ordered keys):
 *
 *   0x00 'schema'                               u8 schema version
 *   0x01 ‖ e3Id (32 B BE) ‖ seq (8 B BE)         event log entry
 *   0x02 ‖ e3Id                                  latest snapshot
 *   0x03                                         chain cursor
 *   0x04 ‖ e3Id ‖ slot (32 B BE)                 sign-once digest
 *   0x05 ‖ e3Id ‖ name (UTF-8)                   secret record, sealed under the E3's data key
 *   0x06 ‖ e3Id                                  the E3's data key, sealed under the master key
 *
 * Every value starts with (format version u8, kind u8): a value of another kind or version is a
 * typed error, never silently misread. Big-endian integers keep numeric order = byte order, so
 * one E3's keys of one kind are one contiguous range (iteration, erasure, compaction).
 */
import { StoreCorruptError, StoreVersionError } from './errors.js';

export const RECORD_VERSION = 1;
export const SCHEMA_VERSION = 1;

export const Prefix = Object.freeze({
  Meta: 0x00,
  Log: 0x01,
  Snapshot: 0x02,
  Cursor: 0x03,
  SignOnce: 0x04,
  Secret: 0x05,
  DataKey: 0x06,
} as const);
export type Prefix = (typeof Prefix)[keyof typeof Prefix];

const UINT256_MAX = (1n << 256n) - 1n;

export function uint256(v: bigint, what: string): Uint8Array {
  if (typeof v !== 'bigint' || v < 0n || v > UINT256_MAX) throw new RangeError(`${what} must be a uint256`);
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0 && x > 0n; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

export function readUint256(b: Uint8Array, off = 0): bigint {
  let v = 0n;
  for (let i = 0; i < 32; i++) v = (v << 8n) | BigInt(b[off + i]);
  return v;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The key prefix of one kind for one E3: its keys are exactly [prefix, rangeEnd(prefix)). */
export const e3Prefix = (kind: Prefix, e3Id: bigint) => concat(Uint8Array.of(kind), uint256(e3Id, 'e3Id'));

/** The smallest key greater than every key starting with `prefix`. */
export function rangeEnd(prefix: Uint8Array): Uint8Array {
  const out = prefix.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]++;
      return out.subarray(0, i + 1);
    }
  }
  throw new RangeError('no range end for an all-0xff prefix');
}

export function u64(v: number | bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v));
  return b;
}

export function readU64(b: Uint8Array, off: number): number {
  return Number(new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off));
}

/** Wrap a value body with (version, kind). */
export function encodeValue(kind: Prefix, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + body.length);
  out[0] = RECORD_VERSION;
  out[1] = kind;
  out.set(body, 2);
  return out;
}

/** The body of a stored value, after checking its version and kind (and exact length if given). */
export function decodeValue(kind: Prefix, value: Uint8Array, what: string, length?: number): Uint8Array {
  if (value.length < 2) throw new StoreCorruptError(`Truncated ${what} record`, { details: `${value.length} bytes` });
  if (value[0] !== RECORD_VERSION) {
    throw new StoreVersionError(`Unsupported ${what} record version`, { details: `version ${value[0]}, supported ${RECORD_VERSION}` });
  }
  if (value[1] !== kind) throw new StoreCorruptError(`Wrong record kind: expected ${what}`, { details: `kind 0x${value[1].toString(16)}, expected 0x${kind.toString(16)}` });
  // A copy as a plain Uint8Array (LevelDB hands out Buffers, whose slice() aliases).
  const body = Uint8Array.from(value.subarray(2));
  if (length !== undefined && body.length !== length) {
    throw new StoreCorruptError(`Malformed ${what} record`, { details: `body of ${body.length} bytes, expected ${length}` });
  }
  return body;
}
