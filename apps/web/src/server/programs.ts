/**
 * The programs behind the pages (issue 13): the pages' polls and pools run the apps' own programs
 * (apps/ballot `ballot/one-hot/v1`, apps/datapool `datapool/sum/v1`), so the rules the issue asks
 * for hold on chain and in the nodes, not in the page:
 *  - `registerAppPrograms` deploys BallotProgram and DataPoolProgram once per network and
 *    registers them (their ids go into the daemons' `programs` config before the daemons start);
 *  - a program's input circuit compiles its shape in (ballot: options and allowlist depth; pool:
 *    fields and count bound), so each shape gets its own verifier and ProgramInputAdapter in front
 *    of the SAME registered program (BallotProgram accepts any adapter whose `program()` is itself).
 *    `AppPrograms.prepare` deploys that adapter once per shape per server and reuses it after;
 *  - it serves the shape's compiled circuit to the page (which solves the witness) and proves the
 *    solved witness natively (prover.ts says why the page does not prove itself).
 * Deploying an adapter needs the orchestrator's owner (it approves the adapter for inputs): dev
 * networks only (`e3 dev --ui`).
 */
import { fileURLToPath } from 'node:url';
import { BallotCircuit, checkBallotShape, CircuitInputError, DataPoolCircuit, checkDataPoolShape, deployProgramVerifier, viemCodeDeployer, type ProgramInputCircuit } from '@interfold/circuits';
import { confirm, e3OrchestratorAbi, localChain, PROGRAM_CONTRACTS, programInputAdapterAbi, programInputAdapterBytecode, programRegistryAbi, VerifierKind, type Deployment, type Signer } from '@interfold/contracts';
import { parameterSet } from '@interfold/sdk';
import { createPublicClient, http, isAddress, isHex, type Address } from 'viem';
import { ballotInputStatus } from '../../../ballot/src/chain.js';
import { ballotProgram } from '../../../ballot/src/program.js';
import { dataPoolProgram } from '../../../datapool/src/program.js';
import { WebRequestError } from './errors.js';

export type AppKind = 'ballot' | 'datapool';
export type RegisteredProgram = { readonly programId: bigint; readonly program: Address; readonly module: string };
export type AppProgramIds = Readonly<Record<AppKind, RegisteredProgram>>;

const MODULES: Record<AppKind, string> = {
  ballot: fileURLToPath(new URL('../../../ballot/src/module.ts', import.meta.url)),
  datapool: fileURLToPath(new URL('../../../datapool/src/module.ts', import.meta.url)),
};
const NAMES: Record<AppKind, string> = { ballot: ballotProgram.name, datapool: dataPoolProgram.name };

/** Deploys and registers BallotProgram and DataPoolProgram (`deployer` owns the program registry). */
export async function registerAppPrograms(deployer: Signer, deployment: Deployment): Promise<AppProgramIds> {
  const out: Partial<Record<AppKind, RegisteredProgram>> = {};
  for (const kind of ['ballot', 'datapool'] as const) {
    const c = PROGRAM_CONTRACTS[kind];
    const hash = await deployer.deployContract({ abi: c.abi, bytecode: c.bytecode, args: [deployment.contracts.orchestrator] } as Parameters<Signer['deployContract']>[0]);
    const program = (await confirm(deployer, hash)).contractAddress;
    if (!program) throw new WebRequestError(`deploying the ${kind} program failed`, { details: hash });
    await confirm(deployer, await deployer.writeContract({ address: deployment.contracts.programRegistry, abi: programRegistryAbi, functionName: 'registerProgram', args: [program, NAMES[kind]] }));
    const programId = await deployer.readContract({ address: deployment.contracts.programRegistry, abi: programRegistryAbi, functionName: 'programCount' });
    out[kind] = { programId, program, module: MODULES[kind] };
  }
  return out as AppProgramIds;
}

/** A page's program input shape: what the circuit compiles in. */
export type Shape = { readonly kind: 'ballot'; readonly options: number; readonly depth: number } | { readonly kind: 'datapool'; readonly fields: number; readonly maxCount: bigint };

/** Bounds of the shapes a page may ask for (each new shape is one compile and one verifier deployment). */
const MAX_OPTIONS = 16;
const MAX_DEPTH = 10;
const MAX_FIELDS = 32;
/** The contributor cap the pools' count bound is sized for: maxContributors · maxCount < t (docs/apps/datapool.md). */
export const POOL_MAX_CONTRIBUTORS = 10;

/** The count bound of a pool at `params`: the 10^5, lowered so that 10 contributors never wrap a sum mod t. */
export function poolMaxCount(paramsName: string): bigint {
  const t = parameterSet(paramsName).t;
  const bound = (t - 1n) / BigInt(POOL_MAX_CONTRIBUTORS);
  return bound < 100_000n ? bound : 100_000n;
}

export const shapeKey = (s: Shape): string => (s.kind === 'ballot' ? `ballot-${s.options}-${s.depth}` : `datapool-${s.fields}-${s.maxCount}`);

