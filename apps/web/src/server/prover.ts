/**
 * The server half of proving an input made in the page. The page encrypts and solves the
 * user-encryption witness itself (noir_js WebAssembly: every constraint checked there); bb.js 5's
 * WebAssembly prover accepts only the Aztec ceremony CRS, which an offline development network
 * does not have (docs/SDK.md "In a browser"), so the page sends its solved witness here and the
 * native prover (bb, development CRS) turns it into the UltraHonk proof. The chain's input
 * verifier checks that proof like any other: the server is trusted with the witness (it learns
 * the plaintext), never with validity. With ceremony points the page proves by itself.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { closeUserEncryption, userEncryptionFor, type ProgramInputCircuit } from '@interfold/circuits';
import { parameterSet } from '@interfold/sdk';
import { browserCircuitAssets } from '@interfold/sdk/node';
import { WebRequestError } from './errors.js';

/** A solved witness is a few hundred KiB at INSECURE_N512, a few MiB in production. */
export const MAX_WITNESS_BYTES = 64 * 1024 * 1024;
const PROVE_ATTEMPTS = 3;

export type PageAsset = { type: string; body: Uint8Array | string };

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export class PageProver {
  private readonly assets = new Map<string, Promise<Record<string, PageAsset>>>();
  constructor(private readonly paramSets: readonly string[]) {}

  private params(name: string) {
    if (!this.paramSets.includes(name)) throw new WebRequestError('unknown parameter set', { details: `${name} (this deployment: ${this.paramSets.join(', ')})` });
    return parameterSet(name);
  }

  /** A program input circuit for the page to solve its witness: its compiled program (programs.ts). */
  programAsset(paramsName: string, c: ProgramInputCircuit): PageAsset {
    this.params(paramsName);
    return { type: 'application/json', body: JSON.stringify({ program: { bytecode: c.circuit.program.bytecode, abi: c.circuit.program.abi } }) };
  }

  /** What the page needs to solve the witness: the compiled circuit, its key, the CRS points. */
  async asset(paramsName: string, file: string): Promise<PageAsset | undefined> {
    const params = this.params(paramsName);
    let p = this.assets.get(paramsName);
    if (!p) {
      p = browserCircuitAssets(params).then((a) => ({
        'circuit.json': { type: 'application/json', body: JSON.stringify({ program: a.program, vk: hex(a.vk) }) },
        'g1.bin': { type: 'application/octet-stream', body: a.crs.g1 },
        'g2.bin': { type: 'application/octet-stream', body: a.crs.g2 },
      }));
      p.catch(() => this.assets.delete(paramsName));
      this.assets.set(paramsName, p);
    }
    return (await p)[file];
  }

  /**
   * Proves a witness the page solved: `{ proof, publicInputs }` as hex, what InputProof holds.
   * `program`: the program input circuit the witness was solved for (programs.ts), else user encryption.
   */
  async prove(paramsName: string, witness: Uint8Array, program?: () => Promise<ProgramInputCircuit>): Promise<{ proof: string; publicInputs: string[] }> {
    const params = this.params(paramsName);
    if (witness.length === 0 || witness.length > MAX_WITNESS_BYTES) throw new WebRequestError('witness size out of range', { details: `${witness.length} bytes` });
    if (program) {
      const r = await (await program()).circuit.proveFromWitness(witness);
      return { proof: hex(r.proof), publicInputs: r.publicInputs.map(hex) };
    }
    // bb.js gives the native bb 5 s to open its socket; on a loaded machine that can fail
    // (docs/ZK.md): start a fresh prover and try again, a few times, before reporting it.
    let last: unknown;
    for (let attempt = 0; attempt < PROVE_ATTEMPTS; attempt++) {
      try {
        const ue = await userEncryptionFor(params);
        const r = await ue.circuit.circuit.proveFromWitness(witness);
        return { proof: hex(r.proof), publicInputs: r.publicInputs.map(hex) };
      } catch (e) {
        last = e;
        if (!/bb socket|could not start the native bb/.test(String(e instanceof Error ? `${e.message} ${(e as { details?: string }).details ?? ''}` : e))) throw e;
        await closeUserEncryption();
      }
    }
    throw last;
  }
}

/** The two wasm-bindgen modules noir_js needs in the page (served, never fetched from a CDN). */
export function noirWasmFiles(): Record<string, PageAsset> {
  const require = createRequire(import.meta.url);
  const acvm = dirname(require.resolve('@noir-lang/acvm_js/package.json'));
  const abi = dirname(require.resolve('@noir-lang/noirc_abi/package.json'));
  return {
    '/wasm/acvm_js_bg.wasm': { type: 'application/wasm', body: readFileSync(join(acvm, 'web', 'acvm_js_bg.wasm')) },
    '/wasm/noirc_abi_wasm_bg.wasm': { type: 'application/wasm', body: readFileSync(join(abi, 'web', 'noirc_abi_wasm_bg.wasm')) },
  };
}
