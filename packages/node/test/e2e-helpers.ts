/**
 * Harness of the multi-process tests and of bench:e3: a real anvil (1 s blocks), the deployment,
 * n ciphernode processes (packages/node/bin/ciphernode.ts, each with its own keystore, LevelDB and
 * libp2p host), and the test as requester and input submitter.
 *
 * Inputs: each is a real BFV encryption (bfv `encrypt`) of a value under the committee key the
 * nodes published. The deployment approves the committee-signature verifier for inputs
 * (`quorumVerifierForInputs`, a tests-only stand-in of contracts' deployInterfold): the harness
 * signs each input's attestation with T + 1 members' keys, which it holds because it created their
 * keystores. The real user-encryption proof path is the SDK's (encryptAndProve + adapter).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePublicKey, encodeCoeffs, encrypt, INSECURE_N512, bfvParameters, type BfvParametersLiteral } from '@interfold/bfv';
import {
  AttestationKind,
  confirm,
  deployInterfold,
  deploymentToJson,
  devAccount,
  e3OrchestratorAbi,
  encodeQuorumInput,
  encodeQuorumProof,
  freePort,
  inputAttestationHash,
  paramSetId,
  publicFor,
  signAttestation,
  startAnvil,
  testClientFor,
  testTokenAbi,
  walletFor,
  type AnvilInstance,
  type Deployment,
  type DeployOptions,
  type Signer,
} from '@interfold/contracts';
import { linkBytecode, type CompiledVerifier } from '@interfold/circuits';
import { bytesToHex, decodeAbiParameters, getAddress, hexToBytes, parseEther, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ciphertextToBytes } from '../src/core/index.js';
import { createKeystoreFile, INSECURE_TEST_SCRYPT, type NodeKeys } from '../src/keystore/index.js';
import { registerOperator } from '../src/chain/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = join(ROOT, 'packages', 'node', 'bin', 'ciphernode.ts');
const PASSWORD = 'insecure-test-password';

export type LogLine = { level: string; msg: string; e3Id?: string; phase?: string; [k: string]: unknown };

export type NodeProc = {
  readonly index: number;
  readonly keys: NodeKeys;
  readonly configPath: string;
  readonly dataDir: string;
  readonly port: number;
  child?: ChildProcess;
  lines: LogLine[];
  /** Peak RSS (MB) seen in /proc while running. */
  peakRssMb: number;
};

export type Network = {
  anvil: AnvilInstance;
  d: Deployment;
  dir: string;
  pub: ReturnType<typeof publicFor>;
  requester: Signer;
  nodes: NodeProc[];
  paramSet: Hex;
  params: ReturnType<typeof bfvParameters>;
  close(): Promise<void>;
};

export type NetworkOptions = {
  n: number;
  set?: BfvParametersLiteral;
  /** DKG round timeout and aggregator fail-over, ms. */
  dkgTimeoutMs?: number;
  aggregatorMs?: number;
  logLevel?: string;
  /** The daemons' `proofs` switch (their default, on, when absent); tests not about proofs pass false. */
  proofs?: boolean;
  /** Extra deployment options made on the fresh anvil before deployInterfold (e2e-proofs: the C6/C7 verifiers). */
  deployExtra?: (deployer: Signer) => Promise<Partial<DeployOptions>>;
};

