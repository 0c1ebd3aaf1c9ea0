/**
 * A circuit ready to prove and verify: compiled Noir program (cached by content hash), its CRS,
 * verification key (cached per CRS), and its Solidity verifier (G2 patched to the CRS) deployed in
 * an in-process EVM. `verify` goes through that deployed verifier: the one source of truth.
 */
import { join } from 'node:path';
import type { InputMap } from '@noir-lang/noir_js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Address } from '@ethereumjs/util';
import { resolveConfig, type ResolvedZkConfig, type ZkConfig } from './config.js';
import { compileNoirPackage, type CompiledProgram } from './noir/compile.js';
import { executeProgram } from './noir/execute.js';
import { resolveCrs, type Crs } from './crs/resolve.js';
import { encodeG2 } from './crs/devCrs.js';
import { BbSession, decodeAcir, type Proof } from './prover/barretenberg.js';
import { compileVerifier, patchVerifierG2, type CompiledVerifier } from './verifier/solidity.js';
import { EvmVerifierHost, type VerifyResult } from './verifier/evm.js';
import { contentHash, readIfExists, writeFileAtomic } from './cache.js';
import { CircuitArtifactError, VerificationError } from './errors.js';

export type { Proof } from './prover/barretenberg.js';

export type CircuitStats = { gates: number; dyadic: number; bytecodeBytes: number };

export class ZkCircuit {
  private evm: EvmVerifierHost | undefined;
  private verifierAddress: Address | undefined;

  private constructor(
    readonly name: string,
    readonly program: CompiledProgram,
    readonly artifactHash: string,
    private readonly acir: Uint8Array,
    readonly crs: Crs,
    private readonly session: BbSession,
    readonly vk: Uint8Array,
    readonly stats: CircuitStats,
    readonly solidity: CompiledVerifier,
    readonly soliditySource: string,
    private readonly cfg: ResolvedZkConfig,
  ) {}

  /** Compiles (or loads from cache) `pkg` with the given generated overlays and prepares proving. */
  static async load(pkg: string, overlays: Record<string, string>, config: ZkConfig = {}): Promise<ZkCircuit> {
    const cfg = resolveConfig(config);
    const { program, hash } = await compileNoirPackage(pkg, cfg.cacheDir, overlays);
    const acir = decodeAcir(program.bytecode);
    const statsPath = join(cfg.cacheDir, 'stats', `v2-${hash}.json`);
    let stats: CircuitStats;
    const cachedStats = readIfExists(statsPath);
    if (cachedStats) {
      stats = JSON.parse(cachedStats.toString('utf8')) as CircuitStats;
    } else {
      // Gate counting does not touch the CRS: any directory does.
      const probe = await BbSession.open(join(cfg.cacheDir, 'dev-crs'), cfg.threads);
      try {
        const g = await probe.gates(acir);
        stats = { ...g, bytecodeBytes: Buffer.from(program.bytecode, 'base64').length };
      } finally {
        await probe.close();
      }
      writeFileAtomic(statsPath, JSON.stringify(stats));
    }
    const crs = await resolveCrs(cfg, stats.dyadic + 1);
    const session = await BbSession.open(crs.path, cfg.threads);
    try {
      const crsId = contentHash([bytesToHex(encodeG2(crs.g2))]);
      const vkPath = join(cfg.cacheDir, 'vk', `${hash}-${crsId}.vk`);
      let vk = readIfExists(vkPath) as Uint8Array | undefined;
      if (!vk) {
        vk = await session.verificationKey(acir);
        writeFileAtomic(vkPath, vk);
      }
      // The verifier layout is part of the name: a cached reference-layout source is not reused.
      const solPath = join(cfg.cacheDir, 'vk', `${hash}-${crsId}-zk-optimized.sol`);
      let source = readIfExists(solPath)?.toString('utf8');
      if (!source) {
        source = patchVerifierG2(await session.solidityVerifier(vk), crs.g2);
        writeFileAtomic(solPath, source);
      }
      const solidity = compileVerifier(source, cfg.cacheDir);
      return new ZkCircuit(pkg, program, hash, acir, crs, session, Uint8Array.from(vk), stats, solidity, source, cfg);
    } catch (e) {
      await session.close();
      throw e;
    }
  }

