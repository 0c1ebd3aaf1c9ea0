/**
 * Deploys the on-chain layer with viem and returns the addresses (the deployment JSON).
 * Order: tokens -> OperatorRegistry -> ProgramRegistry -> E3Orchestrator -> SlashingManager ->
 * one-time wiring of the slasher -> CommitteeQuorumVerifier (+ approval) -> program and
 * configuration. Development fixtures (test token, SingleSubmissionProgram, AttesterProofVerifier)
 * are deployed only when asked for.
 */
import { getAddress, parseEther, type Abi, type Address, type Hex } from 'viem';
import * as A from './generated/artifacts.js';
import { confirm, type Signer } from './clients.js';
import { DeploymentError } from './errors.js';
import { EvidenceKind, VerifierKind } from './types.js';

export type SlashPolicy = { bondPenalty: bigint; ticketPenalty: bigint; expel: boolean };

export type ProtocolConfig = {
  ticketPrice: bigint;
  minBond: bigint;
  minTickets: bigint;
  /** seconds an exiting operator's stake stays locked (and slashable) */
  exitDelay: bigint;
  /** blocks between the request and the block whose prevrandao seeds sortition (1..255) */
  seedDelay: bigint;
  /**
   * the chain's block interval in seconds (12 on Ethereum, 1 for anvil --block-time 1): a request's
   * sortition window must be at least (seedDelay + 1) * blockTime
   */
  blockTime: bigint;
  minFee: bigint;
  protocolFeeBps: number;
  dkgShareBps: number;
  /** seconds to appeal a quorum accusation */
  appealWindow: bigint;
  policies: { equivocation: SlashPolicy; invalidProof: SlashPolicy; accusation: SlashPolicy };
  /** parameter-set ids allowed in requests (e.g. keccak256 of the set's name) */
  paramSets: Hex[];
};

export const DEFAULT_CONFIG: ProtocolConfig = {
  ticketPrice: parseEther('10'),
  minBond: parseEther('100'),
  minTickets: 1n,
  exitDelay: 7n * 24n * 3600n,
  seedDelay: 2n,
  blockTime: 1n,
  minFee: parseEther('1'),
  protocolFeeBps: 1000,
  dkgShareBps: 3000,
  appealWindow: 24n * 3600n,
  policies: {
    equivocation: { bondPenalty: parseEther('50'), ticketPenalty: 2n, expel: true },
    invalidProof: { bondPenalty: parseEther('50'), ticketPenalty: 2n, expel: true },
    accusation: { bondPenalty: parseEther('25'), ticketPenalty: 1n, expel: true },
  },
  paramSets: [],
};

