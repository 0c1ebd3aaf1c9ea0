/**
 * Shared fixture for the contracts tests: a real anvil on a free port, the full deployment,
 * funded operators, and small helpers for time travel, transactions and expected reverts.
 */
import { strict as assert } from 'node:assert';
import { keccak256, parseEther, stringToHex, toHex, type Abi, type Address, type Hex, type TransactionReceipt } from 'viem';
import type { HDAccount } from 'viem/accounts';
import {
  startAnvil,
  deployInterfold,
  fundOperators,
  walletFor,
  publicFor,
  testClientFor,
  devAccount,
  confirm,
  decodeRevert,
  e3OrchestratorAbi,
  operatorRegistryAbi,
  testTokenAbi,
  bestTicket,
  AttestationKind,
  signAttestation,
  encodeQuorumProof,
  encodeQuorumInput,
  pkAttestationHash,
  inputAttestationHash,
  decryptionAttestationHash,
  inputRootOf,
  type AnvilInstance,
  type Deployment,
  type Signer,
} from '../src/index.js';

export const PARAM_SET = keccak256(stringToHex('INSECURE_TEST_PARAMS_V1'));

/** Deterministic public test values (never secrets): xorshift-style PRNG. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

export type Fixture = {
  anvil: AnvilInstance;
  d: Deployment;
  chainId: number;
  pub: ReturnType<typeof publicFor>;
  testClient: ReturnType<typeof testClientFor>;
  deployer: Signer;
  treasury: Address;
  requester: Signer;
  compute: Signer;
  attester: HDAccount;
  outsider: Signer;
  operators: { account: HDAccount; signer: Signer; tickets: bigint }[];
  close(): Promise<void>;
};

export type FixtureOptions = { operators?: number; tickets?: (i: number) => bigint; bond?: bigint };

/** Account indices: 0 deployer, 1 treasury, 2 requester, 3 compute provider, 4 attester, 5 outsider, 6.. operators. */
export async function setup(opts: FixtureOptions = {}): Promise<Fixture> {
  const count = opts.operators ?? 6;
  const anvil = await startAnvil({ accounts: 6 + count });
  try {
    const chainId = anvil.chainId;
    const w = (i: number) => walletFor(anvil.rpcUrl, chainId, devAccount(i));
    const deployer = w(0);
    const treasury = devAccount(1).address;
    const attester = devAccount(4);
    const d = await deployInterfold({
      deployer,
      treasury,
      config: { paramSets: [PARAM_SET] },
      devProgram: true,
      quorumVerifierForInputs: true, // the signature stand-in for inputs (tests only)
      attesterVerifier: { attester: attester.address, proofKinds: [1, 2] },
    });
    const operators = Array.from({ length: count }, (_, i) => {
      const account = devAccount(6 + i);
      return { account, signer: walletFor(anvil.rpcUrl, chainId, account), tickets: opts.tickets?.(i) ?? 5n };
    });
    await fundOperators(
      d,
      deployer,
      operators.map((o) => ({ signer: o.signer, funding: { bond: opts.bond ?? parseEther('100'), tickets: o.tickets } })),
    );
    const requester = w(2);
    const compute = w(3);
    const outsider = w(5);
    for (const s of [requester, outsider]) {
      await tx(deployer, d.contracts.feeToken, testTokenAbi, 'mint', [s.account.address, parseEther('1000')]);
      await tx(s, d.contracts.feeToken, testTokenAbi, 'approve', [d.contracts.orchestrator, parseEther('1000')]);
    }
    return {
      anvil,
      d,
      chainId,
      pub: publicFor(anvil.rpcUrl, chainId),
      testClient: testClientFor(anvil.rpcUrl, chainId),
      deployer,
      treasury,
      requester,
      compute,
      attester,
      outsider,
      operators,
      close: () => anvil.stop(),
    };
  } catch (e) {
    await anvil.stop();
    throw e;
  }
}

