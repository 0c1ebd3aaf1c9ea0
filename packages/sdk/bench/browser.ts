/**
 * `npm run bench:zk:browser [-- [--timing-only-crs] [SET ...]]`: the user-encryption input as a
 * browser tab makes it, in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
 * with the SDK's browser prover, at INSECURE_N1024 and PRODUCTION_N8192 by default. Records
 * `user_encryption@<set>/browser` in bench/results/zk.json (issue 14): encryption, circuit inputs
 * and challenges, the witness solve (noir_js WebAssembly), bb.js's WebAssembly backend start and
 * proof (or its refusal / failure), the page's JS heap and the peak resident memory of Chromium's
 * processes (the renderer's apart), sampled every second while the page runs.
 *
 * Not part of CI (the production circuit compiles for minutes). Offline, only the development CRS
 * exists here and bb.js 5's WebAssembly backend refuses it (it pins the Aztec ceremony's tau·G and
 * [x]_2; packages/sdk/src/prover/browser.ts): by default the proof step records the refusal.
 *
 * `--timing-only-crs`: TIMING ONLY. The page is served bench/timing-crs.ts's CRS (the ceremony's
 * public tau·G and [x]_2 in front of the development points), which bb.js accepts. The prover's
 * work does not depend on the point values, so the time and memory are those of a real proof, but
 * the proof is NOT valid: the record says so, and Node checks that the proof is rejected by the
 * circuit's Solidity verifier (development CRS, in-process EVM) and by native bb's verifier.
 *
 * Each page has a time limit (10 min, 30 min for PRODUCTION sets); a renderer that dies (out of
 * memory) or a page that runs out of time is recorded as such, with the steps it finished.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { bfvParameters, genPublicKey, genSecretKey, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { BbSession, closeUserEncryption, inputContext, userEncryptionFor, type Proof } from '@interfold/circuits';
import { toFunctionSelector } from 'viem';
import { browserCircuitAssets } from '../src/node.js';
import { bundlePage, CHROMIUM, proverRoutes, serveRoutes } from '../test/browser/harness.js';
import type { PageFigures, PageResult } from './browser-page.js';
import { TIMING_CRS_LABEL, timingCrs } from './timing-crs.js';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', '..', '..', 'bench', 'results', 'zk.json');

// bb.js leaks one rejection when the native bb is slow to open its socket (docs/ZK.md §7).
process.on('unhandledRejection', (e) => {
  if (/Timeout connecting to bb socket/.test(String(e))) return;
  console.error(e);
  process.exit(2);
});

const load1 = () => Math.round(loadavg()[0]! * 10) / 10;

/**
 * Peak resident memory (VmHWM) of the Chromium processes among `root`'s descendants (by their
 * executable: this process and the native bb prover are descendants too, and do not count),
 * sampled every second and kept per process, so processes that end (a renderer killed for memory)
 * still count. `stop()` gives MB: the largest process, the renderer(s), and the sum.
 */
function chromiumPeakRss(root: number): { stop(): { max: number; renderer: number; sum: number } } {
  const peak = new Map<number, { kb: number; renderer: boolean }>();
  const sample = () => {
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
    for (const p of parent.keys()) {
      if (p === root || !inTree(p)) continue;
      try {
        if (!/chrom/.test(readlinkSync(`/proc/${p}/exe`))) continue;
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
        const renderer = readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--type=renderer');
        peak.set(p, { kb: Math.max(kb, peak.get(p)?.kb ?? 0), renderer });
      } catch {
        /* the process ended */
      }
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const all = [...peak.values()];
      const mb = (kb: number) => Math.round(kb / 1024);
      return {
        max: mb(Math.max(0, ...all.map((p) => p.kb))),
        renderer: mb(Math.max(0, ...all.filter((p) => p.renderer).map((p) => p.kb))),
        sum: mb(all.reduce((a, p) => a + p.kb, 0)),
      };
    },
  };
}

type PageOutcome = { kind: 'result'; result: PageResult } | { kind: 'crashed' | 'timed out' | 'error'; error: string };

/**
 * Opens `url` and waits (at most `timeoutMs`) for the page's `globalThis.__result`, or for the
 * renderer to die. The page's `bench-step {...}` lines are the steps it finished.
 */
