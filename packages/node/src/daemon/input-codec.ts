/**
 * The byte form of a CoreInput in the E3's event log (store/eventLog.ts keeps opaque bytes).
 * JSON with tagged values: bigint as {"$n":"<decimal>"}, bytes as {"$b":"<hex>"}, so a replay feeds
 * the core exactly what it saw. The log is this node's own file, yet still checked on the way back
 * (a corrupt record is a LogRecordError, not a crash deep in the core).
 */
import type { CoreInput } from '../types.js';
import { LogRecordError } from './errors.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export function encodeInput(input: CoreInput): Uint8Array {
  return enc.encode(
    JSON.stringify(input, (_k, v: unknown) => {
      if (typeof v === 'bigint') return { $n: v.toString() };
      if (v instanceof Uint8Array) return { $b: Buffer.from(v).toString('hex') };
      return v;
    }),
  );
}

const KINDS = new Set(['chain', 'message', 'timer', 'tick', 'signed', 'proved', 'rejected']);

export function decodeInput(bytes: Uint8Array): CoreInput {
  let v: unknown;
  try {
    v = JSON.parse(dec.decode(bytes), (_k, x: unknown) => {
      if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
        const o = x as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && typeof o.$n === 'string') {
          if (!/^-?[0-9]+$/.test(o.$n)) throw new LogRecordError('malformed integer in a log record');
          return BigInt(o.$n);
        }
        if (keys.length === 1 && typeof o.$b === 'string') {
          if (!/^([0-9a-f]{2})*$/.test(o.$b)) throw new LogRecordError('malformed bytes in a log record');
          return new Uint8Array(Buffer.from(o.$b, 'hex'));
        }
      }
      return x;
    });
  } catch (e) {
    if (e instanceof LogRecordError) throw e;
    throw new LogRecordError('log record is not valid JSON', { cause: e });
  }
  const o = v as { kind?: unknown; now?: unknown };
  if (typeof v !== 'object' || v === null || typeof o.kind !== 'string' || !KINDS.has(o.kind) || typeof o.now !== 'number') {
    throw new LogRecordError('log record is not a core input');
  }
  return v as CoreInput;
}