export type DeployOptions = {
  /** Owner of every contract and deployer. */
  deployer: Signer;
  treasury: Address;
  config?: Partial<ProtocolConfig>;
  /** Existing ERC-20s; when absent one TestToken (owned by the deployer) serves all three. */
  tokens?: { fee: Address; bond: Address; ticket: Address };
  /**
   * Approve CommitteeQuorumVerifier for the public key and the plaintext (development; default
   * true). Never for inputs unless `quorumVerifierForInputs` (a test stand-in: inputs default to
   * the real user-encryption verifier, `userEncryptionVerifier`).
   */
  approveQuorumVerifier?: boolean;
  /** Tests only: also approve the committee-signature stand-in for inputs (default false). */
  quorumVerifierForInputs?: boolean;
  /** Deploy and register SingleSubmissionProgram (max input 1 MiB: a PRODUCTION_N8192 ciphertext is 512 KiB in calldata). */
  devProgram?: boolean;
  /**
   * bb-generated UltraHonk verifiers (already deployed, with their libraries linked): an adapter
   * is deployed in front of each given one and approved for its publication kind.
   */
  honkVerifiers?: { publicKey?: Address; input?: Address; decryption?: Address };
  /**
   * The circuits package's UserEncryptionInputVerifier (deployed; the SDK's
   * `deployUserEncryptionVerifier` deploys one): a UserEncryptionInputAdapter (ciphertext in
   * calldata) and a UserEncryptionBlobInputAdapter (ciphertext in EIP-4844 blobs) are deployed in
   * front of it and approved for inputs (docs/INPUTS.md).
   */
  userEncryptionVerifier?: Address;
  /**
   * The circuits package's C6 (decryption share) and C7 (decode, for `shares` = T + 1) UltraHonk
   * verifiers (deployed, libraries linked): a DecryptionProofAdapter is deployed in front of them
   * and approved for plaintexts (docs/ZK.md "Decryption proofs"). One adapter per threshold.
   */
  decryptionProofs?: { shareVerifier: Address; decodeVerifier: Address; shares: number };
  /**
   * The circuits package's decryption-fold verifier (noir/decryption_aggregate for `shares` =
   * T + 1; deployed, libraries linked): a DecryptionAggregateAdapter is deployed in front of it
   * and approved for plaintexts (docs/ZK.md "Aggregate proofs"): one verification per plaintext.
   * Not the default: the aggregator must post folded proofs (circuits' foldDecryptionProofs).
   */
  decryptionAggregate?: { verifier: Address; shares: number };
  /**
   * The circuits package's key-fold verifiers (noir/dkg_pk_aggregate, one per |A| it was compiled
   * for; deployed, libraries linked): a PkAggregateAdapter is deployed in front of them and
   * approved for public keys (docs/ZK.md "The key fold"). Not the default (the key is accepted on
   * committee signatures by default): ciphernodes post the key fold for E3s whose pkVerifier is
   * this adapter (node core/key-fold.ts), for the |A| sizes registered here.
   */
  pkAggregate?: { verifiers: readonly { members: number; verifier: Address }[] };
  /** Deploy AttesterProofVerifier with this attester and map these proof kinds to it. */
  attesterVerifier?: { attester: Address; proofKinds: number[]; gasLimit?: bigint };
};

export type Deployment = {
  chainId: number;
  startBlock: bigint;
  deployer: Address;
  treasury: Address;
  contracts: {
    feeToken: Address;
    bondToken: Address;
    ticketToken: Address;
    operatorRegistry: Address;
    programRegistry: Address;
    orchestrator: Address;
    slashingManager: Address;
    quorumVerifier: Address;
    pkAdapter?: Address;
    inputAdapter?: Address;
    decryptionAdapter?: Address;
    userEncryptionAdapter?: Address;
    userEncryptionBlobAdapter?: Address;
    decryptionProofAdapter?: Address;
    decryptionAggregateAdapter?: Address;
    pkAggregateAdapter?: Address;
    devProgram?: Address;
    attesterVerifier?: Address;
  };
  devProgramId?: bigint;
  config: ProtocolConfig;
};

async function deploy(signer: Signer, abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<{ address: Address; block: bigint }> {
  const hash = await signer.deployContract({ abi, bytecode, args } as Parameters<Signer['deployContract']>[0]);
  const receipt = await confirm(signer, hash);
  if (!receipt.contractAddress) throw new DeploymentError('no contract address in receipt', { details: hash });
  return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber };
}

