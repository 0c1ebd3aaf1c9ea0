/**
 * The rlk-contribution circuit for one parameter set: compiled from noir/rlk_contribution with its
 * generated params.nr (cached by content hash, noir/compile.ts), witness generation with noir_js,
 * its size from bb (gates, dyadic size), and proving and verifying as a DKG statement (`DkgCircuit`,
 * dkg/circuit.ts: UltraHonk, its Solidity verifier deployed in the in-process EVM): the verifier
 * takes the EXPECTED public values from the caller — session, party, the commitment to the common
 * polynomials, C1's sk commitment, and the commitments to u and to the share — never from the proof.
 */
import type { Proof } from '../circuit.js';
import { resolveConfig, type ZkConfig } from '../config.js';
import { DkgCircuit } from '../dkg/circuit.js';
import type { VerifyResult } from '../verifier/evm.js';
import { compileNoirPackage, type CompiledProgram } from '../noir/compile.js';
import { executeProgram } from '../noir/execute.js';
import { BbSession, decodeAcir } from '../prover/barretenberg.js';
import { join } from 'node:path';
import { renderRlkParamsNr, rlkLayout, type RlkLayout } from './layout.js';
import { buildRlkInputs, type RlkPublic, type RlkStatement, type RlkWitness } from './witness.js';

/** The circuit's public inputs in its order: the `pub` parameters of main, then its return values. */
export function rlkPublicList(p: RlkPublic): bigint[] {
  return [p.session, p.party, p.crpCommitment, p.skCommitment, p.uCommitment, p.shareCommitment];
}

export const RLK_PACKAGE = 'rlk_contribution';

export class RlkContributionCircuit {
  private zk: Promise<DkgCircuit> | undefined;

  private constructor(
    readonly layout: RlkLayout,
    readonly program: CompiledProgram,
    private readonly cacheDir: string,
    private readonly threads: number | undefined,
    private readonly config: ZkConfig,
  ) {}

  static async compile(p: { name: string; N: number; moduli: readonly bigint[]; t: bigint }, config: ZkConfig = {}): Promise<RlkContributionCircuit> {
    const cfg = resolveConfig(config);
    const layout = rlkLayout(p);
    const { program } = await compileNoirPackage(RLK_PACKAGE, cfg.cacheDir, { [`${RLK_PACKAGE}/src/params.nr`]: renderRlkParamsNr(layout) });
    return new RlkContributionCircuit(layout, program, cfg.cacheDir, cfg.threads, config);
  }

  /** The same program ready to prove and verify (loaded once: vk, CRS, deployed verifier). */
  private prover(): Promise<DkgCircuit> {
    return (this.zk ??= DkgCircuit.load(RLK_PACKAGE, renderRlkParamsNr(this.layout), this.config));
  }

  /**
   * Proves that a round-1 share (h0, h1) is the RKG relation over the C1-committed sk and a
   * ternary u with noise in range. The proof's public inputs must equal the builder's.
   */
  async prove(s: RlkStatement, w: RlkWitness): Promise<{ proof: Proof; publicInputs: RlkPublic }> {
    const { inputs, pub } = buildRlkInputs(this.layout, s, w);
    const proof = await (await this.prover()).prove(inputs, rlkPublicList(pub));
    return { proof, publicInputs: pub };
  }

  /** Verifies against the public values the verifier expects (deployed Solidity verifier); never throws for a bad proof. */
  async verify(proof: Proof, expected: RlkPublic): Promise<VerifyResult> {
    return (await this.prover()).verify(proof, rlkPublicList(expected));
  }

  /** Closes the prover's bb session, if one was opened. */
  async close(): Promise<void> {
    if (this.zk) await (await this.zk).close();
  }

  /** Runs the circuit on a statement and witness; returns (u commitment, share commitment) as the circuit computed them. */
  async execute(s: RlkStatement, w: RlkWitness) {
    const { inputs, pub } = buildRlkInputs(this.layout, s, w);
    const { witness, returnValue } = await executeProgram(this.program, inputs);
    const [u, share] = (returnValue as string[]).map((x) => BigInt(x));
    return { witness, returned: { uCommitment: u, shareCommitment: share }, expected: pub };
  }

  /** Gate count (bb circuitStats; no CRS needed). */
  async gates(): Promise<{ gates: number; dyadic: number }> {
    const bb = await BbSession.open(join(this.cacheDir, 'dev-crs'), this.threads);
    try {
      return await bb.gates(decodeAcir(this.program.bytecode));
    } finally {
      await bb.close();
    }
  }
}
