/**
 * `npm run bench:ntt`: the negacyclic NTT and the pointwise limb operations of @interfold/ring,
 * pure TypeScript reference vs the WebAssembly kernel, at N = 8192 with the largest 50-bit NTT
 * prime. Prints µs per operation (median, p10–p90) over round-robin runs (≥ 50, default 200).
 * Each WebAssembly figure includes copying the limb into the kernel's memory and back.
 *
 * Environment knobs: BENCH_RUNS (default 200, minimum 50), BENCH_WARMUP (default 30).
 */
import { BenchError } from './errors.js';
import { measureInterleaved, type Stats } from './harness.js';
import { Modulus, nttPrimes } from '../../packages/ring/src/index.js';
import {
  NttTable,
  limbMulAddPointwise,
  limbMulPointwise,
  limbMulScalar,
  setNttBackend,
} from '../../packages/ring/src/ntt.js';

const N = 8192;

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new BenchError(`${name} must be an integer >= ${min}`, { details: `got ${JSON.stringify(raw)}` });
  return n;
}

/** Public, reproducible inputs (xorshift32), uniform in [0, q). */
function limb(q: number, seed: number): Float64Array {
  let s = seed;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = ((next() % 262144) * 4294967296 + next()) % q;
  return a;
}

function main(): void {
  const runs = intFromEnv('BENCH_RUNS', 200, 50);
  const warmup = intFromEnv('BENCH_WARMUP', 30, 0);
  const q = nttPrimes(N, 50, 1)[0];
  const m = new Modulus(q);
  const table = new NttTable(N, m);
  const x = limb(m.q, 1);
  const y = limb(m.q, 2);
  const c = m.shoup(limb(m.q, 3)[0]);

  // Sanity: both backends agree on these inputs before anything is timed.
  const js = x.slice();
  table.forwardJs(js);
  setNttBackend('wasm');
  const wasm = x.slice();
  table.forward(wasm);
  if (!js.every((v, i) => v === wasm[i])) throw new BenchError('WebAssembly and TypeScript NTTs disagree');

  // The transforms run in place on the same buffer again and again: residues stay residues.
  const a = x.slice();
  const z = new Float64Array(N);
  const acc = y.slice();
  const on = (b: 'js' | 'wasm', f: () => void) => () => {
    setNttBackend(b);
    f();
  };
  const cases: [string, () => void, () => void][] = [
    ['forward NTT', () => table.forwardJs(a), on('wasm', () => table.forward(a))],
    ['inverse NTT', () => table.inverseJs(a), on('wasm', () => table.inverse(a))],
    ['pointwise mul', on('js', () => limbMulPointwise(m, x, y, z)), on('wasm', () => limbMulPointwise(m, x, y, z))],
    ['pointwise mul-add', on('js', () => limbMulAddPointwise(m, x, y, acc)), on('wasm', () => limbMulAddPointwise(m, x, y, acc))],
    ['scalar mul (Shoup)', on('js', () => limbMulScalar(m, x, c, z)), on('wasm', () => limbMulScalar(m, x, c, z))],
  ];
  const stats = measureInterleaved(cases.flatMap(([, j, w]) => [j, w]), { warmup, runs });

  const us = (s: Stats | undefined) => (s ? (s.median_ms * 1000).toFixed(1) : 'n/a');
  const range = (s: Stats | undefined) => (s ? `${(s.p10_ms * 1000).toFixed(1)}–${(s.p90_ms * 1000).toFixed(1)}` : '');
  const header = ['op (one limb)', 'JS µs', 'p10–p90', 'WASM µs', 'p10–p90', 'speed-up'];
  const rows = cases.map(([name], i) => {
    const j = stats[2 * i];
    const w = stats[2 * i + 1];
    return [name, us(j), range(j), us(w), range(w), j && w ? `${(j.median_ms / w.median_ms).toFixed(1)}×` : 'n/a'];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const render = (cells: string[]) => cells.map((s, k) => s.padEnd(widths[k])).join('  ').trimEnd();
  console.log(`N = ${N}, q = ${q} (${m.bits} bits), medians of ${runs} runs (warm-up ${warmup}), node ${process.version}`);
  console.log([render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n'));
}

main();
