/**
 * `npm run bench:bfv`: our BFV against node-seal 6.0.3 (SEAL in WASM), same N = 8192 and
 * comparable log Q, medians of >= 20 runs per op. Prints a table and writes bench/results/bfv.json.
 *
 * Environment knobs: BENCH_RUNS (timed runs per op, default 25, minimum 20), BENCH_WARMUP
 * (default 5), BENCH_OPS (comma-separated subset of ops, default all).
 */
import { fileURLToPath } from 'node:url';
import { arenaCounters, kernelHeap } from '@interfold/ring';
import { BenchError } from './errors.js';
import {
  buildResults,
  formatTable,
  measureInterleaved,
  OP_NAMES,
  writeResults,
  type BfvSubject,
  type OpName,
  type OpRow,
  type ResultsMeta,
  type TimingOptions,
} from './harness.js';
import { createOursSubject } from './ours-bfv.js';
import { createSealSubject } from './seal-bfv.js';

const RESULTS_PATH = fileURLToPath(new URL('../results/bfv.json', import.meta.url));

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new BenchError(`${name} must be an integer`, { details: `got ${JSON.stringify(raw)}` });
  return n;
}

function opsFromEnv(): readonly OpName[] {
  const raw = process.env.BENCH_OPS;
  if (!raw) return OP_NAMES;
  const wanted = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((s) => !(OP_NAMES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new BenchError('Unknown op in BENCH_OPS', { details: `${unknown.join(', ')}; known: ${OP_NAMES.join(', ')}` });
  return OP_NAMES.filter((op) => wanted.includes(op));
}

/** Creates a subject, or records why it could not be created so the other still runs. */
async function tryCreate(create: () => Promise<BfvSubject>, label: string): Promise<BfvSubject | { error: string }> {
  try {
    return await create();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.warn(`${label}: unavailable (${error}); its column is n/a`);
    return { error };
  }
}

const isSubject = (s: BfvSubject | { error: string }): s is BfvSubject => !('error' in s);

async function main(): Promise<void> {
  const timing: TimingOptions = { runs: intFromEnv('BENCH_RUNS', 25), warmup: intFromEnv('BENCH_WARMUP', 5) };
  const opNames = opsFromEnv();

  const oursOrError = await tryCreate(createOursSubject, 'ours');
  const sealOrError = await tryCreate(createSealSubject, 'seal');
  const ours = isSubject(oursOrError) ? oursOrError : undefined;
  const seal = isSubject(sealOrError) ? sealOrError : undefined;
  if (!ours && !seal) throw new BenchError('Neither subject could be created');

  const subjects: ResultsMeta['subjects'] = {
    ours: ours ? ours.describe() : oursOrError as { error: string },
    seal: seal ? seal.describe() : sealOrError as { error: string },
  };
  for (const [name, d] of Object.entries(subjects)) console.log(`${name}: ${JSON.stringify(d)}`);
  console.log(`timing: ${timing.warmup} warm-up + ${timing.runs} timed runs per op, ours and SEAL interleaved\n`);

  try {
    const rows: OpRow[] = [];
    for (const op of opNames) {
      const [o, s] = measureInterleaved([ours?.ops[op], seal?.ops[op]], timing);
      rows.push({ op, ours: o, seal: s });
      console.log(`  ${op}: ours ${o ? o.median_ms.toFixed(3) + ' ms' : 'n/a'}, seal ${s ? s.median_ms.toFixed(3) + ' ms' : 'n/a'}`);
    }

    // Extras are timed per subject alone: there is no counterpart to interleave with.
    const extras: Record<string, Record<string, unknown>> = {};
    for (const subject of [ours, seal]) {
      if (!subject) continue;
      for (const [key, extra] of Object.entries(subject.extras ?? {})) {
        const st = measureInterleaved([extra.run], timing)[0]!;
        const perUnit = extra.units ? st.median_ms / extra.units : undefined;
        (extras[subject.name] ??= {})[key] = { ...st, ...(perUnit === undefined ? {} : { per_unit_ms: perUnit }), note: extra.note };
        const unitText = perUnit === undefined ? '' : ` (${perUnit.toFixed(3)} ms per unit)`;
        console.log(`  ${subject.name} extra ${key}: ${st.median_ms.toFixed(3)} ms${unitText}`);
      }
    }

    console.log('\n' + formatTable(rows) + '\n');
    const doc = buildResults(rows, {
      subjects,
      timing,
      extras,
      arena: { ...kernelHeap().stats(), ...arenaCounters() },
      notes: [
        'ratio = ours_ms / seal_ms (medians); null where a side is n/a. Targets (issue 14): <= 1.0 encrypt, decrypt, add, mul_plain, mul_relin.',
        'ours: polynomials live in the WebAssembly arena of @interfold/ring; each op frees the result it created (SEAL writes into destinations).',
        'SEAL exposes no single-polynomial NTT, so its ntt is n/a; see extras.seal.ciphertext_to_ntt.per_unit_ms. ' +
          'Reference for one NTT, one 64-bit prime, N=8192: ~57 us native SEAL, ~110 us WASM (node-seal BENCHMARK.md, M1 Pro).',
      ],
    });
    writeResults(RESULTS_PATH, doc);
    console.log(`wrote ${RESULTS_PATH}`);
  } finally {
    ours?.dispose?.();
    seal?.dispose?.();
  }
}

await main();
