/**
 * The browser prover: noir_js (WebAssembly ACVM) solves the witness, bb.js proves with its
 * WebAssembly backend (`BackendType.Wasm`, one thread: no SharedArrayBuffer needed). bb.js would
 * download the Aztec CRS; here the page hands it the points instead (`skipSrsInit`, then
 * `srsInitSrs` with the G1 points and the G2 point), so proving works offline — with the
 * development CRS in tests (INSECURE: its secret is public), the ceremony points in production.
 * The settings are the EVM ones the Node prover uses (keccak transcript, zero knowledge), so the
 * deployed Solidity verifiers accept the proofs.
 */
import { Barretenberg, BackendType } from '@aztec/bb.js';
import { Noir } from '@noir-lang/noir_js';
// Namespace imports: the packages are typed as CommonJS, their browser (web) builds export the
// wasm-bindgen initialiser as `default`.
import * as acvm from '@noir-lang/acvm_js';
import * as noirAbi from '@noir-lang/noirc_abi';
import type { BfvParameters } from '@interfold/bfv';
import { buildInputs, userEncryptionLayout } from '@interfold/circuits/user-encryption';
import { InputError } from '../errors.js';
import type { InputProver } from './types.js';
import type { UserEncryptionPublicInputs } from '@interfold/circuits/user-encryption';

const EVM_SETTINGS = { ipaAccumulation: false, oracleHashType: 'keccak', disableZk: false, optimizedSolidityVerifier: false } as const;

/** A compiled user-encryption circuit (noir_wasm's program JSON) with its verification key. */
export type BrowserCircuit = { program: { bytecode: string; abi: unknown }; vk: Uint8Array };

export type BrowserProverOptions = {
  /** The compiled circuit for a parameter set (by name), e.g. fetched from the app's server. */
  circuit(params: BfvParameters): Promise<BrowserCircuit>;
  /** CRS: G1 points (64-byte big-endian affine each; at least the circuit size + 1) and [tau]G2 (128 bytes). */
  crs: { g1: Uint8Array; g2: Uint8Array };
  /** URLs of the ACVM and ABI WebAssembly modules (`@noir-lang/acvm_js/web/acvm_js_bg.wasm`, `@noir-lang/noirc_abi/web/noirc_abi_wasm_bg.wasm`). */
  wasm: { acvm: string | URL; abi: string | URL };
};

async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64ToBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * bb.js 5's WebAssembly backend accepts only the Aztec ceremony CRS (SrsInitSrs checks that the
 * second G1 point is the ceremony's tau·G): give it those points (production). With the
 * development CRS it refuses, and `solveWitness` still does everything up to the proof (the
 * witness satisfies every circuit constraint) so a Node prover can finish (tests, docs/SDK.md).
 */
export type BrowserProver = InputProver & {
  /**
   * Starts bb.js's WebAssembly backend and loads the CRS points into it (what the first `prove`
   * otherwise does first), e.g. while the user is still filling in the form. Rejects as `prove`
   * would when bb.js refuses the CRS.
   */
  init(): Promise<void>;
  solveWitness(params: BfvParameters, witness: Parameters<InputProver['prove']>[1], binding: Parameters<InputProver['prove']>[2]): Promise<{ witness: Uint8Array; publicInputs: UserEncryptionPublicInputs }>;
};

export function createBrowserProver(opts: BrowserProverOptions): BrowserProver {
  let api: Promise<Barretenberg> | undefined;
  const backend = () =>
    (api ??= (async () => {
      await noirWasm();
      const bb = await Barretenberg.new({ backend: BackendType.Wasm, threads: 1, skipSrsInit: true });
      await bb.srsInitSrs({ pointsBuf: opts.crs.g1, numPoints: Math.floor(opts.crs.g1.length / 64), g2Point: opts.crs.g2 });
      return bb;
    })());
  let wasmReady: Promise<unknown> | undefined;
  const noirWasm = () => (wasmReady ??= Promise.all([acvm.default({ module_or_path: opts.wasm.acvm }), noirAbi.default({ module_or_path: opts.wasm.abi })]));
  return {
    async init() {
      try {
        await backend();
      } catch (cause) {
        throw new InputError('starting the browser prover (bb.js WebAssembly, CRS) failed', { details: cause instanceof Error ? cause.message : String(cause), cause });
      }
    },
    async solveWitness(params, witness, binding) {
      try {
        await noirWasm();
        const { program } = await opts.circuit(params);
        const { inputs, publicInputs } = buildInputs(witness, userEncryptionLayout(params), binding);
        const solved = await new Noir(program as never).execute(inputs);
        return { witness: solved.witness, publicInputs };
      } catch (cause) {
        throw new InputError('solving the user-encryption witness failed in the browser', { details: cause instanceof Error ? cause.message : String(cause), cause });
      }
    },
    async prove(params, witness, binding) {
      try {
        const bb = await backend();
        const { program, vk } = await opts.circuit(params);
        const { inputs, publicInputs } = buildInputs(witness, userEncryptionLayout(params), binding);
        const noir = new Noir(program as never);
        const solved = await noir.execute(inputs);
        const r = await bb.circuitProve({
          witness: await gunzip(solved.witness),
          circuit: { name: 'user_encryption', bytecode: await gunzip(base64ToBytes(program.bytecode)), verificationKey: vk },
          settings: EVM_SETTINGS,
        });
        const proof = new Uint8Array(r.proof.length * 32);
        r.proof.forEach((f, i) => proof.set(f, i * 32));
        return { proof: { proof, publicInputs: r.publicInputs.map((x) => Uint8Array.from(x)) }, publicInputs };
      } catch (cause) {
        throw new InputError('the user-encryption proof failed in the browser prover', { details: cause instanceof Error ? cause.message : String(cause), cause });
      }
    },
    async close() {
      const a = api;
      api = undefined;
      if (a) await a.then((bb) => bb.destroy(), () => undefined); // a backend that failed to start has nothing to close
    },
  };
}