/** Sends a transaction and waits for it; throws (a viem error) if it would revert. */
export async function tx(signer: Signer, address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<TransactionReceipt> {
  const hash = await signer.writeContract({ address, abi, functionName, args } as Parameters<Signer['writeContract']>[0]);
  return confirm(signer, hash);
}

/** Asserts that `p` fails with the named custom error (decoded across every Interfold ABI). */
export async function expectRevert(p: Promise<unknown>, errorName: string | readonly string[]): Promise<readonly unknown[]> {
  const names = typeof errorName === 'string' ? [errorName] : errorName;
  try {
    await p;
  } catch (e) {
    const decoded = decodeRevert(e);
    assert.ok(decoded, `expected revert ${names.join('|')}, got undecodable error: ${(e as Error).message.slice(0, 400)}`);
    if (decoded === undefined) throw new Error('unreachable');
    assert.ok(names.includes(decoded.errorName), `expected ${names.join('|')}, got ${decoded.errorName}(${decoded.args.join(', ')})`);
    return decoded.args;
  }
  return assert.fail(`expected revert ${names.join('|')}, but the call succeeded`);
}

export async function now(f: Fixture): Promise<bigint> {
  return (await f.pub.getBlock()).timestamp;
}

/** Mines one block at exactly `timestamp`; the next transaction lands a second or so later. */
export async function warpTo(f: Fixture, timestamp: bigint): Promise<void> {
  await f.testClient.setNextBlockTimestamp({ timestamp });
  await f.testClient.mine({ blocks: 1 });
}

export async function mine(f: Fixture, blocks: number): Promise<void> {
  await f.testClient.mine({ blocks });
}

export type E3Overrides = Partial<{
  programId: bigint;
  paramSet: Hex;
  committeeSize: number;
  threshold: number;
  inputStart: bigint;
  inputEnd: bigint;
  sortitionWindow: bigint;
  dkgWindow: bigint;
  computeWindow: bigint;
  decryptionWindow: bigint;
  computeProvider: Address;
  pkVerifier: Address;
  inputVerifier: Address;
  decryptionVerifier: Address;
  fee: bigint;
}>;

export async function requestParams(f: Fixture, o: E3Overrides = {}) {
  const t = await now(f);
  const sortitionWindow = o.sortitionWindow ?? 100n;
  const dkgWindow = o.dkgWindow ?? 100n;
  const inputStart = o.inputStart ?? t + sortitionWindow + dkgWindow + 50n;
  return {
    programId: o.programId ?? f.d.devProgramId!,
    paramSet: o.paramSet ?? PARAM_SET,
    committeeSize: o.committeeSize ?? 3,
    threshold: o.threshold ?? 1,
    inputStart,
    inputEnd: o.inputEnd ?? inputStart + 100n,
    sortitionWindow,
    dkgWindow,
    computeWindow: o.computeWindow ?? 100n,
    decryptionWindow: o.decryptionWindow ?? 100n,
    computeProvider: o.computeProvider ?? f.compute.account.address,
    pkVerifier: o.pkVerifier ?? f.d.contracts.quorumVerifier,
    inputVerifier: o.inputVerifier ?? f.d.contracts.quorumVerifier,
    decryptionVerifier: o.decryptionVerifier ?? f.d.contracts.quorumVerifier,
    fee: o.fee ?? parseEther('7'),
  };
}

export async function requestE3(f: Fixture, o: E3Overrides = {}, by: Signer = f.requester): Promise<bigint> {
  const params = await requestParams(f, o);
  await tx(by, f.d.contracts.orchestrator, e3OrchestratorAbi, 'request', [params]);
  return f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
}

export async function getE3(f: Fixture, e3Id: bigint) {
  return f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
}

/** Mines past the seed block and fixes the seed; returns it. */
export async function fixSeed(f: Fixture, e3Id: bigint): Promise<Hex> {
  const e = await getE3(f, e3Id);
  const head = await f.pub.getBlockNumber();
  if (head <= e.schedule.seedBlock) await mine(f, Number(e.schedule.seedBlock - head) + 1);
  await tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'fixSeed', [e3Id]);
  return (await getE3(f, e3Id)).seed;
}

export async function ticketsAt(f: Fixture, node: Address, block: bigint): Promise<bigint> {
  return BigInt(
    await f.pub.readContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'ticketsAt', args: [node, block] }),
  );
}

/**
 * Every given operator submits its best ticket, in ascending score order (so none reverts as
 * not competitive), then the committee is finalised after the window. Returns the members.
 */
export async function formCommittee(f: Fixture, e3Id: bigint, ops = f.operators): Promise<Address[]> {
  const seed = await fixSeed(f, e3Id);
  const e = await getE3(f, e3Id);
  const best = [];
  for (const o of ops) {
    const t = await ticketsAt(f, o.account.address, e.schedule.requestBlock);
    const b = bestTicket(o.account.address, t, e3Id, seed);
    if (b) best.push({ ...b, signer: o.signer });
  }
  best.sort((a, b) => (BigInt(a.score) < BigInt(b.score) ? -1 : 1));
  for (const b of best.slice(0, e.committeeSize)) {
    await tx(b.signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, b.ticket]);
  }
  await warpTo(f, e.schedule.sortitionDeadline + 1n);
  await tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'finalizeCommittee', [e3Id]);
  return [...(await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] }))];
}

