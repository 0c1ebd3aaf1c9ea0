/**
 * The page's input provers. The page encrypts and solves the proof witness itself (noir_js's
 * WebAssembly ACVM: every constraint checked here). The UltraHonk proof is then made by the
 * server's native prover from that witness: bb.js 5's WebAssembly prover accepts only the Aztec
 * ceremony CRS, and a development network has only the INSECURE development CRS (docs/SDK.md "In
 * a browser"; docs/apps/web.md). The chain's verifier checks the proof either way; the server sees
 * the witness (so the plaintext) — on a production deployment with ceremony points the page proves
 * by itself.
 *
 * `pageProver`: the plain user-encryption circuit (the SDK's browser prover). `programProver`: a
 * program's input circuit (ballot_validity, datapool_validity: user encryption plus the program's
 * statement over the same witness, packages/circuits src/programs), whose extra inputs (the
 * message digits, the voter's Merkle path, ...) the page adds to the user-encryption ones.
 */
import { Noir, type InputMap } from '@noir-lang/noir_js';
import * as acvm from '@noir-lang/acvm_js';
import * as noirAbi from '@noir-lang/noirc_abi';
import { createBrowserProver, type InputProver } from '@interfold/sdk';
import { buildInputs, userEncryptionLayout, type UserEncryptionLayout } from '@interfold/circuits/user-encryption';
import type { BfvParameters } from '@interfold/bfv';

export type ProveStep = 'witness' | 'proof';
let onStep: ((s: ProveStep) => void) | undefined;
/** Progress of the next proofs (the SDK's proveInput gives no progress of its own). */
export const setProveProgress = (f: ((s: ProveStep) => void) | undefined): void => void (onStep = f);

const fromHex = (s: string): Uint8Array => Uint8Array.from((s.replace(/^0x/, '').match(/../g) ?? []).map((x) => parseInt(x, 16)));
const WASM = { acvm: '/wasm/acvm_js_bg.wasm', abi: '/wasm/noirc_abi_wasm_bg.wasm' };

async function serverProve(query: string, witness: Uint8Array): Promise<{ proof: Uint8Array; publicInputs: Uint8Array[] }> {
  const res = await fetch(`/api/prove?${query}`, { method: 'POST', body: witness as BodyInit });
  const j = (await res.json()) as { proof: string; publicInputs: string[] } | { error: string; details?: string };
  if (!res.ok || 'error' in j) throw new Error(`the server's prover refused: ${'error' in j ? j.error : res.status}${'error' in j && j.details ? ` (${j.details})` : ''}`);
  return { proof: fromHex(j.proof), publicInputs: j.publicInputs.map(fromHex) };
}

export function pageProver(paramsName: string): InputProver {
  const browser = createBrowserProver({
    circuit: async () => {
      const c = (await (await fetch(`/assets/${paramsName}/circuit.json`)).json()) as { program: { bytecode: string; abi: unknown }; vk: string };
      return { program: c.program, vk: fromHex(c.vk) };
    },
    // Not used: this prover never calls the WebAssembly backend (see above).
    crs: { g1: new Uint8Array(0), g2: new Uint8Array(0) },
    wasm: WASM,
  });
  return {
    async prove(params: BfvParameters, witness, binding) {
      onStep?.('witness');
      const solved = await browser.solveWitness(params, witness, binding);
      onStep?.('proof');
      return { proof: await serverProve(`params=${encodeURIComponent(paramsName)}`, solved.witness), publicInputs: solved.publicInputs };
    },
  };
}

let wasmReady: Promise<unknown> | undefined;
const noirWasm = () => (wasmReady ??= Promise.all([acvm.default({ module_or_path: WASM.acvm }), noirAbi.default({ module_or_path: WASM.abi })]));

/** The program's own circuit inputs, from the plaintext encoding inside the witness (k1). */
export type ProgramInputs = (k1: readonly bigint[], layout: UserEncryptionLayout) => InputMap;

/** A prover for a program input circuit `circuit` (a shape key the server prepared, programs.ts). */
export function programProver(paramsName: string, circuit: string, extra: ProgramInputs): InputProver {
  let program: Promise<{ bytecode: string; abi: unknown }> | undefined;
  return {
    async prove(params: BfvParameters, witness, binding) {
      onStep?.('witness');
      await noirWasm();
      program ??= fetch(`/assets/${encodeURIComponent(paramsName)}/${encodeURIComponent(circuit)}/circuit.json`).then(async (r) => {
        const j = (await r.json()) as { program?: { bytecode: string; abi: unknown }; error?: string };
        if (!r.ok || !j.program) throw new Error(`the server has no circuit ${circuit}: ${j.error ?? r.status}`);
        return j.program;
      });
      const layout = userEncryptionLayout(params);
      const { inputs, publicInputs } = buildInputs(witness, layout, binding);
      let solved: Uint8Array;
      try {
        solved = (await new Noir((await program) as never).execute({ ...inputs, ...extra(witness.k1, layout) })).witness;
      } catch (e) {
        throw new Error(`the ${circuit.split('-')[0]} circuit does not hold for this input (checked in this page): ${e instanceof Error ? e.message : String(e)}`);
      }
      onStep?.('proof');
      const proof = await serverProve(`params=${encodeURIComponent(paramsName)}&circuit=${encodeURIComponent(circuit)}`, solved);
      return { proof, publicInputs };
    },
  };
}