async function call(signer: Signer, address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<void> {
  const hash = await signer.writeContract({ address, abi, functionName, args } as Parameters<Signer['writeContract']>[0]);
  await confirm(signer, hash);
}

export async function deployInterfold(opts: DeployOptions): Promise<Deployment> {
  const config: ProtocolConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const s = opts.deployer;
  const owner = s.account.address;
  const chainId = await s.getChainId();
  let startBlock: bigint | undefined;
  const d = async (abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    const r = await deploy(s, abi, bytecode, args);
    startBlock ??= r.block;
    return r.address;
  };

  let tokens = opts.tokens;
  if (tokens === undefined) {
    const t = await d(A.testTokenAbi, A.testTokenBytecode, ['Interfold Test Token', 'IFT', owner]);
    tokens = { fee: t, bond: t, ticket: t };
  }
  const registry = await d(A.operatorRegistryAbi, A.operatorRegistryBytecode, [
    tokens.bond, tokens.ticket, config.ticketPrice, config.minBond, config.minTickets, config.exitDelay, opts.treasury, owner,
  ]);
  const programs = await d(A.programRegistryAbi, A.programRegistryBytecode, [owner]);
  const orchestrator = await d(A.e3OrchestratorAbi, A.e3OrchestratorBytecode, [
    tokens.fee, registry, programs, opts.treasury, config.seedDelay, config.blockTime, config.minFee, config.protocolFeeBps, config.dkgShareBps, owner,
  ]);
  const slashing = await d(A.slashingManagerAbi, A.slashingManagerBytecode, [orchestrator, registry, config.appealWindow, owner]);
  await call(s, registry, A.operatorRegistryAbi, 'setSlasher', [slashing]);
  await call(s, orchestrator, A.e3OrchestratorAbi, 'setSlasher', [slashing]);
  // The orchestrator locks committee members' stake while their E3 runs.
  await call(s, registry, A.operatorRegistryAbi, 'setOrchestrator', [orchestrator]);
  const quorum = await d(A.committeeQuorumVerifierAbi, A.committeeQuorumVerifierBytecode, [orchestrator]);
  if (opts.approveQuorumVerifier ?? true) {
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [
      quorum, VerifierKind.PublicKey | VerifierKind.Decryption | (opts.quorumVerifierForInputs ? VerifierKind.Input : 0),
    ]);
  }
  for (const ps of config.paramSets) await call(s, orchestrator, A.e3OrchestratorAbi, 'setParamSet', [ps, true]);
  const p = config.policies;
  for (const [kind, pol] of [
    [EvidenceKind.Equivocation, p.equivocation],
    [EvidenceKind.InvalidProof, p.invalidProof],
    [EvidenceKind.Accusation, p.accusation],
  ] as const) {
    await call(s, slashing, A.slashingManagerAbi, 'setPolicy', [kind, pol.bondPenalty, pol.ticketPenalty, pol.expel]);
  }

  const deployment: Deployment = {
    chainId,
    startBlock: startBlock ?? 0n,
    deployer: owner,
    treasury: opts.treasury,
    contracts: {
      feeToken: tokens.fee,
      bondToken: tokens.bond,
      ticketToken: tokens.ticket,
      operatorRegistry: registry,
      programRegistry: programs,
      orchestrator,
      slashingManager: slashing,
      quorumVerifier: quorum,
    },
    config,
  };
  const hv = opts.honkVerifiers ?? {};
  for (const [key, target, abi, bytecode, kind] of [
    ['pkAdapter', hv.publicKey, A.honkPkVerifierAdapterAbi, A.honkPkVerifierAdapterBytecode, VerifierKind.PublicKey],
    ['inputAdapter', hv.input, A.honkInputVerifierAdapterAbi, A.honkInputVerifierAdapterBytecode, VerifierKind.Input],
    ['decryptionAdapter', hv.decryption, A.honkDecryptionVerifierAdapterAbi, A.honkDecryptionVerifierAdapterBytecode, VerifierKind.Decryption],
  ] as const) {
    if (target === undefined) continue;
    const adapter = await d(abi, bytecode, [target]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [adapter, kind]);
    deployment.contracts[key] = adapter;
  }
  if (opts.userEncryptionVerifier !== undefined) {
    const adapter = await d(A.userEncryptionInputAdapterAbi, A.userEncryptionInputAdapterBytecode, [opts.userEncryptionVerifier]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [adapter, VerifierKind.Input]);
    deployment.contracts.userEncryptionAdapter = adapter;
    const blob = await d(A.userEncryptionBlobInputAdapterAbi, A.userEncryptionBlobInputAdapterBytecode, [opts.userEncryptionVerifier]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [blob, VerifierKind.Input]);
    deployment.contracts.userEncryptionBlobAdapter = blob;
  }
  if (opts.decryptionProofs !== undefined) {
    const dp = opts.decryptionProofs;
    const adapter = await d(A.decryptionProofAdapterAbi, A.decryptionProofAdapterBytecode, [dp.shareVerifier, dp.decodeVerifier, orchestrator, BigInt(dp.shares)]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [adapter, VerifierKind.Decryption]);
    deployment.contracts.decryptionProofAdapter = adapter;
  }
  if (opts.decryptionAggregate !== undefined) {
    const da = opts.decryptionAggregate;
    const adapter = await d(A.decryptionAggregateAdapterAbi, A.decryptionAggregateAdapterBytecode, [da.verifier, orchestrator, BigInt(da.shares)]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [adapter, VerifierKind.Decryption]);
    deployment.contracts.decryptionAggregateAdapter = adapter;
  }
  if (opts.pkAggregate !== undefined) {
    const v = opts.pkAggregate.verifiers;
    const adapter = await d(A.pkAggregateAdapterAbi, A.pkAggregateAdapterBytecode, [orchestrator, v.map((x) => BigInt(x.members)), v.map((x) => x.verifier)]);
    await call(s, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [adapter, VerifierKind.PublicKey]);
    deployment.contracts.pkAggregateAdapter = adapter;
  }
  if (opts.devProgram ?? false) {
    const prog = await d(A.singleSubmissionProgramAbi, A.singleSubmissionProgramBytecode, [orchestrator, 1_048_576n]);
    await call(s, programs, A.programRegistryAbi, 'registerProgram', [prog, 'single-submission']);
    deployment.contracts.devProgram = prog;
    deployment.devProgramId = await s.readContract({ address: programs, abi: A.programRegistryAbi, functionName: 'programCount' });
  }
  if (opts.attesterVerifier !== undefined) {
    const av = await d(A.attesterProofVerifierAbi, A.attesterProofVerifierBytecode, [opts.attesterVerifier.attester]);
    for (const kind of opts.attesterVerifier.proofKinds) {
      await call(s, slashing, A.slashingManagerAbi, 'setProofVerifier', [kind, av, opts.attesterVerifier.gasLimit ?? 1_000_000n]);
    }
    deployment.contracts.attesterVerifier = av;
  }
  return deployment;
}

