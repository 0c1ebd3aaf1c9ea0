export * from './errors.js';
export { NodeStore, type StoreOptions } from './store.js';
export { EventLogRepository, type LogEntry } from './eventLog.js';
export { SnapshotRepository, type Snapshot } from './snapshots.js';
export { ChainCursorRepository, advanceCursor, rewindCursor, type ChainCursor, type BlockRef } from './cursor.js';
export { SignOnceRepository, DIGEST_BYTES } from './signOnce.js';
export { SecretRepository } from './secrets.js';
export { RECORD_VERSION, SCHEMA_VERSION } from './codec.js';
