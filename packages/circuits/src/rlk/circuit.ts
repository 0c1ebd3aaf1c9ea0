/**
 * The two RKG circuits for one parameter set (round 1: noir/rlk_contribution; round 2:
 * noir/rlk_round2). Each is compiled from noir/rlk_contribution with its
 * generated params.nr (cached by content hash, noir/compile.ts), witness generation with noir_js,
 * its size from bb (gates, dyadic size), and proving and verifying as a DKG statement (`DkgCircuit`,
 * dkg/circuit.ts: UltraHonk, its Solidity verifier deployed in the in-process EVM): the verifier
 * takes the EXPECTED public values from the caller — never from the proof. Round 1: session, party,
 * the commitment to the common polynomials, C1's sk commitment, the commitments to u and to the
 * share. Round 2: session, party, the commitment to the round-1 aggregate, C1's sk commitment,
 * round 1's u commitment, the commitment to the round-2 share.
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
import { buildRlk2Inputs, type Rlk2Public, type Rlk2Statement, type Rlk2Witness } from './round2.js';
import { buildRlkInputs, type RlkPublic, type RlkStatement, type RlkWitness } from './witness.js';

/** The circuit's public inputs in its order: the `pub` parameters of main, then its return values. */
export function rlkPublicList(p: RlkPublic): bigint[] {
  return [p.session, p.party, p.digit, p.crpCommitment, p.skCommitment, p.uCommitment, p.shareCommitment];
}

/** Round 2's public inputs in its order. */
export function rlk2PublicList(p: Rlk2Public): bigint[] {
  return [p.session, p.party, p.digit, p.aggCommitment, p.skCommitment, p.uCommitment, p.shareCommitment];
}

export const RLK_PACKAGE = 'rlk_contribution';
export const RLK2_PACKAGE = 'rlk_round2';

type SetShape = { name: string; N: number; moduli: readonly bigint[]; t: bigint };

/** Gate count of a compiled program (bb circuitStats; no CRS needed). */
async function gatesOf(program: CompiledProgram, cacheDir: string, threads: number | undefined): Promise<{ gates: number; dyadic: number }> {
  const bb = await BbSession.open(join(cacheDir, 'dev-crs'), threads);
  try {
    return await bb.gates(decodeAcir(program.bytecode));
  } finally {
    await bb.close();
  }
}

export class RlkContributionCircuit {
  private zk: Promise<DkgCircuit> | undefined;

  private constructor(
    readonly layout: RlkLayout,
    readonly program: CompiledProgram,
    private readonly cacheDir: string,
    private readonly threads: number | undefined,
    private readonly config: ZkConfig,
  ) {}

  static async compile(p: SetShape, config: ZkConfig = {}): Promise<RlkContributionCircuit> {
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
   * Proves that digit d of a round-1 share (h0_d, h1_d) is the RKG relation over the C1-committed
   * sk and a ternary u with noise in range. The proof's public inputs must equal the builder's.
   */
  async prove(s: RlkStatement, w: RlkWitness, d: number): Promise<{ proof: Proof; publicInputs: RlkPublic }> {
    const { inputs, pub } = buildRlkInputs(this.layout, s, w, d);
    const proof = await (await this.prover()).prove(inputs, rlkPublicList(pub));
    return { proof, publicInputs: pub };
  }

  /** Proves inputs already built (buildRlkInputs) for the public list they give (rlkPublicList). */
  async proveInputs(inputs: Record<string, string | string[]>, expected: readonly bigint[]): Promise<Proof> {
    return (await this.prover()).prove(inputs, [...expected]);
  }

  /** Verifies against the public values the verifier expects (deployed Solidity verifier); never throws for a bad proof. */
  async verify(proof: Proof, expected: RlkPublic): Promise<VerifyResult> {
    return (await this.prover()).verify(proof, rlkPublicList(expected));
  }

  /** Closes the prover's bb session, if one was opened. */
  async close(): Promise<void> {
    if (this.zk) await (await this.zk).close();
  }

  /** Runs the circuit on digit d of a statement; returns (u commitment, share commitment) as the circuit computed them. */
  async execute(s: RlkStatement, w: RlkWitness, d: number) {
    const { inputs, pub } = buildRlkInputs(this.layout, s, w, d);
    const { witness, returnValue } = await executeProgram(this.program, inputs);
    const [u, share] = (returnValue as string[]).map((x) => BigInt(x));
    return { witness, returned: { uCommitment: u, shareCommitment: share }, expected: pub };
  }

  /** Gate count (bb circuitStats; no CRS needed). */
  gates(): Promise<{ gates: number; dyadic: number }> {
    return gatesOf(this.program, this.cacheDir, this.threads);
  }
}

/** RKG round 2 (genShareRound2) on the round-1 aggregate, over C1's sk and round 1's u. */
export class RlkRound2Circuit {
  private zk: Promise<DkgCircuit> | undefined;

  private constructor(
    readonly layout: RlkLayout,
    readonly program: CompiledProgram,
    private readonly cacheDir: string,
    private readonly threads: number | undefined,
    private readonly config: ZkConfig,
  ) {}

  static async compile(p: SetShape, config: ZkConfig = {}): Promise<RlkRound2Circuit> {
    const cfg = resolveConfig(config);
    const layout = rlkLayout(p, 2);
    const { program } = await compileNoirPackage(RLK2_PACKAGE, cfg.cacheDir, { [`${RLK2_PACKAGE}/src/params.nr`]: renderRlkParamsNr(layout) });
    return new RlkRound2Circuit(layout, program, cfg.cacheDir, cfg.threads, config);
  }

  private prover(): Promise<DkgCircuit> {
    return (this.zk ??= DkgCircuit.load(RLK2_PACKAGE, renderRlkParamsNr(this.layout), this.config));
  }

  /** Proves digit d of a round-2 share; the proof's public inputs are the builder's. */
  async prove(s: Rlk2Statement, w: Rlk2Witness, d: number): Promise<{ proof: Proof; publicInputs: Rlk2Public }> {
    const { inputs, pub } = buildRlk2Inputs(this.layout, s, w, d);
    const proof = await (await this.prover()).prove(inputs, rlk2PublicList(pub));
    return { proof, publicInputs: pub };
  }

  /** Proves inputs already built (buildRlk2Inputs) for the public list they give (rlk2PublicList). */
  async proveInputs(inputs: Record<string, string | string[]>, expected: readonly bigint[]): Promise<Proof> {
    return (await this.prover()).prove(inputs, [...expected]);
  }

  /** Verifies against the public values the verifier expects (deployed Solidity verifier); never throws for a bad proof. */
  async verify(proof: Proof, expected: Rlk2Public): Promise<VerifyResult> {
    return (await this.prover()).verify(proof, rlk2PublicList(expected));
  }

  async close(): Promise<void> {
    if (this.zk) await (await this.zk).close();
  }

  /** Runs the circuit on digit d; returns the share commitment as the circuit computed it. */
  async execute(s: Rlk2Statement, w: Rlk2Witness, d: number) {
    const { inputs, pub } = buildRlk2Inputs(this.layout, s, w, d);
    const { witness, returnValue } = await executeProgram(this.program, inputs);
    return { witness, returned: { shareCommitment: BigInt(returnValue as string) }, expected: pub };
  }

  gates(): Promise<{ gates: number; dyadic: number }> {
    return gatesOf(this.program, this.cacheDir, this.threads);
  }
}
