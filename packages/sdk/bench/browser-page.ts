/**
 * The page of `npm run bench:zk:browser` (bench/browser.ts; bundled with esbuild, run in headless
 * Chromium): what a voter's or bidder's tab does for one input, timed step by step with the SDK's
 * browser prover. Encryption (TypeScript BFV), the circuit inputs and Fiat–Shamir challenges
 * (TypeScript Poseidon2), the witness solve (noir_js, WebAssembly ACVM), then bb.js's WebAssembly
 * backend start with the served CRS points and its proof. The page proves with whatever CRS it is
 * served: with the development CRS bb.js 5 refuses (it pins the Aztec ceremony's tau·G) and the
 * refusal is reported instead of a time; with the bench's TIMING-ONLY CRS (bench/timing-crs.ts)
 * it proves, and the proof goes back to Node, which checks that it does NOT verify. Each step's
 * figures are also logged as they come (`bench-step {...}`), so a renderer that dies (out of
 * memory) still leaves the steps it finished.
 */
import { bfvParameters, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { buildInputs, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { encryptInput } from '../src/index.js';
import { pageProver } from '../test/browser/page-prover.js';

export type PageFigures = {
  encrypt_ms: number;
  inputs_ms: number;
  witness_ms: number;
  /** bb.js WebAssembly backend start + srsInitSrs with the served points (null: it did not get that far). */
  bb_init_ms: number | null;
  /** The prover's `prove` call once bb.js is up: the witness solved again (noir_js) + bb.js's proof. */
  prove_ms: number | null;
  /** 'proved', 'refused: …' (srsInitSrs rejected the CRS) or 'failed: …' (any other error). */
  bb_wasm: string;
  js_heap_mb: number | null;
};
export type PageResult =
  | ({ ok: true; set: string; proof: { proof: string; publicInputs: string[] } | null } & PageFigures)
  | { ok: false; error: string };
const g = globalThis as unknown as { __result?: PageResult };

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const step = (figures: Partial<PageFigures>) => console.log(`bench-step ${JSON.stringify(figures)}`);
const heapMb = () => {
  const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return mem ? Math.round(mem.usedJSHeapSize / 2 ** 20) : null;
};

async function main(): Promise<PageResult> {
  const cfg = (await (await fetch('/assets/config.json')).json()) as { set: string; context: string; message: number[] };
  const lit = (Object.values(PARAMETER_SETS) as BfvParametersLiteral[]).find((l) => l.name === cfg.set);
  if (!lit) throw new Error(`unknown parameter set ${cfg.set}`);
  const params = bfvParameters(lit);
  const { prover, publicKey } = await pageProver(params);
  const binding = { context: BigInt(cfg.context) };
  const t0 = performance.now();
  const encrypted = encryptInput(undefined, { publicKey, message: cfg.message });
  const t1 = performance.now();
  // The circuit inputs and challenges alone (solveWitness recomputes them before the ACVM runs).
  buildInputs(encrypted.witness, userEncryptionLayout(params), binding);
  const t2 = performance.now();
  await prover.solveWitness(params, encrypted.witness, binding);
  const t3 = performance.now();
  const before = {
    encrypt_ms: Math.round(t1 - t0),
    inputs_ms: Math.round(t2 - t1),
    // solveWitness = inputs and challenges again + the ACVM: the ACVM's share is witness − inputs.
    witness_ms: Math.round(t3 - t2),
  };
  step(before);
  let bb = 'proved';
  let initMs: number | null = null;
  let proveMs: number | null = null;
  let proof: { proof: string; publicInputs: string[] } | null = null;
  try {
    await prover.init();
    initMs = Math.round(performance.now() - t3);
    step({ bb_init_ms: initMs });
    const t4 = performance.now();
    const p = await prover.prove(params, encrypted.witness, binding);
    proveMs = Math.round(performance.now() - t4);
    step({ prove_ms: proveMs, js_heap_mb: heapMb() });
    proof = { proof: hex(p.proof.proof), publicInputs: p.proof.publicInputs.map(hex) };
  } catch (e) {
    // The error's own words (InputError.details); bb.js's message spells τ·G in mis-decoded UTF-8.
    const details = (e instanceof Error ? ((e as { details?: string }).details ?? e.message) : String(e)).replace(/Â·/g, '·');
    bb = `${/SrsInitSrs/.test(details) ? 'refused' : 'failed'}: ${details}`;
    step({ bb_wasm: bb });
  }
  // A backend that failed mid-proof may not close: do not let that hold the result back.
  await Promise.race([prover.close?.(), new Promise((ok) => setTimeout(ok, 10_000))]).catch(() => undefined);
  return { ok: true, set: cfg.set, ...before, bb_init_ms: initMs, prove_ms: proveMs, bb_wasm: bb, js_heap_mb: heapMb(), proof };
}

main().then(
  (r) => (g.__result = r),
  (e: unknown) => (g.__result = { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }),
);
