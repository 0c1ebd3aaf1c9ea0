/**
 * The chain cursor (issue 8, "Chain"): the last processed block and a window of recent block
 * hashes, so the watcher can tell after a restart whether a block it processed was reorged out
 * (compare the window with the chain) and rewind to the common ancestor.
 *
 *   body = block (u64) ‖ hash (32) ‖ count (u16) ‖ count × (block u64 ‖ hash 32), ascending, contiguous
 */
import type { Hex } from 'viem';
import { type Db, SYNC } from './db.js';
import { Prefix, decodeValue, encodeValue, readU64, u64 } from './codec.js';
import { StoreCorruptError } from './errors.js';

export type BlockRef = { readonly block: bigint; readonly hash: Hex };
export type ChainCursor = BlockRef & {
  /** The most recent blocks up to and including `block`, oldest first (at most the reorg depth + 1). */
  readonly recent: readonly BlockRef[];
};

const MAX_WINDOW = 4096;
const KEY = Uint8Array.of(Prefix.Cursor);

const hashBytes = (h: Hex) => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(h)) throw new RangeError(`block hash must be 32 bytes of hex, got ${h}`);
  return Buffer.from(h.slice(2), 'hex');
};
const hexOf = (b: Uint8Array): Hex => `0x${Buffer.from(b).toString('hex')}`;

/** The cursor advanced to `next` (must be the block after `cursor.block`), keeping `depth + 1` hashes. */
export function advanceCursor(cursor: ChainCursor | undefined, next: BlockRef, depth: number): ChainCursor {
  if (cursor && next.block !== cursor.block + 1n) throw new RangeError(`cursor at ${cursor.block} cannot advance to ${next.block}`);
  const recent = [...(cursor?.recent ?? []), next].slice(-(depth + 1));
  return { block: next.block, hash: next.hash, recent };
}

/** The cursor rewound to `block` (an ancestor within the window), after a reorg. */
export function rewindCursor(cursor: ChainCursor, block: bigint): ChainCursor {
  const recent = cursor.recent.filter((r) => r.block <= block);
  const last = recent[recent.length - 1];
  if (!last || last.block !== block) throw new RangeError(`block ${block} is outside the cursor's window`);
  return { block, hash: last.hash, recent };
}

export class ChainCursorRepository {
  constructor(private readonly db: Db) {}

  async get(): Promise<ChainCursor | undefined> {
    const v = await this.db.get(KEY);
    if (v === undefined) return undefined;
    const body = decodeValue(Prefix.Cursor, v, 'chain cursor');
    const bad = (d: string) => new StoreCorruptError('Malformed chain cursor record', { details: d });
    if (body.length < 42) throw bad(`${body.length} bytes`);
    const count = (body[40] << 8) | body[41];
    if (body.length !== 42 + 40 * count) throw bad(`${count} window entries in ${body.length} bytes`);
    const recent: BlockRef[] = [];
    for (let i = 0; i < count; i++) {
      const off = 42 + 40 * i;
      recent.push({ block: BigInt(readU64(body, off)), hash: hexOf(body.subarray(off + 8, off + 40)) });
      if (i > 0 && recent[i].block !== recent[i - 1].block + 1n) throw bad('window not contiguous');
    }
    const cursor = { block: BigInt(readU64(body, 0)), hash: hexOf(body.subarray(8, 40)), recent };
    const last = recent[recent.length - 1];
    if (last && (last.block !== cursor.block || last.hash !== cursor.hash)) throw bad('window does not end at the cursor');
    return cursor;
  }

  /** Persist (durably) the cursor. */
  async put(cursor: ChainCursor): Promise<void> {
    if (cursor.recent.length > MAX_WINDOW) throw new RangeError(`cursor window above ${MAX_WINDOW}`);
    const body = new Uint8Array(42 + 40 * cursor.recent.length);
    body.set(u64(cursor.block), 0);
    body.set(hashBytes(cursor.hash), 8);
    body[40] = cursor.recent.length >> 8;
    body[41] = cursor.recent.length & 0xff;
    cursor.recent.forEach((r, i) => {
      body.set(u64(r.block), 42 + 40 * i);
      body.set(hashBytes(r.hash), 50 + 40 * i);
    });
    await this.db.put(KEY, encodeValue(Prefix.Cursor, body), SYNC);
  }
}
