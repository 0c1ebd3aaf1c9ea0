/**
 * C6 and C7 as libraries: load (compile, keys, verifier: cached), prove, and verify through the
 * deployed Solidity verifiers with the public inputs the verifier itself expects (spec 003 P4).
 */
import type { ZkConfig } from '../config.js';
import { ZkCircuit, type Proof } from '../circuit.js';
import { CircuitArtifactError, ProverError, VerificationError } from '../errors.js';
import { fieldToHex } from '../poseidon2/field.js';
import type { VerifyResult } from '../verifier/evm.js';
import type { EncryptionParams } from '../userEncryption/layout.js';
import type { RnsPoly } from '../commitments/rns.js';
import { c7Layout, decryptionLayout, renderC6ParamsNr, renderC7ParamsNr, type C7Layout, type DecryptionLayout } from './layout.js';
import {
  buildC6Inputs,
  c6PublicInputList,
  type DecryptionSharePublicInputs,
  type DecryptionShareWitness,
  type ShareBinding,
} from './shareWitness.js';
import { buildC7Inputs, c7PublicInputList, type DecodeOverrides, type DecodePublicInputs } from './decodeWitness.js';

const C6_ABI = 'ct_s:private,sk_s:private,esm_s:private,d_s:private,r1_s:private,r2:private,ct_commitment:public,sk_commitment:public,esm_commitment:public,e3_id:public,party:public';
const C7_ABI = 'd_s:private,lambda:private,kappa_s:private,u:private,rc_s:private,mp:private,rho:private,m:private,ids:public,d_commitments:public';

export const toBytes32 = (v: bigint): Uint8Array => Uint8Array.from(Buffer.from(fieldToHex(v).slice(2), 'hex'));
export function fromBytes32(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

async function loadChecked(pkg: string, overlay: Record<string, string>, abi: string, config: ZkConfig): Promise<ZkCircuit> {
  const circuit = await ZkCircuit.load(pkg, overlay, config);
  const names = circuit.program.abi.parameters.map((q) => `${q.name}:${q.visibility}`).join(',');
  if (names !== abi) {
    await circuit.close();
    throw new CircuitArtifactError(`${pkg} artifact does not have the expected ABI`, { details: `${names} != ${abi}` });
  }
  return circuit;
}

/**
 * A loaded circuit that reopens its native bb session when bb did not come up in time: bb.js gives
 * the 150 MB binary 5 s to open its socket, which a loaded machine misses (docs/ZK.md §7), and the
 * failure only shows at the first call. Reloading is cheap (everything is cached).
 */
class Reloading {
  constructor(
    public circuit: ZkCircuit,
    private readonly reload: () => Promise<ZkCircuit>,
  ) {}

  async prove(inputs: Parameters<ZkCircuit['prove']>[0]): Promise<Proof> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.circuit.prove(inputs);
      } catch (e) {
        const transient = e instanceof ProverError && /bb socket|Native backend/.test(e.details ?? '');
        if (!transient || attempt >= 3) throw e;
        await this.circuit.close().catch(() => undefined);
        this.circuit = await this.reload();
      }
    }
  }
}

/** Verifies `proof` with exactly `expected` as its public inputs (a proof carrying others is rejected). */
async function verifyAgainst(circuit: ZkCircuit, proof: Proof, expected: readonly bigint[]): Promise<VerifyResult> {
  if (proof.publicInputs.length !== expected.length) {
    return { ok: false, gasUsed: 0n, reason: `proof carries ${proof.publicInputs.length} public inputs, expected ${expected.length}` };
  }
  return circuit.verify({ proof: proof.proof, publicInputs: expected.map(toBytes32) });
}

export type DecryptionShareProof = { proof: Proof; publicInputs: DecryptionSharePublicInputs };

export class DecryptionShareCircuit {
  private constructor(
    readonly layout: DecryptionLayout,
    private readonly loaded: Reloading,
  ) {}

  static async load(params: EncryptionParams, config: ZkConfig = {}): Promise<DecryptionShareCircuit> {
    const layout = decryptionLayout(params);
    const load = () => loadChecked('c6_decryption_share', { 'c6_decryption_share/src/params.nr': renderC6ParamsNr(layout) }, C6_ABI, config);
    return new DecryptionShareCircuit(layout, new Reloading(await load(), load));
  }

  get circuit(): ZkCircuit {
    return this.loaded.circuit;
  }

  /** Proves one share (the witness is checked first: a bad one is a CircuitInputError). */
  async prove(w: DecryptionShareWitness, binding: ShareBinding, strict = true): Promise<DecryptionShareProof> {
    const { inputs, publicInputs } = buildC6Inputs(w, this.layout, binding, strict);
    return { proof: await this.loaded.prove(inputs), publicInputs };
  }

  /**
   * Verifies a share proof against what the verifier knows: the output ciphertext's commitment,
   * the node's C4 commitments, the E3, the party, and the share commitment it claims.
   */
  async verify(proof: Proof, expected: DecryptionSharePublicInputs): Promise<VerifyResult> {
    return verifyAgainst(this.circuit, proof, c6PublicInputList(expected));
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}

export type DecodeProof = { proof: Proof; publicInputs: DecodePublicInputs; plaintext: bigint[] };

export class DecodeCircuit {
  private constructor(
    readonly layout: C7Layout,
    private readonly loaded: Reloading,
  ) {}

  get circuit(): ZkCircuit {
    return this.loaded.circuit;
  }

  /** C7 for decrypting sets of `shares` = T + 1 parties. */
  static async load(params: EncryptionParams, shares: number, config: ZkConfig = {}): Promise<DecodeCircuit> {
    const layout = c7Layout(params, shares);
    const load = () => loadChecked('c7_decode', { 'c7_relations/src/params.nr': renderC7ParamsNr(layout) }, C7_ABI, config);
    return new DecodeCircuit(layout, new Reloading(await load(), load));
  }

  /** Decodes and proves: `shares[i]` (centred, per limb) is the share of party ids[i], ids ascending. */
  async prove(ids: readonly number[], shares: readonly RnsPoly[], over: DecodeOverrides = {}): Promise<DecodeProof> {
    const { inputs, publicInputs, plaintext } = buildC7Inputs(ids, shares, this.layout, over);
    return { proof: await this.loaded.prove(inputs), publicInputs, plaintext: over.plaintext ?? plaintext };
  }

  /** Verifies that `plaintext` is the decryption from the shares committed as dCommitments by ids. */
  async verify(proof: Proof, expected: DecodePublicInputs): Promise<VerifyResult> {
    return verifyAgainst(this.circuit, proof, c7PublicInputList(expected));
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }
}

export function assertOk(r: VerifyResult, what: string): void {
  if (!r.ok) throw new VerificationError(`${what} rejected`, { details: r.reason });
}
