/**
 * `npm run bench:zk:browser [SET ...]`: the user-encryption input as a browser tab makes it, in
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core), with the SDK's browser
 * prover, at INSECURE_N1024 and PRODUCTION_N8192 by default. Records
 * `user_encryption@<set>/browser` in bench/results/zk.json (issue 14): encryption, circuit inputs
 * and challenges, the witness solve (noir_js WebAssembly), bb.js's WebAssembly proof or its
 * refusal, the page's JS heap and the peak resident memory of Chromium's processes.
 *
 * Not part of CI (the production circuit compiles for minutes). Offline, only the development CRS
 * exists here and bb.js 5's WebAssembly backend refuses it (it pins the Aztec ceremony's tau·G;
 * packages/sdk/src/prover/browser.ts): the proof step then records the refusal, not a time.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bfvParameters, genPublicKey, genSecretKey, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { closeUserEncryption, inputContext } from '@interfold/circuits';
import { browserCircuitAssets } from '../src/node.js';
import { bundlePage, CHROMIUM, pageResult, proverRoutes, serveRoutes } from '../test/browser/harness.js';
import type { PageResult } from './browser-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', '..', '..', 'bench', 'results', 'zk.json');

// bb.js leaks one rejection when the native bb is slow to open its socket (docs/ZK.md §7).
process.on('unhandledRejection', (e) => {
  if (/Timeout connecting to bb socket/.test(String(e))) return;
  console.error(e);
  process.exit(2);
});

/**
 * Peak resident memory (VmHWM, MB) of the Chromium processes among `root`'s descendants (by their
 * executable: this process and the native bb prover are descendants too, and do not count): the
 * largest one (the page's renderer) and the sum.
 */
function treePeakRss(root: number): { max: number; sum: number } {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // comm may contain spaces and parentheses: the ppid is the 2nd field after the last ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process ended */
    }
  }
  const inTree = (p: number): boolean => {
    for (let q: number | undefined = p, hops = 0; q !== undefined && q > 1 && hops < 64; q = parent.get(q), hops++) if (q === root) return true;
    return false;
  };
  let max = 0;
  let sum = 0;
  const isChromium = (p: number): boolean => {
    try {
      return /chrom/.test(readlinkSync(`/proc/${p}/exe`));
    } catch {
      return false;
    }
  };
  for (const p of parent.keys()) {
    if (p === root || !inTree(p) || !isChromium(p)) continue;
    try {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      max = Math.max(max, kb);
      sum += kb;
    } catch {
      /* the process ended */
    }
  }
  return { max: Math.round(max / 1024), sum: Math.round(sum / 1024) };
}

async function benchSet(name: string, js: Uint8Array): Promise<Record<string, unknown>> {
  const lit = (Object.values(PARAMETER_SETS) as BfvParametersLiteral[]).find((l) => l.name === name);
  if (!lit) throw new Error(`unknown parameter set ${name}`);
  const params = bfvParameters(lit);
  console.log(`${name}: circuit assets (compile, vk, CRS points) ...`);
  const a = await browserCircuitAssets(params);
  const pk = genPublicKey(params, genSecretKey(params));
  // A public test context (chain id, orchestrator, e3Id, submitter): it only binds the proof.
  const context = inputContext({ chainId: 31337, orchestrator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', e3Id: 1n, submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
  const server = await serveRoutes(
    proverRoutes({ js, pk, circuit: { program: a.program, vk: a.vk }, crs: a.crs, config: { set: name, context: context.toString(), message: [1, 0, 0, 1, 7, 42] } }),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    // playwright-core launches Chromium as a child of this process: its process tree is ours.
    const page = await browser.newPage();
    const t0 = Date.now();
    const { result: out, logs } = await pageResult<PageResult>(page, server.url, 1_800_000);
    if (!out.ok) throw new Error(`${out.error}\n${logs.join('\n')}`);
    const rss = treePeakRss(process.pid);
    const { ok: _ok, set: _set, ...figures } = out;
    return {
      ...figures,
      acvm_ms: out.witness_ms - out.inputs_ms,
      page_total_ms: Date.now() - t0,
      chromium_peak_rss_mb_largest_process: rss.max,
      chromium_peak_rss_mb_all_processes: rss.sum,
      crs: 'development (bb.js WebAssembly refuses it; the Aztec ceremony points are not reachable offline)',
      browser: `Chromium ${browser.version()} headless, bb.js 5.0.0 WebAssembly (1 thread), noir_js 1.0.0-beta.26`,
      measured_at: new Date().toISOString(),
      load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is absent: apt-get install -y chromium`);
  process.exit(1);
}
const sets = process.argv.slice(2).length ? process.argv.slice(2) : ['INSECURE_N1024', 'PRODUCTION_N8192'];
const js = await bundlePage(join(here, 'browser-page.ts'));
for (const name of sets) {
  const r = await benchSet(name, js);
  console.log(JSON.stringify({ [`user_encryption@${name}/browser`]: r }));
  mkdirSync(dirname(OUT), { recursive: true });
  // Re-read before writing: another bench may have written meanwhile.
  const current = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(OUT, JSON.stringify({ ...current, [`user_encryption@${name}/browser`]: r }, null, 2) + '\n');
}
await closeUserEncryption();
process.exit(0);
