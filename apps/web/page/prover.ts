/**
 * The page's input prover. The page encrypts and solves the user-encryption witness itself (the
 * SDK's browser prover: noir_js WebAssembly ACVM, every constraint checked here). The UltraHonk
 * proof is then made by the server's native prover from that witness: bb.js 5's WebAssembly
 * prover accepts only the Aztec ceremony CRS, and a development network has only the INSECURE
 * development CRS (docs/SDK.md "In a browser"; docs/apps/web.md). The chain's verifier checks the
 * proof either way; the server sees the witness (so the plaintext) — on a production deployment
 * with ceremony points the page proves by itself.
 */
import { createBrowserProver, type InputProver } from '@interfold/sdk';
import type { BfvParameters } from '@interfold/bfv';

export type ProveStep = 'witness' | 'proof';
let onStep: ((s: ProveStep) => void) | undefined;
/** Progress of the next proofs (the SDK's proveInput gives no progress of its own). */
export const setProveProgress = (f: ((s: ProveStep) => void) | undefined): void => void (onStep = f);

const fromHex = (s: string): Uint8Array => Uint8Array.from((s.replace(/^0x/, '').match(/../g) ?? []).map((x) => parseInt(x, 16)));

export function pageProver(paramsName: string): InputProver {
  const browser = createBrowserProver({
    circuit: async () => {
      const c = (await (await fetch(`/assets/${paramsName}/circuit.json`)).json()) as { program: { bytecode: string; abi: unknown }; vk: string };
      return { program: c.program, vk: fromHex(c.vk) };
    },
    // Not used: this prover never calls the WebAssembly backend (see above).
    crs: { g1: new Uint8Array(0), g2: new Uint8Array(0) },
    wasm: { acvm: '/wasm/acvm_js_bg.wasm', abi: '/wasm/noirc_abi_wasm_bg.wasm' },
  });
  return {
    async prove(params: BfvParameters, witness, binding) {
      onStep?.('witness');
      const solved = await browser.solveWitness(params, witness, binding);
      onStep?.('proof');
      const res = await fetch(`/api/prove?params=${encodeURIComponent(paramsName)}`, { method: 'POST', body: solved.witness as BodyInit });
      const j = (await res.json()) as { proof: string; publicInputs: string[] } | { error: string; details?: string };
      if (!res.ok || 'error' in j) throw new Error(`the server's prover refused: ${'error' in j ? j.error : res.status}${'error' in j && j.details ? ` (${j.details})` : ''}`);
      return { proof: { proof: fromHex(j.proof), publicInputs: j.publicInputs.map(fromHex) }, publicInputs: solved.publicInputs };
    },
  };
}
