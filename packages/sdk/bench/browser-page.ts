/**
 * The page of `npm run bench:zk:browser` (bench/browser.ts; bundled with esbuild, run in headless
 * Chromium): what a voter's or bidder's tab does for one input, timed step by step with the SDK's
 * browser prover. Encryption (TypeScript BFV), the circuit inputs and Fiat–Shamir challenges
 * (TypeScript Poseidon2), the witness solve (noir_js, WebAssembly ACVM), then bb.js's WebAssembly
 * proof: with the development CRS bb.js 5 refuses (it pins the Aztec ceremony's tau·G), and the
 * refusal is reported instead of a time.
 */
import { bfvParameters, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { buildInputs, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { encryptInput } from '../src/index.js';
import { pageProver } from '../test/browser/page-prover.js';

export type PageResult =
  | { ok: true; set: string; encrypt_ms: number; inputs_ms: number; witness_ms: number; prove_ms: number | null; bb_wasm: string; js_heap_mb: number | null }
  | { ok: false; error: string };
const g = globalThis as unknown as { __result?: PageResult };

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
  let bb = 'proved';
  let proveMs: number | null = null;
  try {
    await prover.prove(params, encrypted.witness, binding);
    proveMs = performance.now() - t3;
  } catch (e) {
    // The refusal's own words (InputError.details); bb.js's message spells τ·G in mis-decoded UTF-8.
    const details = e instanceof Error ? ((e as { details?: string }).details ?? e.message) : String(e);
    bb = `refused: ${details.replace(/Â·/g, '·')}`;
  }
  await prover.close?.();
  const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return {
    ok: true,
    set: cfg.set,
    encrypt_ms: Math.round(t1 - t0),
    inputs_ms: Math.round(t2 - t1),
    // solveWitness = inputs and challenges again + the ACVM: the ACVM's share is witness − inputs.
    witness_ms: Math.round(t3 - t2),
    prove_ms: proveMs === null ? null : Math.round(proveMs),
    bb_wasm: bb,
    js_heap_mb: mem ? Math.round(mem.usedJSHeapSize / 2 ** 20) : null,
  };
}

main().then(
  (r) => (g.__result = r),
  (e: unknown) => (g.__result = { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }),
);
