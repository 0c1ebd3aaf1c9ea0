/**
 * Program selection for `e3 dev --program` (issue 13): `sum` is built in (the deployment's dev
 * program; the daemons' built-in sum). `ballot`, `datapool` and `auction` are the apps' programs
 * (apps/<name>/src/dev.ts, loaded on demand so the CLI does not depend on the apps): their input
 * circuit is prepared before the chain starts, the program and its input adapter are deployed and
 * registered, the daemons load the app's program module (`programs` config entry), the requester
 * fixes the program's request-time parameters before inputs open, each input is proved by the
 * app (validity proof verified on chain), and the decrypted words are checked by the app.
 */
import type { BfvParameters, PublicKey } from '@interfold/bfv';
import { e3OrchestratorAbi, decodeRevert, programInputAdapterAbi, type Deployment, type Signer } from '@interfold/contracts';
import { programInputStatus } from '@interfold/circuits';
import { createWalletClient, http, publicActions, type Address, type Hex } from 'viem';
import { RevertError } from '../errors.js';
import type { Program } from '../../../node/src/core/index.js';

export type DevProgramBinding = { readonly chainId: number; readonly orchestrator: Address; readonly e3Id: bigint; readonly publicKey: PublicKey; readonly submitter: Address };

/** What apps/<name>/src/dev.ts `createDevProgram` returns. */
export interface DevProgram {
  readonly name: string;
  /** The daemons' program module (a file path). */
  readonly module: string;
  readonly detail: string;
  /** One number per input, for the report. */
  readonly values: readonly number[];
  deploy(deployer: Signer, deployment: Deployment): Promise<{ programId: bigint; program: Address; inputAdapter: Address }>;
  configure(requester: Signer, program: Address, e3Id: bigint, submitters: readonly Address[]): Promise<void>;
  prove(i: number, b: DevProgramBinding): Promise<Hex>;
  check(words: readonly bigint[] | undefined): { result: string | null; expected: string; correct: boolean };
  close(): Promise<void>;
}

export type DeployedDevProgram = DevProgram & { readonly programId: bigint; readonly program: Address; readonly inputAdapter: Address };

const APPS: Record<string, string> = { ballot: 'ballot', datapool: 'datapool', auction: 'auction' };

/** undefined for the built-in `sum`. */
export async function loadDevProgram(name: string, params: BfvParameters, inputs: number): Promise<DevProgram | undefined> {
  const app = APPS[name];
  if (app === undefined) return undefined;
  const url = new URL(`../../../../apps/${app}/src/dev.ts`, import.meta.url);
  const mod = (await import(url.href)) as { createDevProgram(o: { params: BfvParameters; inputs: number }): Promise<DevProgram> };
  return mod.createDevProgram({ params, inputs });
}

export async function deployDevProgram(p: DevProgram, deployer: Signer, deployment: Deployment): Promise<DeployedDevProgram> {
  const d = await p.deploy(deployer, deployment);
  return Object.assign(p, d);
}

/** The program's own module (as the daemons load it), for the compute provider. */
export async function programOf(p: DeployedDevProgram): Promise<Program> {
  const mod = (await import(p.module)) as { createProgram(id: bigint): Program };
  return mod.createProgram(p.programId);
}

/** Gas for one program input (INSECURE sets, ciphertext in calldata: ~3.7 M measured at N = 512). */
const INPUT_GAS = 12_000_000n;

/**
 * Proves input `i` with the app and submits it from its account, through a client with a long RPC
 * timeout (anvil answers slowly on a loaded machine while it runs a Honk verifier). A revert
 * (simulated first, as the SDK's submitInput does) is a RevertError carrying the adapter's reason;
 * anything else propagates.
 */
export async function submitProgramInput(p: DeployedDevProgram, submitter: Signer, i: number, b: Omit<DevProgramBinding, 'submitter'> & { readonly rpcUrl: string }): Promise<void> {
  const data = await p.prove(i, { chainId: b.chainId, orchestrator: b.orchestrator, e3Id: b.e3Id, publicKey: b.publicKey, submitter: submitter.account.address });
  const client = createWalletClient({ account: submitter.account, chain: submitter.chain, transport: http(b.rpcUrl, { timeout: 120_000 }) }).extend(publicActions);
  const call = { account: submitter.account, address: b.orchestrator, abi: e3OrchestratorAbi, functionName: 'publishInput', args: [b.e3Id, data] } as const;
  try {
    await client.simulateContract({ ...call, gas: INPUT_GAS });
  } catch (cause) {
    const r = decodeRevert(cause);
    if (!r) throw cause;
    const e3 = await client.readContract({ address: b.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [b.e3Id] });
    const status = programInputStatus(await client.readContract({ address: p.inputAdapter, abi: programInputAdapterAbi, functionName: 'inputStatus', args: [b.e3Id, e3.pkCommitment, submitter.account.address, data] }));
    throw new RevertError(`the chain refuses input ${i}: ${r.errorName === 'InputRejected' ? status.reason : r.errorName}`, { details: `${r.errorName}(${r.args.join(', ')}), adapter status ${status.name}`, cause });
  }
  const hash = await client.writeContract({ ...call, gas: INPUT_GAS });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 300_000 });
  if (receipt.status !== 'success') throw new RevertError(`input ${i} reverted when mined (simulated fine: the input window may have closed meanwhile)`, { details: hash });
}