  /** Public input count from the ABI: every field of the `pub` parameters and of the return value. */
  get publicInputCount(): number {
    let n = 0;
    for (const p of this.program.abi.parameters) if (p.visibility === 'public') n += abiFieldCount(p.type);
    const ret = this.program.abi.return_type as { abi_type: unknown } | null;
    if (ret) n += abiFieldCount(ret.abi_type);
    return n;
  }

  async witness(inputs: InputMap): Promise<Uint8Array> {
    return (await executeProgram(this.program, inputs)).witness;
  }

  async prove(inputs: InputMap): Promise<Proof> {
    return this.proveFromWitness(await this.witness(inputs));
  }

  /** Proves from a solved witness (the gzipped witness map noir_js returns). */
  async proveFromWitness(witness: Uint8Array): Promise<Proof> {
    const proof = await this.session.prove(this.acir, this.vk, witness);
    if (proof.publicInputs.length !== this.publicInputCount) {
      throw new CircuitArtifactError('prover returned an unexpected number of public inputs', {
        details: `${proof.publicInputs.length} != ${this.publicInputCount}`,
      });
    }
    return proof;
  }

  /** Deploys the verifier into the in-process EVM (once) and returns its host and address. */
  async deployed(): Promise<{ host: EvmVerifierHost; address: Address }> {
    if (!this.evm || !this.verifierAddress) {
      this.evm = await EvmVerifierHost.create();
      this.verifierAddress = await this.evm.deploy(this.solidity);
    }
    return { host: this.evm, address: this.verifierAddress };
  }

  /**
   * Verifies through the deployed Solidity verifier. Never throws for a bad proof: returns
   * ok=false. With the ceremony CRS, bb's own verifier must agree too (it cannot check
   * development-CRS proofs: its G2 point is built in).
   */
  async verify(proof: Proof): Promise<VerifyResult> {
    const { host, address } = await this.deployed();
    const r = await host.verify(address, proof.proof, proof.publicInputs);
    if (r.ok && this.crs.kind === 'ceremony') {
      let bbOk = false;
      try {
        bbOk = await this.session.bbVerify(this.vk, proof);
      } catch {
        bbOk = false;
      }
      if (!bbOk) return { ok: false, gasUsed: r.gasUsed, reason: 'bb verify rejected a proof the Solidity verifier accepted' };
    }
    return r;
  }

  /** Like verify, but throws VerificationError on rejection. */
  async assertValid(proof: Proof): Promise<VerifyResult> {
    const r = await this.verify(proof);
    if (!r.ok) throw new VerificationError(`proof rejected by the ${this.name} verifier`, { details: r.reason });
    return r;
  }

  /** bb's own verify: only meaningful with the ceremony CRS (its G2 point is compiled into bb). */
  async bbVerify(proof: Proof): Promise<boolean> {
    if (this.crs.kind !== 'ceremony') {
      throw new VerificationError('bb verify needs the ceremony CRS', { details: 'use verify() (the Solidity verifier) with the development CRS' });
    }
    return this.session.bbVerify(this.vk, proof);
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  get config(): ResolvedZkConfig {
    return this.cfg;
  }
}

type AbiType = { kind: string; length?: number; type?: AbiType; fields?: ({ type: AbiType } | AbiType)[] };

/** Number of field elements an ABI type flattens to. */
function abiFieldCount(t: unknown): number {
  const a = t as AbiType;
  switch (a.kind) {
    case 'field':
    case 'integer':
    case 'boolean':
      return 1;
    case 'string':
      return a.length ?? 0;
    case 'array':
      return (a.length ?? 0) * abiFieldCount(a.type);
    case 'tuple':
      return (a.fields ?? []).reduce((s: number, f) => s + abiFieldCount(f), 0);
    case 'struct':
      return (a.fields ?? []).reduce((s: number, f) => s + abiFieldCount('type' in f ? f.type : f), 0);
    default:
      throw new CircuitArtifactError(`unsupported ABI type ${a.kind}`);
  }
}
