/**
 * getResult: the E3's plaintext output, checked against what the chain verified: the bytes of
 * the PlaintextOutputPublished event must hash to the plaintextHash the orchestrator stored when
 * its decryption verifier accepted them. Decodes the standard layout abi.encode(bytes32[] words)
 * (coefficient i of the plaintext as word i, trailing zeros dropped).
 */
import { decodeAbiParameters, keccak256, type Hex } from 'viem';
import { e3OrchestratorAbi, Stage } from '@interfold/contracts';
import type { E3ClientBase } from '../client.js';
import { ResultError, StageError } from '../errors.js';
import { getE3, type E3View } from './getE3.js';

export type GetResultParameters = {
  e3Id: bigint;
  /**
   * When the caller already saw the E3 Complete (watchE3), the chain's "latest" read may lag it
   * for a moment (anvil can answer a read at "latest" from state and block of different heights
   * while it mines: foundry-rs/foundry#16368): retry a not-yet-complete read for up to this many ms.
   * Default 0 (one read).
   */
  settleMs?: number;
};
export type GetResultReturnType = { plaintext: Hex; words: bigint[] | undefined; e3: E3View; blockNumber: bigint };

export function decodePlaintextWords(plaintext: Hex): bigint[] | undefined {
  try {
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], plaintext);
    return words.map((w) => BigInt(w));
  } catch {
    return undefined;
  }
}

export async function getResult(client: E3ClientBase, { e3Id, settleMs = 0 }: GetResultParameters): Promise<GetResultReturnType> {
  const until = Date.now() + settleMs;
  // One block for both reads: the record and the event come from the same chain state.
  let blockNumber = await client.publicClient.getBlockNumber({ cacheTime: 0 });
  let e3 = await getE3(client, { e3Id, blockNumber });
  while (e3.stage !== Stage.Complete && e3.stage !== Stage.Failed && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    blockNumber = await client.publicClient.getBlockNumber({ cacheTime: 0 });
    e3 = await getE3(client, { e3Id, blockNumber });
  }
  if (e3.stage === Stage.Failed) throw new StageError('the E3 failed: there is no result', { details: `failure ${e3.failureName}` });
  if (e3.stage !== Stage.Complete) throw new StageError('the E3 is not complete yet', { details: `stage ${e3.stageName}` });
  const published = (toBlock: bigint) =>
    client.publicClient.getContractEvents({
      address: client.deployment.contracts.orchestrator,
      abi: e3OrchestratorAbi,
      eventName: 'PlaintextOutputPublished',
      args: { e3Id },
      fromBlock: client.deployment.startBlock,
      toBlock,
    });
  let logs = await published(blockNumber);
  // The same lag the other way: the state read at `blockNumber` may already show the block that
  // carries the event while the logs up to `blockNumber` do not have it yet. Within settleMs, read
  // again at a newer block.
  while (logs.length === 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    blockNumber = await client.publicClient.getBlockNumber({ cacheTime: 0 });
    e3 = await getE3(client, { e3Id, blockNumber });
    logs = await published(blockNumber);
  }
  const log = logs[logs.length - 1];
  const plaintext = log?.args.plaintext;
  if (!log || plaintext === undefined) throw new ResultError('no PlaintextOutputPublished event for a complete E3', { details: `e3Id ${e3Id}` });
  if (keccak256(plaintext) !== e3.plaintextHash) {
    throw new ResultError('the published plaintext is not what the chain verified', { details: `${keccak256(plaintext)} != ${e3.plaintextHash}` });
  }
  return { plaintext, words: decodePlaintextWords(plaintext), e3, blockNumber: log.blockNumber! };
}
