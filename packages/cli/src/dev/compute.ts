/**
 * The compute provider of `e3 dev` (SYSTEM.md §2: trusted for nothing). The requester is the
 * compute provider here (the orchestrator's default, computeProvider = requester): once the input
 * window is closed, it runs the program over exactly the inputs the chain accepted (replaying the
 * on-chain input accumulator) and posts the output ciphertext with its commitment. Every committee
 * member recomputes it from the chain and releases no decryption share for a different output.
 * It reuses the nodes' own program and encoding code (packages/node src/core), so an honest output
 * is byte for byte what they recompute.
 */
import { e3OrchestratorAbi, type Signer } from '@interfold/contracts';
import { bytesToHex, type Hex } from 'viem';
import { E3FailedError } from '../errors.js';
import { ciphertextCommitment, ciphertextToBytes, InputLog, paramSetById, ProgramRegistry, sumProgram } from '../nodeApi.js';
import type { LocalChain } from './chain.js';
import type { Program } from '../../../node/src/core/index.js';

export async function computeAndPublish(chain: LocalChain, provider: Signer, e3Id: bigint, extra: readonly Program[] = []): Promise<{ inputs: number; txHash: Hex }> {
  const { orchestrator, } = chain.deployment.contracts;
  const e3 = await provider.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
  const logs = await provider.getContractEvents({
    address: orchestrator,
    abi: e3OrchestratorAbi,
    eventName: 'InputPublished',
    args: { e3Id },
    fromBlock: chain.deployment.startBlock,
    toBlock: 'latest',
  });
  const log = new InputLog();
  for (const l of logs) {
    const a = l.args;
    if (a.e3Id === undefined || a.index === undefined || a.sender === undefined || a.data === undefined || a.inputHash === undefined || a.inputRoot === undefined) continue;
    log.add({ name: 'InputPublished', e3Id: a.e3Id, index: a.index, sender: a.sender, data: a.data, inputHash: a.inputHash, inputRoot: a.inputRoot, blockNumber: l.blockNumber, logIndex: l.logIndex, blockTimestamp: 0n });
  }
  if (log.inconsistency) throw new E3FailedError('the input log does not replay to the chain accumulator', { details: log.inconsistency });
  if (log.root.toLowerCase() !== e3.inputRoot.toLowerCase()) {
    throw new E3FailedError('the replayed input root differs from the chain', { details: `${log.root} != ${e3.inputRoot}` });
  }
  const devProgramId = chain.deployment.devProgramId;
  const programs = new ProgramRegistry([...(devProgramId === undefined ? [] : [sumProgram(devProgramId)]), ...extra]);
  const committee = await provider.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] });
  const ct = log.compute(programs.get(e3.programId), paramSetById(e3.paramSet).params, { e3Id, committee });
  const hash = await provider.writeContract({
    address: orchestrator,
    abi: e3OrchestratorAbi,
    functionName: 'publishCiphertextOutput',
    args: [e3Id, bytesToHex(ciphertextToBytes(ct)), ciphertextCommitment(ct), log.root],
  });
  const r = await provider.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new E3FailedError('publishing the output ciphertext reverted', { details: hash });
  return { inputs: log.count, txHash: hash };
}