/** Parses and bounds a shape key (`ballot-<options>-<depth>`, `datapool-<fields>-<maxCount>`) for `paramsName`. */
export function parseShape(paramsName: string, key: string): Shape {
  const m = /^(ballot|datapool)-([0-9]{1,3})-([0-9]{1,7})$/.exec(key);
  if (!m) throw new WebRequestError('unknown circuit', { details: key });
  const a = Number(m[2]);
  const params = parameterSet(paramsName);
  try {
    if (m[1] === 'ballot') {
      const shape = { kind: 'ballot', options: a, depth: Number(m[3]) } as const;
      if (shape.options > MAX_OPTIONS || shape.depth > MAX_DEPTH) throw new WebRequestError(`a poll has at most ${MAX_OPTIONS} options and ${2 ** MAX_DEPTH} voters`, { details: key });
      checkBallotShape(params, shape);
      return shape;
    }
    const shape = { kind: 'datapool', fields: a, maxCount: BigInt(m[3]!) } as const;
    if (shape.fields > MAX_FIELDS) throw new WebRequestError(`a pool has at most ${MAX_FIELDS} fields`, { details: key });
    if (shape.maxCount !== poolMaxCount(paramsName)) throw new WebRequestError('a pool\'s count bound is the server\'s', { details: `${shape.maxCount} != ${poolMaxCount(paramsName)}` });
    checkDataPoolShape(params, shape);
    return shape;
  } catch (e) {
    if (e instanceof CircuitInputError) throw new WebRequestError(`bad circuit shape: ${e.shortMessage}`, { details: key });
    throw e;
  }
}

export type PreparedShape = { readonly key: string; readonly programId: string; readonly program: Address; readonly inputAdapter: Address };

type Loaded = { circuit: Promise<ProgramInputCircuit>; adapter?: Promise<PreparedShape> };

export class AppPrograms {
  private readonly loaded = new Map<string, Loaded>();
  constructor(
    readonly ids: AppProgramIds,
    private readonly deployment: Deployment,
    private readonly deployer: Signer | undefined,
  ) {}

  private entry(paramsName: string, key: string): Loaded {
    const id = `${paramsName}/${key}`;
    let e = this.loaded.get(id);
    if (!e) {
      const shape = parseShape(paramsName, key);
      const params = parameterSet(paramsName);
      const circuit = shape.kind === 'ballot' ? BallotCircuit.load(params, shape).then((c) => c.inner) : DataPoolCircuit.load(params, shape).then((c) => c.inner);
      e = { circuit };
      circuit.catch(() => this.loaded.delete(id));
      this.loaded.set(id, e);
    }
    return e;
  }

  /** A prepared shape's circuit (refused unless `prepare` ran for it on this server). */
  circuit(paramsName: string, key: string): Promise<ProgramInputCircuit> {
    const e = this.loaded.get(`${paramsName}/${key}`);
    if (!e?.adapter) throw new WebRequestError('this circuit is not prepared on this server', { details: key });
    return e.circuit;
  }

  /** The shape's verifier and adapter: deployed and approved on first use, then reused. */
  prepare(paramsName: string, key: string): Promise<PreparedShape> {
    const deployer = this.deployer;
    if (!deployer) throw new WebRequestError('this server cannot deploy input adapters (not a dev network)');
    const e = this.entry(paramsName, key);
    const kind = key.startsWith('ballot') ? 'ballot' : 'datapool';
    const reg = this.ids[kind];
    if (!e.adapter) {
      e.adapter = (async () => {
        const circuit = await e.circuit;
        const v = await deployProgramVerifier(circuit, viemCodeDeployer(deployer));
        const { orchestrator } = this.deployment.contracts;
        const hash = await deployer.deployContract({ abi: programInputAdapterAbi, bytecode: programInputAdapterBytecode, args: [orchestrator, v.encryption, v.honkVerifier, reg.program] } as Parameters<Signer['deployContract']>[0]);
        const inputAdapter = (await confirm(deployer, hash)).contractAddress;
        if (!inputAdapter) throw new WebRequestError('deploying the input adapter failed', { details: hash });
        await confirm(deployer, await deployer.writeContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'setVerifierApproval', args: [inputAdapter, VerifierKind.Input] }));
        return { key, programId: reg.programId.toString(), program: reg.program, inputAdapter };
      })();
      e.adapter.catch(() => (e.adapter = undefined));
    }
    return e.adapter;
  }

  async close(): Promise<void> {
    for (const e of this.loaded.values()) await e.circuit.then((c) => c.close(), () => undefined);
  }
}

/**
 * Why a program's input adapter refuses an input the chain reverted with `InputRejected`: the
 * adapter's `inputStatus` view (apps/ballot `ballotInputStatus`; the same adapter contract for pools).
 */
export async function inputStatus(rpcUrl: string, deployment: Deployment, raw: unknown): Promise<{ name: string; reason: string }> {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof o.e3Id !== 'string' || !/^[0-9]{1,30}$/.test(o.e3Id)) throw new WebRequestError('e3Id must be a decimal string');
  if (typeof o.inputAdapter !== 'string' || !isAddress(o.inputAdapter) || typeof o.submitter !== 'string' || !isAddress(o.submitter)) throw new WebRequestError('inputAdapter and submitter must be addresses');
  if (typeof o.data !== 'string' || !isHex(o.data) || o.data.length > 2 * 1024 * 1024) throw new WebRequestError('data must be hex (at most 1 MiB)');
  const reader = createPublicClient({ chain: localChain(deployment.chainId, rpcUrl), transport: http(rpcUrl) });
  const e3Id = BigInt(o.e3Id);
  const e3 = await reader.readContract({ address: deployment.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
  const s = await ballotInputStatus(reader, o.inputAdapter, e3Id, e3.pkCommitment, o.submitter, o.data);
  return { name: s.name, reason: s.reason };
}
