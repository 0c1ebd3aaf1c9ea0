/**
 * Test fixture for the SDK: a real anvil, the full deployment with the REAL user-encryption input
 * verifier (default path: no stand-in approved for inputs), three bonded operators, and the test's
 * own stand-in for the committee: the quorum verifier (T + 1 operator signatures) publishes the key
 * and the plaintext. The "committee key" is one BFV key pair the test holds (tests only).
 */
import { parseEther, type Address, type Hex } from 'viem';
import type { HDAccount } from 'viem/accounts';
import { bfvParameters, INSECURE_N512, decrypt, decodeCoeffs, encodePublicKey, genPublicKey, genSecretKey, type Ciphertext, type PublicKey, type SecretKey } from '@interfold/bfv';
import {
  AttestationKind,
  bestTicket,
  decryptionAttestationHash,
  deployInterfold,
  devAccount,
  e3OrchestratorAbi,
  encodeQuorumProof,
  fundOperators,
  operatorRegistryAbi,
  paramSetId,
  pkAttestationHash,
  signAttestation,
  startAnvil,
  testClientFor,
  testTokenAbi,
  walletFor,
  type AnvilInstance,
  type Deployment,
  type Signer,
} from '@interfold/contracts';
import { deployUserEncryptionVerifier } from '../src/node.js';
import { publicKeyCommitment } from '../src/index.js';

export const PARAMS = bfvParameters(INSECURE_N512);

export type Fixture = {
  anvil: AnvilInstance;
  deployment: Deployment;
  deployer: Signer;
  operators: { account: HDAccount; signer: Signer }[];
  sk: SecretKey;
  pk: PublicKey;
  warpTo(t: bigint): Promise<void>;
  close(): Promise<void>;
};

/** Accounts: 0 deployer, 1 treasury, 2 requester, 3 alice, 4 copier, 5..7 operators. */
export async function setup(): Promise<Fixture> {
  const anvil = await startAnvil({ accounts: 8 });
  const deployer = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(0));
  const verifier = await deployUserEncryptionVerifier(deployer, PARAMS);
  const deployment = await deployInterfold({
    deployer,
    treasury: devAccount(1).address,
    config: { paramSets: [paramSetId(PARAMS.name)] },
    devProgram: true,
    userEncryptionVerifier: verifier.inputVerifier,
  });
  const operators = [5, 6, 7].map((i) => ({ account: devAccount(i), signer: walletFor(anvil.rpcUrl, anvil.chainId, devAccount(i)) }));
  await fundOperators(deployment, deployer, operators.map((o) => ({ signer: o.signer, funding: { bond: parseEther('100'), tickets: 3n } })));
  for (const i of [2, 3, 4]) {
    const h = await deployer.writeContract({ address: deployment.contracts.feeToken, abi: testTokenAbi, functionName: 'mint', args: [devAccount(i).address, parseEther('100')] });
    await deployer.waitForTransactionReceipt({ hash: h });
  }
  const test = testClientFor(anvil.rpcUrl, anvil.chainId);
  const sk = genSecretKey(PARAMS);
  return {
    anvil,
    deployment,
    deployer,
    operators,
    sk,
    pk: genPublicKey(PARAMS, sk),
    async warpTo(t) {
      await test.setNextBlockTimestamp({ timestamp: t });
      await test.mine({ blocks: 1 });
    },
    close: () => anvil.stop(),
  };
}

async function send(s: Signer, functionName: string, args: readonly unknown[], address?: Address): Promise<void> {
  const hash = await s.writeContract({ address: address ?? '0x', abi: e3OrchestratorAbi, functionName, args } as never);
  const r = await s.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`${functionName} reverted`);
}

