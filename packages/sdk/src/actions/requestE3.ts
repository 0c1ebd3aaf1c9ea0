/**
 * requestE3: asks the network for one computation (SYSTEM.md section 3, step 1). Approves the
 * fee (ERC-20) when the allowance is short, sends `request` and returns the new e3Id with its
 * schedule. Defaults: the deployment's dev program, the real user-encryption input verifier
 * (ciphertext in calldata for INSECURE sets, in blobs otherwise), windows sized for a local chain.
 */
import { decodeEventLog, erc20Abi, type Address, type Hash } from 'viem';
import { e3OrchestratorAbi, decodeRevert } from '@interfold/contracts';
import { assertChain, requireWallet, type E3ClientBase } from '../client.js';
import { ConfigurationError, E3ClientError } from '../errors.js';
import { paramSetId } from '../params.js';

export type RequestE3Parameters = {
  /** Parameter-set name (bfv's PARAMETER_SETS), e.g. 'INSECURE_N512'. */
  params: string;
  committeeSize: number;
  threshold: number;
  /** Registered program id (default: the deployment's dev program). */
  programId?: bigint;
  fee?: bigint;
  /** Seconds from now until inputs open (after sortition and DKG) and how long they stay open. */
  windows?: { sortition?: bigint; dkg?: bigint; inputOpensAfter?: bigint; input?: bigint; compute?: bigint; decryption?: bigint };
  computeProvider?: Address;
  verifiers?: { publicKey?: Address; input?: Address; decryption?: Address };
};

export type RequestE3ReturnType = {
  e3Id: bigint;
  txHash: Hash;
  schedule: { requestBlock: bigint; seedBlock: bigint; sortitionDeadline: bigint; keyDeadline: bigint; inputStart: bigint; inputEnd: bigint; computeDeadline: bigint; decryptionDeadline: bigint };
  gasUsed: bigint;
};

/** The input verifier requests default to: calldata for INSECURE sets, blobs for the others. */
export function defaultInputVerifier(client: E3ClientBase, params: string): Address {
  const c = client.deployment.contracts;
  const v = params.includes('INSECURE') ? c.userEncryptionAdapter : c.userEncryptionBlobAdapter;
  if (!v) throw new ConfigurationError('the deployment has no user-encryption input verifier', { details: 'deploy with `userEncryptionVerifier` (see deployUserEncryptionVerifier)' });
  return v;
}

export async function requestE3(client: E3ClientBase, p: RequestE3Parameters): Promise<RequestE3ReturnType> {
  const wallet = requireWallet(client, 'requestE3');
  await assertChain(client);
  const { contracts } = client.deployment;
  const programId = p.programId ?? client.deployment.devProgramId;
  if (programId === undefined) throw new ConfigurationError('no program: give `programId` (the deployment has no dev program)');
  const fee = p.fee ?? client.deployment.config.minFee;
  const w = p.windows ?? {};
  const now = (await client.publicClient.getBlock()).timestamp;
  const sortition = w.sortition ?? 30n;
  const dkg = w.dkg ?? 120n;
  // Margin: the request lands in a later block than the one read here (the key deadline must precede inputStart).
  const inputStart = now + (w.inputOpensAfter ?? sortition + dkg + 60n);
  const inputEnd = inputStart + (w.input ?? 60n);
  const me = wallet.account.address;
  const allowance = await client.publicClient.readContract({ address: contracts.feeToken, abi: erc20Abi, functionName: 'allowance', args: [me, contracts.orchestrator] });
  if (allowance < fee) {
    const h = await wallet.writeContract({ address: contracts.feeToken, abi: erc20Abi, functionName: 'approve', args: [contracts.orchestrator, fee] });
    await client.publicClient.waitForTransactionReceipt({ hash: h });
  }
  const args = {
    programId,
    paramSet: paramSetId(p.params),
    committeeSize: p.committeeSize,
    threshold: p.threshold,
    inputStart,
    inputEnd,
    sortitionWindow: sortition,
    dkgWindow: dkg,
    computeWindow: w.compute ?? 120n,
    decryptionWindow: w.decryption ?? 120n,
    computeProvider: p.computeProvider ?? me,
    pkVerifier: p.verifiers?.publicKey ?? contracts.pkAdapter ?? contracts.quorumVerifier,
    inputVerifier: p.verifiers?.input ?? defaultInputVerifier(client, p.params),
    decryptionVerifier: p.verifiers?.decryption ?? contracts.decryptionAdapter ?? contracts.quorumVerifier,
    fee,
  } as const;
  let hash: Hash;
  try {
    const { request } = await client.publicClient.simulateContract({ account: wallet.account, address: contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'request', args: [args] });
    hash = await wallet.writeContract(request);
  } catch (cause) {
    const r = decodeRevert(cause);
    throw new E3ClientError('the orchestrator refused the request', { details: r ? `${r.errorName}(${r.args.join(', ')})` : String(cause), cause });
  }
  const receipt = await client.publicClient.waitForTransactionReceipt({ hash });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== contracts.orchestrator.toLowerCase()) continue;
    try {
      const ev = decodeEventLog({ abi: e3OrchestratorAbi, eventName: 'E3Requested', data: log.data, topics: log.topics });
      const s = ev.args.schedule;
      return {
        e3Id: ev.args.e3Id,
        txHash: hash,
        gasUsed: receipt.gasUsed,
        schedule: {
          requestBlock: BigInt(s.requestBlock), seedBlock: BigInt(s.seedBlock), sortitionDeadline: BigInt(s.sortitionDeadline), keyDeadline: BigInt(s.keyDeadline),
          inputStart: BigInt(s.inputStart), inputEnd: BigInt(s.inputEnd), computeDeadline: BigInt(s.computeDeadline), decryptionDeadline: BigInt(s.decryptionDeadline),
        },
      };
    } catch {
      /* another event */
    }
  }
  throw new E3ClientError('request mined without an E3Requested event', { details: hash });
}
