/**
 * The two RKG circuits for one parameter set (round 1: noir/rlk_contribution; round 2:
 * noir/rlk_round2), one proof per RNS digit. Each is compiled from its Noir package with its
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

type Built<P> = { inputs: Record<string, string | string[]>; pub: P };

/**
 * What the two rounds share: the compiled program, its layout, and proving/verifying as a DKG
 * statement through one lazily loaded `DkgCircuit` (vk, CRS, deployed verifier). A round supplies
 * its witness builder and its public-input order.
 */
abstract class RlkCircuit<St, W, P> {
  private zk: Promise<DkgCircuit> | undefined;

  protected constructor(
    readonly layout: RlkLayout,
    readonly program: CompiledProgram,
    private readonly pkg: typeof RLK_PACKAGE | typeof RLK2_PACKAGE,
    private readonly cacheDir: string,
    private readonly threads: number | undefined,
    private readonly config: ZkConfig,
  ) {}

  /** The round's witness builder for digit d (buildRlkInputs / buildRlk2Inputs). */
  protected abstract build(s: St, w: W, d: number): Built<P>;
  /** The round's public inputs in the circuit's order (rlkPublicList / rlk2PublicList). */
  protected abstract publicList(p: P): bigint[];

  /** Compiles `pkg` with the round's generated params.nr (cached by content hash). */
  protected static async program(pkg: string, p: SetShape, round: 1 | 2, config: ZkConfig) {
    const cfg = resolveConfig(config);
    const layout = rlkLayout(p, round);
    const { program } = await compileNoirPackage(pkg, cfg.cacheDir, { [`${pkg}/src/params.nr`]: renderRlkParamsNr(layout) });
    return { layout, program, cacheDir: cfg.cacheDir, threads: cfg.threads };
  }

  /** The same program ready to prove and verify (loaded once: vk, CRS, deployed verifier). */
  private prover(): Promise<DkgCircuit> {
    return (this.zk ??= DkgCircuit.load(this.pkg, renderRlkParamsNr(this.layout), this.config));
  }

  /** Proves digit d of a share; the proof's public inputs must equal the builder's. */
  async prove(s: St, w: W, d: number): Promise<{ proof: Proof; publicInputs: P }> {
    const { inputs, pub } = this.build(s, w, d);
    const proof = await (await this.prover()).prove(inputs, this.publicList(pub));
    return { proof, publicInputs: pub };
  }

  /** Proves inputs already built (the round's builder) for the public list they give. */
  async proveInputs(inputs: Record<string, string | string[]>, expected: readonly bigint[]): Promise<Proof> {
    return (await this.prover()).prove(inputs, [...expected]);
  }

  /** Verifies against the public values the verifier expects (deployed Solidity verifier); never throws for a bad proof. */
  async verify(proof: Proof, expected: P): Promise<VerifyResult> {
    return (await this.prover()).verify(proof, this.publicList(expected));
  }

  /** Closes the prover's bb session, if one was opened. */
  async close(): Promise<void> {
    if (this.zk) await (await this.zk).close();
  }

  /** Runs the circuit on digit d: the solved witness, the circuit's return value and the builder's public values. */
  protected async run(s: St, w: W, d: number) {
    const { inputs, pub } = this.build(s, w, d);
    const { witness, returnValue } = await executeProgram(this.program, inputs);
    return { witness, returnValue, pub };
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

/** RKG round 1 (genShareRound1), over C1's sk and a fresh ternary u. */
export class RlkContributionCircuit extends RlkCircuit<RlkStatement, RlkWitness, RlkPublic> {
  static async compile(p: SetShape, config: ZkConfig = {}): Promise<RlkContributionCircuit> {
    const c = await RlkCircuit.program(RLK_PACKAGE, p, 1, config);
    return new RlkContributionCircuit(c.layout, c.program, RLK_PACKAGE, c.cacheDir, c.threads, config);
  }

  protected build(s: RlkStatement, w: RlkWitness, d: number) {
    return buildRlkInputs(this.layout, s, w, d);
  }

  protected publicList(p: RlkPublic): bigint[] {
    return rlkPublicList(p);
  }

  /** Runs the circuit on digit d of a statement; returns (u commitment, share commitment) as the circuit computed them. */
  async execute(s: RlkStatement, w: RlkWitness, d: number) {
    const { witness, returnValue, pub } = await this.run(s, w, d);
    const [u, share] = (returnValue as string[]).map((x) => BigInt(x));
    return { witness, returned: { uCommitment: u, shareCommitment: share }, expected: pub };
  }
}

/** RKG round 2 (genShareRound2) on the round-1 aggregate, over C1's sk and round 1's u. */
export class RlkRound2Circuit extends RlkCircuit<Rlk2Statement, Rlk2Witness, Rlk2Public> {
  static async compile(p: SetShape, config: ZkConfig = {}): Promise<RlkRound2Circuit> {
    const c = await RlkCircuit.program(RLK2_PACKAGE, p, 2, config);
    return new RlkRound2Circuit(c.layout, c.program, RLK2_PACKAGE, c.cacheDir, c.threads, config);
  }

  protected build(s: Rlk2Statement, w: Rlk2Witness, d: number) {
    return buildRlk2Inputs(this.layout, s, w, d);
  }

  protected publicList(p: Rlk2Public): bigint[] {
    return rlk2PublicList(p);
  }

  /** Runs the circuit on digit d; returns the share commitment as the circuit computed it. */
  async execute(s: Rlk2Statement, w: Rlk2Witness, d: number) {
    const { witness, returnValue, pub } = await this.run(s, w, d);
    return { witness, returned: { shareCommitment: BigInt(returnValue as string) }, expected: pub };
  }
}
