/**
 * UltraHonk proving through bb.js with its native `bb` (NativeUnixSocket backend). The native
 * process reads the CRS from CRS_PATH, set for the spawn only. Settings target the EVM verifier:
 * keccak transcript, zero knowledge on.
 */
import { Barretenberg, BackendType } from '@aztec/bb.js';
import { gunzipSync } from 'node:zlib';

const ungzip = (b: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(b));
import { ProverError } from '../errors.js';

/**
 * `optimizedSolidityVerifier`: bb's hand-scheduled ZK verifier (one contract, no libraries, manual
 * memory layout) instead of the reference translation of the C++ verifier. Same proofs, same
 * verification key; about a third of the gas (measured: 0.87 M against 2.63 M for C1 at
 * INSECURE_N512). It writes its constants as `mstore` words: patchVerifierG2 handles both layouts.
 * docs/SECURITY.md notes its audit status.
 */
export const EVM_SETTINGS = {
  ipaAccumulation: false,
  oracleHashType: 'keccak',
  disableZk: false,
  optimizedSolidityVerifier: true,
} as const;

export type Proof = {
  /** Concatenated 32-byte proof fields (without public inputs), as the Solidity verifier takes it. */
  proof: Uint8Array;
  /** Public inputs, 32-byte big-endian each. */
  publicInputs: Uint8Array[];
};

export function decodeAcir(bytecodeBase64: string): Uint8Array {
  return ungzip(Buffer.from(bytecodeBase64, 'base64'));
}

/**
 * A connected native bb process reading its CRS from `crsPath`. bb.js gives the process 5 s to
 * open its socket; on a loaded machine the 150 MB binary can take longer to start, so this
 * retries. `Barretenberg.new` returns before the socket is connected (the first call waits for
 * it), so one cheap call (a Poseidon2 hash of zero) forces the connection here, inside the retry
 * loop, rather than failing the first proof.
 */
export async function openNativeBarretenberg(crsPath: string, threads?: number): Promise<Barretenberg> {
  let last: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    const prev = process.env.CRS_PATH;
    process.env.CRS_PATH = crsPath;
    let api: Barretenberg | undefined;
    try {
      api = await Barretenberg.new({ backend: BackendType.NativeUnixSocket, ...(threads ? { threads } : {}) });
      await api.poseidon2Hash({ inputs: [new Uint8Array(32)] });
      return api;
    } catch (e) {
      last = e;
      await api?.destroy().catch(() => undefined);
    } finally {
      if (prev === undefined) delete process.env.CRS_PATH;
      else process.env.CRS_PATH = prev;
    }
  }
  throw new ProverError('could not start the native bb prover', { details: String(last), cause: last });
}

/** One native bb process bound to one CRS directory. */
export class BbSession {
  private constructor(private readonly api: Barretenberg) {}

  /** Starts bb reading its CRS from `crsPath` (gate counting does not read it). */
  static async open(crsPath: string, threads?: number): Promise<BbSession> {
    return new BbSession(await openNativeBarretenberg(crsPath, threads));
  }

  async close(): Promise<void> {
    await this.api.destroy();
  }

  /** Gate count and the power-of-two circuit size (the CRS must hold more points than that). */
  async gates(acir: Uint8Array): Promise<{ gates: number; dyadic: number }> {
    try {
      const st = await this.api.circuitStats({
        circuit: { name: 'circuit', bytecode: acir, verificationKey: new Uint8Array(0) },
        includeGatesPerOpcode: false,
        settings: EVM_SETTINGS,
      });
      return { gates: st.numGates, dyadic: st.numGatesDyadic };
    } catch (e) {
      throw new ProverError('bb could not build the circuit', { details: String(e), cause: e });
    }
  }

  async verificationKey(acir: Uint8Array): Promise<Uint8Array> {
    try {
      const vk = await this.api.circuitComputeVk({ circuit: { name: 'circuit', bytecode: acir }, settings: EVM_SETTINGS });
      return vk.bytes;
    } catch (e) {
      throw new ProverError('bb failed to compute the verification key', { details: String(e), cause: e });
    }
  }

  async prove(acir: Uint8Array, vk: Uint8Array, gzippedWitness: Uint8Array): Promise<Proof> {
    try {
      const r = await this.api.circuitProve({
        witness: ungzip(gzippedWitness),
        circuit: { name: 'circuit', bytecode: acir, verificationKey: vk },
        settings: EVM_SETTINGS,
      });
      const proof = new Uint8Array(r.proof.length * 32);
      r.proof.forEach((f, i) => proof.set(f, i * 32));
      return { proof, publicInputs: r.publicInputs.map((x) => Uint8Array.from(x)) };
    } catch (e) {
      throw new ProverError('bb failed to prove', { details: String(e), cause: e });
    }
  }

  /** bb's own verifier: meaningful only with the ceremony CRS (its G2 point is built in). */
  async bbVerify(vk: Uint8Array, p: Proof): Promise<boolean> {
    const fields: Uint8Array[] = [];
    for (let i = 0; i < p.proof.length; i += 32) fields.push(p.proof.slice(i, i + 32));
    const r = await this.api.circuitVerify({
      verificationKey: vk,
      publicInputs: p.publicInputs,
      proof: fields,
      settings: EVM_SETTINGS,
    });
    return r.verified;
  }

  async solidityVerifier(vk: Uint8Array): Promise<string> {
    try {
      const r = await this.api.circuitWriteSolidityVerifier({ verificationKey: vk, settings: EVM_SETTINGS });
      return r.solidityCode;
    } catch (e) {
      throw new ProverError('bb failed to write the Solidity verifier', { details: String(e), cause: e });
    }
  }
}
