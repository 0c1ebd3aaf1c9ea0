/**
 * `npm run bench:e3`: whole E3s through ciphernode processes on anvil (packages/node/test/
 * e2e-helpers.ts: real anvil with 1 s blocks, real libp2p, LevelDB, one process per node), the
 * script as requester and input submitter. Writes bench/results/e3.json:
 *   { "<set>/n=<n>": { wall_s, phases_s: { committee, dkg, key_published, inputs, compute,
 *     decryption, plaintext_published }, bytes_sent_per_node, peak_rss_mb_per_node,
 *     proofs: { generated, verified }, correct } }
 * Phases are measured from the nodes' own phase logs (first node to reach each). The input and
 * sortition windows are chain deadlines the requester chooses, so `inputs` and `committee` mostly
 * measure those windows; `dkg` and `decryption` are the protocol's own time.
 * Usage: npm run bench:e3 [-- --sets INSECURE_N512 --n 3,5]
 *        npm run bench:e3 -- --dev [--sets INSECURE_N512] [--n 3]   (`e3 dev --json`, e3-dev.ts)
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSECURE_N512, PRODUCTION, type BfvParametersLiteral } from '@interfold/bfv';
import * as H from '../../packages/node/test/e2e-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'results', 'e3.json');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SETS: Record<string, BfvParametersLiteral> = { INSECURE_N512, PRODUCTION_N8192: PRODUCTION };
const sets = (arg('sets') ?? 'INSECURE_N512').split(',');
const sizes = (arg('n') ?? '3,5').split(',').map(Number);

type Result = {
  wall_s: number;
  phases_s: Record<string, number>;
  bytes_sent_per_node: number[];
  peak_rss_mb_per_node: number[];
  proofs: { generated: number; verified: number };
  correct: boolean;
};

function firstTime(net: H.Network, e3Id: bigint, pred: (l: H.LogLine) => boolean): number | undefined {
  let best: number | undefined;
  for (const n of net.nodes) {
    for (const l of n.lines) {
      if (l.e3Id !== String(e3Id) || !pred(l)) continue;
      const t = Date.parse(String(l.time));
      if (best === undefined || t < best) best = t;
    }
  }
  return best;
}

async function metricOf(node: H.NodeProc, name: string): Promise<number> {
  const started = node.lines.find((l) => l.msg === 'started');
  const port = started?.httpPort;
  if (typeof port !== 'number') return 0;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').at(-1));
  return sum;
}

async function runOne(setName: string, n: number): Promise<Result> {
  const T = Math.floor((n - 1) / 2);
  const net = await H.startNetwork({ n, set: SETS[setName], logLevel: 'info' });
  try {
    await Promise.all(net.nodes.map((x) => H.startNodeProcess(x)));
    const t0 = Date.now();
    const { e3Id } = await H.requestE3(net, n, T, { sortitionWindow: 5n, dkgWindow: 120n, inputWindow: 15n }, net.nodes[0].keys.operatorAddress);
    await H.waitStage(net, e3Id, 3, 600_000);
    const values = [3, 4, 5];
    await H.submitInputs(net, e3Id, values);
    await H.waitStage(net, e3Id, 5, 600_000);
    const t1 = Date.now();
    const result = await H.resultOf(net, e3Id);
    const at = (pred: (l: H.LogLine) => boolean) => firstTime(net, e3Id, pred) ?? t1;
    const dkgStart = at((l) => l.msg === 'phase' && l.phase === 'dkg');
    const keyReady = at((l) => l.msg === 'phase' && l.phase === 'dkg' && String(l.detail ?? '').startsWith('key ready'));
    const keyPublished = at((l) => l.msg === 'phase' && l.phase === 'keyPublished');
    const computeStart = at((l) => l.msg === 'phase' && l.phase === 'compute');
    const decStart = at((l) => l.msg === 'phase' && l.phase === 'decryption');
    const plaintext = at((l) => l.msg === 'tx' && l.fn === 'publishPlaintextOutput' && l.status === 'mined');
    const inputsStart = at((l) => l.msg === 'phase' && l.phase === 'inputs');
    const s = (a: number, b: number) => Math.max(0, (b - a) / 1000);
    const bytes = await Promise.all(net.nodes.map((x) => metricOf(x, 'interfold_bytes_out_total')));
    return {
      wall_s: s(t0, t1),
      phases_s: {
        committee: s(t0, dkgStart),
        dkg: s(dkgStart, keyReady),
        key_published: s(keyReady, keyPublished),
        inputs: s(inputsStart, computeStart),
        compute: s(computeStart, decStart),
        decryption: s(decStart, plaintext),
        plaintext_published: s(plaintext, t1),
      },
      bytes_sent_per_node: bytes,
      peak_rss_mb_per_node: net.nodes.map((x) => Math.round(x.peakRssMb)),
      // Node messages carry no proofs yet (every phase NO_PROOF_YET); inputs use the quorum stand-in.
      proofs: { generated: 0, verified: 0 },
      correct: result === BigInt(values.reduce((a, b) => a + b, 0)),
    };
  } finally {
    await net.close();
  }
}

if (args.includes('--dev')) {
  // The `e3 dev` command itself (bench/src/e3-dev.ts): default n = 3.
  const { benchDev } = await import('./e3-dev.js');
  await benchDev(sets, arg('n') === undefined ? [3] : sizes);
  process.exit(0);
}

const results: Record<string, Result> = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, Result>) : {};
for (const set of sets) {
  if (!SETS[set]) throw new Error(`unknown set ${set}; known: ${Object.keys(SETS).join(', ')}`);
  for (const n of sizes) {
    console.log(`${set} n=${n} …`);
    const r = await runOne(set, n);
    results[`${set}/n=${n}`] = r;
    console.log(JSON.stringify(r));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  }
}
console.log(`wrote ${out}`);
process.exit(0);
