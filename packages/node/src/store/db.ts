/** The LevelDB handle the repositories share, and a tiny FIFO lock for read-modify-write. */
import type { Level } from 'level';

export type Db = Level<Uint8Array, Uint8Array>;

/** Durable writes: fsync before the promise resolves (persist-before-send, spec 003 / issue 8). */
export const SYNC = { sync: true } as const;

/** Serialises async critical sections (append sequence numbers, sign-once claims, data keys). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** classic-level's compaction, which `level`'s universal typings do not declare. */
type Compactable = { compactRange(start: Uint8Array, end: Uint8Array): Promise<void> };
const isCompactable = (db: object): db is Compactable => typeof (db as Partial<Compactable>).compactRange === 'function';

/** Compact [start, end): rewrites the files holding the range, dropping deleted values. */
export async function compact(db: Db, start: Uint8Array, end: Uint8Array): Promise<boolean> {
  if (!isCompactable(db)) return false;
  await db.compactRange(start, end);
  return true;
}