async function runPage(page: Page, url: string, timeoutMs: number): Promise<{ outcome: PageOutcome; steps: Partial<PageFigures>; logs: string[] }> {
  const logs: string[] = [];
  const steps: Partial<PageFigures> = {};
  page.on('console', (m) => {
    const t = m.text();
    if (t.startsWith('bench-step ')) Object.assign(steps, JSON.parse(t.slice('bench-step '.length)) as Partial<PageFigures>);
    else logs.push(t);
  });
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  let onCrash: () => void = () => undefined;
  const crashed = new Promise<PageOutcome>((ok) => (onCrash = () => ok({ kind: 'crashed', error: 'the renderer process died (page "crash" event)' })));
  page.on('crash', () => onCrash());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PageOutcome>((ok) => (timer = setTimeout(() => ok({ kind: 'timed out', error: `no result within ${Math.round(timeoutMs / 60_000)} min` }), timeoutMs)));
  const done = (async (): Promise<PageOutcome> => {
    try {
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: timeoutMs, polling: 500 });
      return { kind: 'result', result: (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as PageResult };
    } catch (e) {
      return { kind: 'error', error: e instanceof Error ? e.message : String(e) };
    }
  })();
  const outcome = await Promise.race([crashed, timedOut, done]);
  clearTimeout(timer);
  return { outcome, steps, logs };
}

const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** Names for the Honk verifier's revert selectors in a verifier's reason (which check failed). */
function nameReverts(reason: string): string {
  const errors = ['ShpleminiFailed()', 'SumcheckFailed()', 'ProofLengthWrong()', 'PublicInputsLengthWrong()', 'ConsistencyCheckFailed()', 'GeminiChallengeInSubgroup()'];
  return errors.reduce((r, e) => r.replace(new RegExp(toFunctionSelector(e), 'gi'), (sel) => `${sel} = ${e}`), reason);
}

