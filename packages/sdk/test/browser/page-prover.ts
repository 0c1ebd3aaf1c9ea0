/**
 * The page side of harness.ts's routes: the SDK's browser prover over the circuit, CRS points and
 * noir WebAssembly the server hands over, and the key and config (test/browser/page.ts,
 * bench/browser-page.ts).
 */
import { decodePublicKey, type BfvParameters, type PublicKey } from '@interfold/bfv';
import { createBrowserProver, type BrowserProver } from '../../src/index.js';

export const fetchBytes = async (path: string): Promise<Uint8Array> => new Uint8Array(await (await fetch(path)).arrayBuffer());

export async function pageProver(params: BfvParameters): Promise<{ prover: BrowserProver; publicKey: PublicKey }> {
  const publicKey = decodePublicKey(params, await fetchBytes('/assets/pk.bin'));
  const circuit = (await (await fetch('/assets/circuit.json')).json()) as { program: { bytecode: string; abi: unknown }; vk: string };
  const vk = Uint8Array.from(circuit.vk.match(/../g)!.map((x) => parseInt(x, 16)));
  const prover = createBrowserProver({
    circuit: async () => ({ program: circuit.program, vk }),
    crs: { g1: await fetchBytes('/assets/g1.bin'), g2: await fetchBytes('/assets/g2.bin') },
    wasm: { acvm: '/wasm/acvm_js_bg.wasm', abi: '/wasm/noirc_abi_wasm_bg.wasm' },
  });
  return { prover, publicKey };
}