export async function startNetwork(o: NetworkOptions): Promise<Network> {
  const set = o.set ?? INSECURE_N512;
  const anvil = await startAnvil({ blockTime: 1, accounts: 6 });
  const dir = mkdtempSync(join(tmpdir(), 'interfold-e2e-'));
  const deployer = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(0));
  const paramSet = paramSetId(set.name);
  const d = await deployInterfold({
    deployer,
    treasury: devAccount(1).address,
    config: { paramSets: [paramSet], blockTime: 1n },
    devProgram: true,
    quorumVerifierForInputs: true,
    ...(o.deployExtra ? await o.deployExtra(deployer) : {}),
  });
  const deploymentPath = join(dir, 'deployment.json');
  writeFileSync(deploymentPath, deploymentToJson(d));
  const pub = publicFor(anvil.rpcUrl, anvil.chainId);
  const nodes: NodeProc[] = [];
  for (let i = 0; i < o.n; i++) {
    const keystore = join(dir, `node${i}.keystore.json`);
    const keys = await createKeystoreFile(keystore, PASSWORD, { scrypt: INSECURE_TEST_SCRYPT });
    nodes.push({ index: i, keys, configPath: join(dir, `node${i}.json`), dataDir: join(dir, `node${i}`), port: await freePort(), lines: [], peakRssMb: 0 });
  }
  // Fund and register every operator through registerOperator (what `e3 node register` does).
  for (const node of nodes) {
    const me = node.keys.operatorAddress;
    await confirm(deployer, await deployer.sendTransaction({ to: me, value: parseEther('10') }));
    const need = parseEther('100') + 5n * d.config.ticketPrice;
    await confirm(deployer, await deployer.writeContract({ address: d.contracts.bondToken, abi: testTokenAbi, functionName: 'mint', args: [me, need] }));
    const wallet = walletFor(anvil.rpcUrl, anvil.chainId, privateKeyToAccount(node.keys.operatorKey));
    await registerOperator({ wallet, client: pub, operatorRegistry: d.contracts.operatorRegistry, bond: parseEther('100'), tickets: 5n });
  }
  for (const node of nodes) {
    const bootstrap = nodes.filter((x) => x !== node).map((x) => `/ip4/127.0.0.1/tcp/${x.port}/p2p/${x.keys.peerId}`);
    const cfg = {
      dataDir: node.dataDir,
      keystore: join(dir, `node${node.index}.keystore.json`),
      password: { env: 'INTERFOLD_TEST_PASSWORD' },
      rpcUrl: anvil.rpcUrl,
      deployment: deploymentPath,
      chainId: anvil.chainId,
      listen: [`/ip4/127.0.0.1/tcp/${node.port}`],
      bootstrap,
      httpPort: 0,
      logLevel: o.logLevel ?? 'info',
      confirmations: 0,
      reorgDepth: 8,
      timeouts: { dkg: o.dkgTimeoutMs ?? 30_000, aggregator: o.aggregatorMs ?? 3_000, decryption: 30_000, sync: 4_000 },
      ...(o.proofs === undefined ? {} : { proofs: o.proofs }),
    };
    writeFileSync(node.configPath, JSON.stringify(cfg, null, 2));
  }
  const requester = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(2));
  await confirm(deployer, await deployer.writeContract({ address: d.contracts.feeToken, abi: testTokenAbi, functionName: 'mint', args: [requester.account.address, parseEther('1000')] }));
  await confirm(requester, await requester.writeContract({ address: d.contracts.feeToken, abi: testTokenAbi, functionName: 'approve', args: [d.contracts.orchestrator, parseEther('1000')] }));
  const net: Network = {
    anvil,
    d,
    dir,
    pub,
    requester,
    nodes,
    paramSet,
    params: bfvParameters(set),
    close: async () => {
      await Promise.all(nodes.map((n) => stopNode(n, 'SIGKILL')));
      await anvil.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return net;
}

/** Spawns the node's process and resolves once it logged "started". */
export function startNodeProcess(node: NodeProc, timeoutMs = 180_000, bin = BIN): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, '--config', node.configPath], {
    cwd: ROOT,
    env: { ...process.env, INTERFOLD_TEST_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  node.child = child;
  const from = node.lines.length; // lines of an earlier run of this node do not count
  let buf = '';
  const onData = (chunk: Buffer) => {
    buf += chunk.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        node.lines.push(JSON.parse(line) as LogLine);
      } catch {
        node.lines.push({ level: 'raw', msg: line });
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const rss = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      if (m) node.peakRssMb = Math.max(node.peakRssMb, Number(m[1]) / 1024);
    } catch {
      /* exited */
    }
  }, 500);
  child.once('exit', () => clearInterval(rss));
  return waitFor(() => node.lines.slice(from).some((l) => l.msg === 'started'), timeoutMs, `node ${node.index} start`, () => child.exitCode !== null);
}

/** SIGTERM (clean close) or SIGKILL; resolves with the exit code once the process is gone. */
export async function stopNode(node: NodeProc, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const child = node.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill(signal);
  return done;
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string, abort?: () => boolean): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (abort?.()) throw new Error(`${what}: process exited`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type E3Timing = { sortitionWindow: bigint; dkgWindow: bigint; inputWindow: bigint; decryptionWindow?: bigint };

/** Requests an E3 (sum program) with windows in seconds; returns its id and schedule. */
export async function requestE3(net: Network, n: number, T: number, t: E3Timing, computeProvider: Address, decryptionVerifier = net.d.contracts.quorumVerifier, pkVerifier = net.d.contracts.quorumVerifier) {
  const now = (await net.pub.getBlock()).timestamp;
  // The request lands a block or two after `now`: the input window must open after the key deadline.
  const inputStart = now + t.sortitionWindow + t.dkgWindow + 5n;
  const params = {
    programId: net.d.devProgramId!,
    paramSet: net.paramSet,
    committeeSize: n,
    threshold: T,
    inputStart,
    inputEnd: inputStart + t.inputWindow,
    sortitionWindow: t.sortitionWindow,
    dkgWindow: t.dkgWindow,
    computeWindow: 60n,
    decryptionWindow: t.decryptionWindow ?? 120n,
    computeProvider,
    pkVerifier,
    inputVerifier: net.d.contracts.quorumVerifier,
    decryptionVerifier,
    fee: parseEther('2'),
  };
  await confirm(net.requester, await net.requester.writeContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'request', args: [params] }));
  const e3Id = await net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
  const e = await net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
  return { e3Id, schedule: e.schedule };
}

export async function getE3(net: Network, e3Id: bigint) {
  return net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
}