/** The two verifiers' verdicts on a timing-only proof (it must be rejected by both). */
async function checkRejected(params: ReturnType<typeof bfvParameters>, proof: Proof, crs: { g1: Uint8Array; g2: Uint8Array }, vk: Uint8Array): Promise<Record<string, string>> {
  const ue = await userEncryptionFor(params);
  const sol = await ue.circuit.circuit.verify(proof);
  // Native bb, reading the very CRS the proof was made with (its G2 is the ceremony's [x]_2).
  const dir = mkdtempSync(join(tmpdir(), 'timing-crs-'));
  let native: string;
  try {
    writeFileSync(join(dir, 'bn254_g1.dat'), crs.g1);
    writeFileSync(join(dir, 'bn254_g2.dat'), crs.g2);
    const bb = await BbSession.open(dir);
    try {
      native = (await bb.bbVerify(vk, proof)) ? 'ACCEPTED' : 'rejected';
    } catch (e) {
      native = `rejected (error: ${e instanceof Error ? e.message : String(e)})`;
    } finally {
      await bb.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const verdicts = {
    solidity_verifier_development_crs: sol.ok ? 'ACCEPTED' : `rejected${sol.reason ? ` (${nameReverts(sol.reason)})` : ''}`,
    native_bb_verifier_timing_crs: native,
  };
  if (sol.ok || native === 'ACCEPTED') throw new Error(`a timing-only proof verified: ${JSON.stringify(verdicts)} — the timing CRS is not what this bench assumes`);
  return verdicts;
}

async function benchSet(name: string, js: Uint8Array, timingOnly: boolean): Promise<Record<string, unknown>> {
  const lit = (Object.values(PARAMETER_SETS) as BfvParametersLiteral[]).find((l) => l.name === name);
  if (!lit) throw new Error(`unknown parameter set ${name}`);
  const params = bfvParameters(lit);
  console.log(`${name}: circuit assets (compile, vk, CRS points) ...`);
  const a = await browserCircuitAssets(params);
  const crs = timingOnly ? timingCrs(a.crs) : a.crs;
  const pk = genPublicKey(params, genSecretKey(params));
  // A public test context (chain id, orchestrator, e3Id, submitter): it only binds the proof.
  const context = inputContext({ chainId: 31337, orchestrator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', e3Id: 1n, submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
  const server = await serveRoutes(proverRoutes({ js, pk, circuit: { program: a.program, vk: a.vk }, crs, config: { set: name, context: context.toString(), message: [1, 0, 0, 1, 7, 42] } }));
  const timeoutMs = (/PRODUCTION/.test(name) ? 30 : 10) * 60_000;
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const base = {
    crs: timingOnly ? TIMING_CRS_LABEL : 'development (bb.js WebAssembly refuses it; the Aztec ceremony points are not reachable offline)',
    crs_g1_points: Math.floor(crs.g1.length / 64),
    browser: `Chromium ${browser.version()} headless, bb.js 5.0.0 WebAssembly (1 thread), noir_js 1.0.0-beta.26`,
    page_time_limit_min: timeoutMs / 60_000,
    load_average_1m_at_start: load1(),
  };
  try {
    // playwright-core launches Chromium as a child of this process: its process tree is ours.
    const page = await browser.newPage();
    console.log(`${name}: page (${timingOnly ? 'TIMING-ONLY CRS' : 'development CRS'}, limit ${timeoutMs / 60_000} min) ...`);
    const rss = chromiumPeakRss(process.pid);
    const t0 = Date.now();
    const { outcome, steps, logs } = await runPage(page, server.url, timeoutMs);
    const pageMs = Date.now() - t0;
    const mem = rss.stop();
    const memory = { chromium_peak_rss_mb_renderer: mem.renderer, chromium_peak_rss_mb_largest_process: mem.max, chromium_peak_rss_mb_all_processes: mem.sum };
    const end = { measured_at: new Date().toISOString(), load_average_1m: load1() };
    if (outcome.kind !== 'result') {
      // The renderer died or the page ran out of time: a finding, with the steps it finished.
      return { outcome: outcome.kind, error: outcome.error, ...steps, prove_ms: steps.prove_ms ?? null, page_total_ms: pageMs, ...memory, ...base, page_log_tail: logs.slice(-5), ...end };
    }
    const out = outcome.result;
    if (!out.ok) throw new Error(`${out.error}\n${logs.join('\n')}`);
    const { ok: _ok, set: _set, proof: pageProof, ...figures } = out;
    let proofFields: Record<string, unknown> = {};
    if (pageProof) {
      const proof: Proof = { proof: fromHex(pageProof.proof), publicInputs: pageProof.publicInputs.map(fromHex) };
      proofFields = {
        proof_bytes: proof.proof.length,
        public_inputs: proof.publicInputs.length,
        // bb.js's proof alone: prove() minus the witness solve it repeats (inputs + ACVM ≈ witness_ms).
        bb_proof_ms_est: out.prove_ms === null ? null : out.prove_ms - out.witness_ms,
        proof_verifies: timingOnly ? await checkRejected(params, proof, crs, a.vk) : 'not checked',
      };
    }
    return {
      outcome: out.bb_wasm === 'proved' ? (timingOnly ? 'proved (TIMING ONLY: invalid proof)' : 'proved') : out.bb_wasm.split(':')[0],
      ...figures,
      acvm_ms: out.witness_ms - out.inputs_ms,
      ...proofFields,
      page_total_ms: pageMs,
      ...memory,
      ...base,
      ...end,
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
const args = process.argv.slice(2);
const timingOnly = args.includes('--timing-only-crs');
const unknown = args.filter((x) => x.startsWith('--') && x !== '--timing-only-crs');
if (unknown.length) {
  console.error(`unknown option(s) ${unknown.join(' ')}; usage: bench/browser.ts [--timing-only-crs] [SET ...]`);
  process.exit(1);
}
const named = args.filter((x) => !x.startsWith('--'));
const sets = named.length ? named : ['INSECURE_N1024', 'PRODUCTION_N8192'];
if (timingOnly) console.log(`TIMING-ONLY mode: ${TIMING_CRS_LABEL}`);
const js = await bundlePage(join(here, 'browser-page.ts'));
for (const name of sets) {
  const r = await benchSet(name, js, timingOnly);
  console.log(JSON.stringify({ [`user_encryption@${name}/browser`]: r }));
  mkdirSync(dirname(OUT), { recursive: true });
  // Re-read right before writing: another bench may have written meanwhile.
  const current = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(OUT, JSON.stringify({ ...current, [`user_encryption@${name}/browser`]: r }, null, 2) + '\n');
}
await closeUserEncryption();
process.exit(0);
