/** An in-memory CursorStore (tests, and `e3 dev` runs that need no persistence). */
import type { ChainCursor, CursorStore } from './watcher.js';

export class MemoryCursorStore implements CursorStore {
  private cursor: ChainCursor | undefined;
  async load(): Promise<ChainCursor | undefined> {
    return this.cursor;
  }
  async save(cursor: ChainCursor): Promise<void> {
    this.cursor = cursor;
  }
}