async function e3Of(f: Fixture, e3Id: bigint) {
  return f.deployer.readContract({ address: f.deployment.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
}

/** Sortition, part 1: fix the seed and every operator submits its best ticket (best first). */
export async function submitTickets(f: Fixture, e3Id: bigint): Promise<void> {
  const O = f.deployment.contracts.orchestrator;
  let e = await e3Of(f, e3Id);
  const test = testClientFor(f.anvil.rpcUrl, f.anvil.chainId);
  const head = await f.deployer.getBlockNumber();
  if (head <= e.schedule.seedBlock) await test.mine({ blocks: Number(e.schedule.seedBlock - head) + 1 });
  await send(f.deployer, 'fixSeed', [e3Id], O);
  e = await e3Of(f, e3Id);
  const best = [];
  for (const o of f.operators) {
    const t = await f.deployer.readContract({ address: f.deployment.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'ticketsAt', args: [o.account.address, e.schedule.requestBlock] });
    const b = bestTicket(o.account.address, BigInt(t), e3Id, e.seed);
    if (b) best.push({ ...b, signer: o.signer });
  }
  best.sort((a, b) => (BigInt(a.score) < BigInt(b.score) ? -1 : 1));
  for (const b of best.slice(0, e.committeeSize)) await send(b.signer, 'submitTicket', [e3Id, b.ticket], O);
}

/** Sortition, part 2: after the window, finalise. */
export async function finalizeCommittee(f: Fixture, e3Id: bigint): Promise<void> {
  const e = await e3Of(f, e3Id);
  const t = (await f.deployer.getBlock()).timestamp;
  if (t <= e.schedule.sortitionDeadline) await f.warpTo(e.schedule.sortitionDeadline + 1n);
  await send(f.deployer, 'finalizeCommittee', [e3Id], f.deployment.contracts.orchestrator);
}

async function quorum(f: Fixture, e3Id: bigint, kind: AttestationKind, dataHash: Hex): Promise<Hex> {
  const members = await f.deployer.readContract({ address: f.deployment.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] });
  const e = await e3Of(f, e3Id);
  const accts = f.operators.filter((o) => members.some((m) => m.toLowerCase() === o.account.address.toLowerCase())).slice(0, e.threshold + 1);
  const sigs = await Promise.all(accts.map((o) => signAttestation(o.account, { chainId: f.anvil.chainId, verifier: f.deployment.contracts.quorumVerifier, e3Id, kind, dataHash })));
  return encodeQuorumProof(sigs);
}

/** The committee publishes a key (the test's key; `commitment` overrides the honest commitment). */
export async function publishKey(f: Fixture, e3Id: bigint, commitment?: Hex): Promise<void> {
  const bytes = `0x${Buffer.from(encodePublicKey(f.pk)).toString('hex')}` as Hex;
  const pkc = commitment ?? publicKeyCommitment(f.pk);
  const proof = await quorum(f, e3Id, AttestationKind.PublicKey, pkAttestationHash(pkc, bytes));
  await send(f.deployer, 'publishPublicKey', [e3Id, bytes, pkc, proof], f.deployment.contracts.orchestrator);
}

/** After the input window: the compute provider posts the output, the committee the plaintext words. */
export async function finish(f: Fixture, e3Id: bigint, compute: Signer, output: Ciphertext, outputBytes: Hex): Promise<bigint[]> {
  const O = f.deployment.contracts.orchestrator;
  const e = await e3Of(f, e3Id);
  await f.warpTo(e.schedule.inputEnd + 1n);
  const ctc = `0x${'11'.repeat(32)}` as Hex;
  await send(compute, 'publishCiphertextOutput', [e3Id, outputBytes, ctc, e.inputRoot], O);
  const coeffs = decodeCoeffs(decrypt(PARAMS, f.sk, output)).map((c) => BigInt(c));
  let end = coeffs.length;
  while (end > 1 && coeffs[end - 1] === 0n) end--;
  const words = coeffs.slice(0, end);
  const { encodeAbiParameters, toHex } = await import('viem');
  const plaintext = encodeAbiParameters([{ type: 'bytes32[]' }], [words.map((w) => toHex(w, { size: 32 }))]);
  const proof = await quorum(f, e3Id, AttestationKind.Decryption, decryptionAttestationHash(ctc, plaintext));
  await send(f.deployer, 'publishPlaintextOutput', [e3Id, plaintext, proof], O);
  return words;
}
