/**
 * The rlk-contribution circuit for one parameter set: compiled from noir/rlk_contribution with its
 * generated params.nr (cached by content hash, noir/compile.ts), witness generation with noir_js,
 * and its size from bb (gates, dyadic size). Proving and verifying go through `ZkCircuit` like the
 * other statements once a node needs them.
 */
import { resolveConfig, type ZkConfig } from '../config.js';
import { compileNoirPackage, type CompiledProgram } from '../noir/compile.js';
import { executeProgram } from '../noir/execute.js';
import { BbSession, decodeAcir } from '../prover/barretenberg.js';
import { join } from 'node:path';
import { renderRlkParamsNr, rlkLayout, type RlkLayout } from './layout.js';
import { buildRlkInputs, type RlkStatement, type RlkWitness } from './witness.js';

export const RLK_PACKAGE = 'rlk_contribution';

export class RlkContributionCircuit {
  private constructor(
    readonly layout: RlkLayout,
    readonly program: CompiledProgram,
    private readonly cacheDir: string,
    private readonly threads: number | undefined,
  ) {}

  static async compile(p: { name: string; N: number; moduli: readonly bigint[]; t: bigint }, config: ZkConfig = {}): Promise<RlkContributionCircuit> {
    const cfg = resolveConfig(config);
    const layout = rlkLayout(p);
    const { program } = await compileNoirPackage(RLK_PACKAGE, cfg.cacheDir, { [`${RLK_PACKAGE}/src/params.nr`]: renderRlkParamsNr(layout) });
    return new RlkContributionCircuit(layout, program, cfg.cacheDir, cfg.threads);
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
