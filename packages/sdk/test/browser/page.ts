/**
 * The browser side of test/browser.test.ts (bundled with esbuild, run in headless Chromium): the
 * SDK encrypts a message under the key the server hands over and proves it with the browser
 * prover (noir_js + bb.js WebAssembly, development CRS points fetched from the server).
 */
import { bfvParameters, INSECURE_N512 } from '@interfold/bfv';
import { centredCiphertext, encodeCiphertext, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { encryptInput } from '../../src/index.js';
import { pageProver } from './page-prover.js';

type Out = { ok: true; witness: string; bbWasm: string; ciphertext: string; ms: number } | { ok: false; error: string };
const w = globalThis as unknown as { __result?: Out };

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

async function main(): Promise<Out> {
  const params = bfvParameters(INSECURE_N512);
  const cfg = (await (await fetch('/assets/config.json')).json()) as { context: string; message: number[] };
  const { prover, publicKey } = await pageProver(params);
  if (!globalThis.crypto?.subtle) throw new Error('no crypto.subtle: not a secure context');
  const t0 = performance.now();
  const encrypted = encryptInput(undefined, { publicKey, message: cfg.message });
  const binding = { context: BigInt(cfg.context) };
  // The witness, solved in the page by noir_js (WebAssembly ACVM): every circuit constraint holds.
  const { witness } = await prover.solveWitness(params, encrypted.witness, binding);
  const ms = performance.now() - t0;
  // bb.js WebAssembly proving: accepted only with the Aztec ceremony CRS (see BrowserProver).
  let bbWasm = 'proved';
  try {
    await prover.prove(params, encrypted.witness, binding);
  } catch (e) {
    bbWasm = e instanceof Error ? `${e.message} ${(e as { details?: string }).details ?? ''}` : String(e);
  }
  await prover.close?.();
  const ciphertext = hex(encodeCiphertext(centredCiphertext(encrypted.ciphertext), userEncryptionLayout(params)));
  return { ok: true, witness: hex(witness), bbWasm, ciphertext, ms };
}

main().then(
  (r) => (w.__result = r),
  (e: unknown) => (w.__result = { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }),
);