/** The program contracts with an input circuit of their own (contracts/programs). */
export const PROGRAM_CONTRACTS = {
  ballot: { abi: A.ballotProgramAbi, bytecode: A.ballotProgramBytecode },
  datapool: { abi: A.dataPoolProgramAbi, bytecode: A.dataPoolProgramBytecode },
} as const;

export type ProgramDeployment = { programId: bigint; program: Address; inputAdapter: Address };

/**
 * Deploys a program (BallotProgram or DataPoolProgram) and its ProgramInputAdapter in front of
 * the program circuit's UltraHonk verifier (`honkVerifier`; `encryption` is the parameter set's
 * generated UserEncryptionInputVerifier, used for its public-input builder), approves the
 * adapter for inputs and registers the program under `name`. `deployer` owns the orchestrator
 * and the program registry. apps/ballot, apps/datapool (docs/apps/*.md).
 */
export async function deployProgram(
  deployer: Signer,
  deployment: Deployment,
  o: { kind: keyof typeof PROGRAM_CONTRACTS; name: string; encryption: Address; honkVerifier: Address },
): Promise<ProgramDeployment> {
  const { orchestrator, programRegistry } = deployment.contracts;
  const c = PROGRAM_CONTRACTS[o.kind];
  const program = (await deploy(deployer, c.abi, c.bytecode, [orchestrator])).address;
  const inputAdapter = (await deploy(deployer, A.programInputAdapterAbi, A.programInputAdapterBytecode, [orchestrator, o.encryption, o.honkVerifier, program])).address;
  await call(deployer, orchestrator, A.e3OrchestratorAbi, 'setVerifierApproval', [inputAdapter, VerifierKind.Input]);
  await call(deployer, programRegistry, A.programRegistryAbi, 'registerProgram', [program, o.name]);
  const programId = await deployer.readContract({ address: programRegistry, abi: A.programRegistryAbi, functionName: 'programCount' });
  return { programId, program, inputAdapter };
}

export type OperatorFunding = { bond: bigint; tickets: bigint; extraTokens?: bigint };

/**
 * Mints test tokens to each operator (deployer must own the TestToken) and registers, bonds and
 * buys tickets for it. `signers[i]` is operator i's wallet.
 */
