/**
 * submitInput: publishes a proved input (publishInput). Calldata inputs are simulated first, so
 * a rejection comes back as InputRejectedError naming the contract's error (InputRejected,
 * InputWindowClosed, …) and nothing is sent. Blob inputs go as an EIP-4844 (type-3) transaction
 * carrying the precomputed sidecars (blobs, KZG commitments and proofs).
 */
import { decodeEventLog, encodeFunctionData, toHex, type Hash, type Hex } from 'viem';
import { decodeRevert, e3OrchestratorAbi } from '@interfold/contracts';
import { assertChain, requireWallet, type E3ClientBase } from '../client.js';
import { ConfigurationError, InputRejectedError } from '../errors.js';
import type { ProvedInput } from './proveInput.js';

export type SubmitInputParameters = { input: ProvedInput };

export type SubmitInputReturnType = { txHash: Hash; index: bigint; inputHash: Hex; inputRoot: Hex; gasUsed: bigint; blobGasUsed?: bigint };

export async function submitInput(client: E3ClientBase, { input }: SubmitInputParameters): Promise<SubmitInputReturnType> {
  const wallet = requireWallet(client, 'submitInput');
  await assertChain(client);
  if (wallet.account.address.toLowerCase() !== input.submitter.toLowerCase()) {
    throw new ConfigurationError('this input was proved for another submitter', { details: `proved for ${input.submitter}, account ${wallet.account.address}` });
  }
  const orchestrator = client.deployment.contracts.orchestrator;
  const reject = (cause: unknown): never => {
    const r = decodeRevert(cause);
    throw new InputRejectedError('the chain rejected the input', { details: r ? `${r.errorName}(${r.args.join(', ')})` : cause instanceof Error ? cause.message.split('\n')[0] : String(cause), cause });
  };
  let hash: Hash;
  if (input.mode === 'calldata') {
    try {
      const { request } = await client.publicClient.simulateContract({ account: wallet.account, address: orchestrator, abi: e3OrchestratorAbi, functionName: 'publishInput', args: [input.e3Id, input.data] });
      hash = await wallet.writeContract(request);
    } catch (cause) {
      return reject(cause);
    }
  } else {
    const blobs = input.blobs;
    if (!blobs?.length) throw new ConfigurationError('a blob input without blobs');
    // Simulated first, with the versioned hashes in the call context (blobhash works in eth_call).
    try {
      const call = {
        from: wallet.account.address,
        to: orchestrator,
        data: encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'publishInput', args: [input.e3Id, input.data] }),
        blobVersionedHashes: blobs.map((b) => b.versionedHash),
        maxFeePerBlobGas: toHex(1n << 40n),
      };
      await client.publicClient.request({ method: 'eth_call', params: [call, 'latest'] } as never);
    } catch (cause) {
      return reject(cause);
    }
    try {
      const fees = await client.publicClient.estimateFeesPerGas();
      const blobBase = await client.publicClient.getBlobBaseFee();
      hash = await wallet.writeContract({
        address: orchestrator,
        abi: e3OrchestratorAbi,
        functionName: 'publishInput',
        args: [input.e3Id, input.data],
        blobs: blobs.map((b) => b.blob),
        sidecars: blobs.map((b) => ({ blob: b.blob, commitment: b.commitment, proof: b.proof })),
        blobVersionedHashes: blobs.map((b) => b.versionedHash),
        maxFeePerBlobGas: blobBase * 2n + 1n,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
        gas: 5_000_000n,
        type: 'eip4844',
      } as never);
    } catch (cause) {
      return reject(cause);
    }
  }
  const receipt = await client.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new InputRejectedError('the input transaction reverted', { details: hash });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== orchestrator.toLowerCase()) continue;
    try {
      const ev = decodeEventLog({ abi: e3OrchestratorAbi, eventName: 'InputPublished', data: log.data, topics: log.topics });
      return { txHash: hash, index: BigInt(ev.args.index), inputHash: ev.args.inputHash, inputRoot: ev.args.inputRoot, gasUsed: receipt.gasUsed, blobGasUsed: receipt.blobGasUsed };
    } catch {
      /* another event */
    }
  }
  throw new InputRejectedError('the input transaction has no InputPublished event', { details: hash });
}