/** Waits (polling the contract) until the E3 reaches `stage` or beyond. */
export async function waitStage(net: Network, e3Id: bigint, stage: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const e = await getE3(net, e3Id);
    if (e.stage === 6 && stage !== 6) throw new Error(`E3 ${e3Id} failed (reason ${e.failure}) while waiting for stage ${stage}`);
    if (e.stage >= stage) return;
    if (Date.now() > end) throw new Error(`E3 ${e3Id} stuck at stage ${e.stage} (waiting for ${stage})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Moves anvil's clock to `ts` (unix seconds) if it is behind: the next block carries `ts` and the
 * 1 s blocks go on from there. The daemons follow chain time (src/daemon/chain-clock.ts), so they
 * act on a warp as they would on a real chain once that time has come.
 */
export async function warpTo(net: Network, ts: bigint): Promise<void> {
  if ((await net.pub.getBlock()).timestamp >= ts) return;
  const test = testClientFor(net.anvil.rpcUrl, net.anvil.chainId);
  await test.setNextBlockTimestamp({ timestamp: ts });
  await test.mine({ blocks: 1 });
}

/** Encrypts each value (coefficient 0) under the published key and submits it in the input window (warping to its opening). */
export async function submitInputs(net: Network, e3Id: bigint, values: readonly number[]): Promise<void> {
  const [ev] = await net.pub.getContractEvents({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'PublicKeyPublished', args: { e3Id }, fromBlock: 0n });
  if (!ev) throw new Error('no public key published');
  const pk = decodePublicKey(net.params, hexToBytes(ev.args.publicKey!));
  const e = await getE3(net, e3Id);
  const committee = await net.pub.readContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] });
  const signers = committee.slice(0, e.threshold + 1).map((m) => {
    const node = net.nodes.find((x) => x.keys.operatorAddress.toLowerCase() === m.toLowerCase());
    if (!node) throw new Error(`member ${m} unknown`);
    return privateKeyToAccount(node.keys.operatorKey);
  });
  await warpTo(net, e.schedule.inputStart);
  if (values.length > 3) throw new Error('at most 3 inputs (the dev program takes one per sender)');
  for (const [i, v] of values.entries()) {
    // SingleSubmissionProgram: one input per sender.
    const sender = walletFor(net.anvil.rpcUrl, net.anvil.chainId, devAccount(3 + i));
    const ct = bytesToHex(ciphertextToBytes(encrypt(net.params, pk, encodeCoeffs(net.params, [v]))));
    const sigs = await Promise.all(
      signers.map((a) => signAttestation(a, { chainId: net.anvil.chainId, verifier: net.d.contracts.quorumVerifier, e3Id, kind: AttestationKind.Input, dataHash: inputAttestationHash(e.pkCommitment, ct) })),
    );
    const data = encodeQuorumInput(ct, encodeQuorumProof(sigs));
    await confirm(sender, await sender.writeContract({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'publishInput', args: [e3Id, data] }));
  }
}

/** The plaintext's first word (the sum program's result in coefficient 0). */
export async function resultOf(net: Network, e3Id: bigint): Promise<bigint> {
  const [ev] = await net.pub.getContractEvents({ address: net.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'PlaintextOutputPublished', args: { e3Id }, fromBlock: 0n });
  if (!ev) throw new Error('no plaintext published');
  const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], ev.args.plaintext!);
  return BigInt(words[0]);
}

export function phasesOf(node: NodeProc, e3Id: bigint): string[] {
  return node.lines.filter((l) => l.msg === 'phase' && l.e3Id === String(e3Id)).map((l) => String(l.phase));
}

/** Deploys a circuit's UltraHonk verifier on the test's anvil: its libraries first, then the linked verifier. */
export async function deployHonkVerifier(signer: Signer, v: CompiledVerifier): Promise<Address> {
  const deploy = async (bytecode: string): Promise<Address> => {
    const hash = await signer.sendTransaction({ data: `0x${bytecode.replace(/^0x/, '')}` as Hex, gas: 25_000_000n });
    const r = await signer.waitForTransactionReceipt({ hash });
    if (r.status !== 'success' || !r.contractAddress) throw new Error(`verifier deployment failed: ${hash}`);
    return getAddress(r.contractAddress);
  };
  const libs: Record<string, string> = {};
  for (const lib of v.libraries) libs[lib.name] = (await deploy(lib.bytecode)).slice(2).toLowerCase();
  return deploy(linkBytecode(v, libs));
}

/** Runs `scenario`; if it throws, writes each node's last log lines (its own account of what happened) to stderr first. */
export async function withLogsOnFailure(net: Network | undefined, scenario: () => Promise<void>): Promise<void> {
  try {
    await scenario();
  } catch (e) {
    for (const n of net?.nodes ?? []) {
      const lines = n.lines.filter((l) => l.level !== 'debug').slice(-30).map((l) => JSON.stringify(l).slice(0, 300));
      process.stderr.write(`--- node ${n.index}\n${lines.join('\n')}\n`);
    }
    throw e;
  }
}