export function memberAccounts(f: Fixture, members: readonly Address[]): HDAccount[] {
  return members.map((m) => {
    const o = f.operators.find((x) => x.account.address.toLowerCase() === m.toLowerCase());
    if (o === undefined) return assert.fail(`member ${m} is not a fixture operator`);
    return o.account;
  });
}

export function signerOf(f: Fixture, address: Address): Signer {
  const o = f.operators.find((x) => x.account.address.toLowerCase() === address.toLowerCase());
  if (o === undefined) return assert.fail(`${address} is not a fixture operator`);
  return o.signer;
}

export async function quorumProof(f: Fixture, signers: readonly HDAccount[], e3Id: bigint, kind: AttestationKind, dataHash: Hex): Promise<Hex> {
  const sigs = await Promise.all(
    signers.map((a) => signAttestation(a, { chainId: f.chainId, verifier: f.d.contracts.quorumVerifier, e3Id, kind, dataHash })),
  );
  return encodeQuorumProof(sigs);
}

export const PK_BYTES: Hex = toHex(new Uint8Array(256).map((_, i) => (i * 7 + 3) & 0xff));
export const PK_COMMITMENT: Hex = keccak256(stringToHex('pk-commitment'));
export const CT_COMMITMENT: Hex = keccak256(stringToHex('ct-commitment'));

export async function publishKey(f: Fixture, e3Id: bigint, members: readonly Address[], quorum?: number): Promise<void> {
  const accts = memberAccounts(f, members);
  const e = await getE3(f, e3Id);
  const signers = accts.slice(0, quorum ?? e.threshold + 1);
  const proof = await quorumProof(f, signers, e3Id, AttestationKind.PublicKey, pkAttestationHash(PK_COMMITMENT, PK_BYTES));
  await tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishPublicKey', [e3Id, PK_BYTES, PK_COMMITMENT, proof]);
}

export async function makeInput(f: Fixture, e3Id: bigint, members: readonly Address[], ciphertext: Hex): Promise<Hex> {
  const e = await getE3(f, e3Id);
  const signers = memberAccounts(f, members).slice(0, e.threshold + 1);
  const proof = await quorumProof(f, signers, e3Id, AttestationKind.Input, inputAttestationHash(e.pkCommitment, ciphertext));
  return encodeQuorumInput(ciphertext, proof);
}

/** Publishes inputs from the given senders at the start of the window; returns the input data. */
export async function publishInputs(f: Fixture, e3Id: bigint, members: readonly Address[], senders: readonly Signer[]): Promise<Hex[]> {
  const e = await getE3(f, e3Id);
  await warpTo(f, e.schedule.inputStart);
  const datas: Hex[] = [];
  for (const [i, s] of senders.entries()) {
    const data = await makeInput(f, e3Id, members, toHex(`ciphertext-${e3Id}-${i}`));
    await tx(s, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishInput', [e3Id, data]);
    datas.push(data);
  }
  return datas;
}

export const CIPHERTEXT: Hex = toHex('output-ciphertext');
export const PLAINTEXT: Hex = toHex('plaintext: 42');

export async function publishOutput(f: Fixture, e3Id: bigint, inputs: readonly Hex[]): Promise<void> {
  const e = await getE3(f, e3Id);
  await warpTo(f, e.schedule.inputEnd + 1n);
  await tx(f.compute, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishCiphertextOutput', [e3Id, CIPHERTEXT, CT_COMMITMENT, inputRootOf(inputs)]);
}

export async function publishPlaintext(f: Fixture, e3Id: bigint, members: readonly Address[]): Promise<void> {
  const e = await getE3(f, e3Id);
  const proof = await quorumProof(
    f, memberAccounts(f, members).slice(0, e.threshold + 1), e3Id, AttestationKind.Decryption, decryptionAttestationHash(e.ciphertextCommitment, PLAINTEXT),
  );
  await tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishPlaintextOutput', [e3Id, PLAINTEXT, proof]);
}

export async function balanceOf(f: Fixture, who: Address): Promise<bigint> {
  return f.pub.readContract({ address: f.d.contracts.feeToken, abi: testTokenAbi, functionName: 'balanceOf', args: [who] });
}

export async function claimable(f: Fixture, who: Address): Promise<bigint> {
  return f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'claimable', args: [who] });
}

/** evm_snapshot / evm_revert around a test body, so tests in one file share a deployment. */
export async function isolated<T>(f: Fixture, body: () => Promise<T>): Promise<T> {
  const id = await f.testClient.snapshot();
  try {
    return await body();
  } finally {
    await f.testClient.revert({ id });
  }
}
