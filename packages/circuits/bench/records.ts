/**
 * bench/results/zk.json, shared by the ZK benches (zk.ts, aggregate.ts, keyFold.ts): records are
 * always written over the file as it is at that moment, so records another bench process wrote
 * meanwhile (other sets, other benches) are kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ZK_RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'results', 'zk.json');

/** The records in zk.json now ({} when there is none yet). */
export function readZkRecords(): Record<string, unknown> {
  return existsSync(ZK_RESULTS) ? (JSON.parse(readFileSync(ZK_RESULTS, 'utf8')) as Record<string, unknown>) : {};
}

/** Writes `records` over zk.json as it is now (other records stay). */
export function writeZkRecords(records: Record<string, unknown>): void {
  const current = readZkRecords();
  mkdirSync(dirname(ZK_RESULTS), { recursive: true });
  writeFileSync(ZK_RESULTS, JSON.stringify({ ...current, ...records }, null, 2) + '\n');
}
