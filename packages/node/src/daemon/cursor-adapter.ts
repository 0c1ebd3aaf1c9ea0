/** The chain watcher's cursor persisted in the store's ChainCursorRepository (one format on disk). */
import type { NodeStore } from '../store/index.js';
import type { ChainCursor, CursorStore } from '../chain/index.js';

export function storeCursor(store: NodeStore): CursorStore {
  return {
    async load(): Promise<ChainCursor | undefined> {
      const c = await store.cursor.get();
      if (c === undefined) return undefined;
      return { block: { number: c.block, hash: c.hash }, recent: c.recent.map((r) => ({ number: r.block, hash: r.hash })) };
    },
    async save(c: ChainCursor): Promise<void> {
      await store.cursor.put({ block: c.block.number, hash: c.block.hash, recent: c.recent.map((r) => ({ block: r.number, hash: r.hash })) });
    },
  };
}