export async function fundOperators(
  deployment: Deployment,
  deployer: Signer,
  operators: readonly { signer: Signer; funding: OperatorFunding }[],
): Promise<void> {
  const { contracts, config } = deployment;
  for (const { signer, funding } of operators) {
    const me = signer.account.address;
    const ticketCost = funding.tickets * config.ticketPrice;
    const needed = funding.bond + ticketCost + (funding.extraTokens ?? 0n);
    if (contracts.bondToken !== contracts.ticketToken) {
      throw new DeploymentError('fundOperators needs one TestToken for bonds and tickets');
    }
    await call(deployer, contracts.bondToken, A.testTokenAbi, 'mint', [me, needed]);
    await call(signer, contracts.bondToken, A.testTokenAbi, 'approve', [contracts.operatorRegistry, needed]);
    await call(signer, contracts.operatorRegistry, A.operatorRegistryAbi, 'register', []);
    if (funding.bond > 0n) await call(signer, contracts.operatorRegistry, A.operatorRegistryAbi, 'addBond', [funding.bond]);
    if (funding.tickets > 0n) await call(signer, contracts.operatorRegistry, A.operatorRegistryAbi, 'addTickets', [funding.tickets]);
  }
}

/** JSON form of a deployment (bigints as decimal strings). */
export function deploymentToJson(d: Deployment): string {
  return JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

export function deploymentFromJson(text: string): Deployment {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new DeploymentError('deployment JSON does not parse', { cause });
  }
  const c = raw.contracts as Record<string, unknown> | undefined;
  const need = ['feeToken', 'bondToken', 'ticketToken', 'operatorRegistry', 'programRegistry', 'orchestrator', 'slashingManager', 'quorumVerifier'];
  if (typeof raw.chainId !== 'number' || c === undefined || need.some((k) => typeof c[k] !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(c[k] as string))) {
    throw new DeploymentError('deployment JSON lacks chainId or contract addresses');
  }
  try {
    const cfg = raw.config as Record<string, unknown>;
    const big = (v: unknown): bigint => {
      if (typeof v !== 'string' || !/^[0-9]+$/.test(v)) throw new DeploymentError('expected a decimal string', { details: String(v) });
      return BigInt(v);
    };
    const pol = (v: unknown): SlashPolicy => {
      const o = v as Record<string, unknown>;
      return { bondPenalty: big(o.bondPenalty), ticketPenalty: big(o.ticketPenalty), expel: Boolean(o.expel) };
    };
    const pols = cfg.policies as Record<string, unknown>;
    const addr = (v: unknown): Address => {
      if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new DeploymentError('expected an address', { details: String(v) });
      return v as Address;
    };
    const bps = (v: unknown): number => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000) throw new DeploymentError('expected basis points 0..10000', { details: String(v) });
      return v;
    };
    const paramSets = cfg.paramSets;
    if (!Array.isArray(paramSets) || paramSets.some((p) => typeof p !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(p))) {
      throw new DeploymentError('paramSets must be an array of 32-byte hex ids');
    }
    return {
      chainId: raw.chainId,
      startBlock: big(raw.startBlock),
      deployer: addr(raw.deployer),
      treasury: addr(raw.treasury),
      contracts: c as Deployment['contracts'],
      devProgramId: raw.devProgramId === undefined ? undefined : big(raw.devProgramId),
      config: {
        ticketPrice: big(cfg.ticketPrice),
        minBond: big(cfg.minBond),
        minTickets: big(cfg.minTickets),
        exitDelay: big(cfg.exitDelay),
        seedDelay: big(cfg.seedDelay),
        blockTime: cfg.blockTime === undefined ? DEFAULT_CONFIG.blockTime : big(cfg.blockTime),
        minFee: big(cfg.minFee),
        protocolFeeBps: bps(cfg.protocolFeeBps),
        dkgShareBps: bps(cfg.dkgShareBps),
        appealWindow: big(cfg.appealWindow),
        policies: { equivocation: pol(pols.equivocation), invalidProof: pol(pols.invalidProof), accusation: pol(pols.accusation) },
        paramSets: paramSets as Hex[],
      },
    };
  } catch (cause) {
    throw new DeploymentError('deployment JSON has a missing or malformed field', { cause });
  }
}

