/**
 * Benchmark harness shared by every BFV subject (ours, node-seal): the subject contract, timing,
 * the printed table and the JSON written to bench/results/bfv.json.
 *
 * A subject prepares all inputs when it is created; each op closure then performs exactly ONE
 * operation, so what is timed is the operation and nothing else.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus } from 'node:os';
import { BenchError } from './errors.js';

export const OP_NAMES = ['keygen', 'encrypt', 'decrypt', 'add', 'mul_plain', 'mul_relin', 'ntt'] as const;
export type OpName = (typeof OP_NAMES)[number];

/** Ratio targets from the issue (#14: ours / SEAL); ops without a target are reported only. */
export const TARGETS: Partial<Record<OpName, number>> = { encrypt: 1.0, decrypt: 1.0, add: 1.0, mul_plain: 1.0, mul_relin: 1.0 };

/** An operation outside the compared set, timed and reported in `_meta` only. */
export type Extra = {
  run: () => unknown;
  /** What exactly one call does. */
  note: string;
  /** Number of elementary operations per call (e.g. 8 NTTs): the per-unit time is also reported. */
  units?: number;
};

export interface BfvSubject {
  name: string;
  /** N, log2 Q, limbs, t, security: printed and stored in `_meta` so the runs can be compared. */
  describe(): Record<string, string | number>;
  ops: Partial<Record<OpName, () => unknown>>;
  extras?: Record<string, Extra>;
  /** Frees what the subject allocated outside the JS heap (WASM objects). */
  dispose?(): void;
}

export type Stats = { median_ms: number; p10_ms: number; p90_ms: number; runs: number };
export type TimingOptions = { warmup: number; runs: number };

export const MIN_RUNS = 20;

/** Nearest-rank percentile of an ascending array (0 < p < 1). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summarize(samplesMs: readonly number[]): Stats {
  if (samplesMs.length === 0) throw new BenchError('No samples to summarize');
  const s = [...samplesMs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median_ms: median, p10_ms: percentile(s, 0.1), p90_ms: percentile(s, 0.9), runs: s.length };
}

/**
 * Times several closures round-robin (one run of each in turn), so that machine noise — this
 * machine is shared — falls on every subject alike instead of on whichever ran during a burst.
 * Undefined entries (op not provided by a subject) are skipped and give undefined.
 */
export function measureInterleaved(
  fns: readonly ((() => unknown) | undefined)[],
  { warmup, runs }: TimingOptions,
): (Stats | undefined)[] {
  if (!Number.isInteger(runs) || runs < MIN_RUNS)
    throw new BenchError('Too few timed runs', { details: `runs=${runs}, need an integer >= ${MIN_RUNS}` });
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new BenchError('Invalid warm-up count', { details: `warmup=${warmup}` });
  // Warm-up lets V8 tier up our code and SEAL fill its memory pool before anything is timed.
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn?.();
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    fns.forEach((fn, i) => {
      if (!fn) return;
      const t0 = process.hrtime.bigint();
      fn();
      const t1 = process.hrtime.bigint();
      samples[i].push(Number(t1 - t0) / 1e6);
    });
  }
  return fns.map((fn, i) => (fn ? summarize(samples[i]) : undefined));
}

export type OpRow = { op: OpName; ours?: Stats; seal?: Stats };

function ratioOf(row: OpRow): number | null {
  return row.ours && row.seal ? row.ours.median_ms / row.seal.median_ms : null;
}

function fmtMs(s: Stats | undefined): string {
  if (!s) return 'n/a';
  const f = (x: number) => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
  return `${f(s.median_ms)} (${f(s.p10_ms)}–${f(s.p90_ms)})`;
}

/** The console table: medians with p10–p90 in ms, the ratio and whether it meets its target. */
export function formatTable(rows: readonly OpRow[]): string {
  const header = ['op', 'ours ms (p10–p90)', 'SEAL ms (p10–p90)', 'ours/SEAL', 'target'];
  const lines = rows.map((row) => {
    const ratio = ratioOf(row);
    const target = TARGETS[row.op];
    const verdict = target === undefined ? '' : `<= ${target.toFixed(1)}${ratio === null ? '' : ratio <= target ? ' ok' : ' MISS'}`;
    return [row.op, fmtMs(row.ours), fmtMs(row.seal), ratio === null ? 'n/a' : ratio.toFixed(2), verdict];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const render = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export type ResultsMeta = {
  subjects: Record<string, Record<string, string | number> | { error: string }>;
  [key: string]: unknown;
};

/**
 * Builds the bench/results/bfv.json document: `{ "<op>": { ours_ms, seal_ms, ratio } }` with
 * null where a side is n/a, plus `_meta` (subjects, node, date, cpu, p10/p90 per op, notes).
 */
export function buildResults(rows: readonly OpRow[], meta: ResultsMeta): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const stats: Record<string, unknown> = {};
  for (const row of rows) {
    const ratio = ratioOf(row);
    doc[row.op] = {
      ours_ms: row.ours ? round(row.ours.median_ms, 4) : null,
      seal_ms: row.seal ? round(row.seal.median_ms, 4) : null,
      ratio: ratio === null ? null : round(ratio, 4),
    };
    stats[row.op] = { ours: row.ours ?? null, seal: row.seal ?? null };
  }
  doc._meta = {
    ...meta,
    node: process.version,
    date: new Date().toISOString(),
    cpu: `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`,
    stats,
  };
  return doc;
}

export function writeResults(path: string, doc: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}
