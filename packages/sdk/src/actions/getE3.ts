/** getE3: the E3's on-chain record (stage, committee size, verifiers, schedule, commitments). */
import { decodeRevert, e3OrchestratorAbi, Stage, FailureReason } from '@interfold/contracts';
import type { ContractFunctionReturnType } from 'viem';
import type { E3ClientBase } from '../client.js';
import { E3NotFoundError } from '../errors.js';

export type E3Record = ContractFunctionReturnType<typeof e3OrchestratorAbi, 'view', 'getE3'>;

const stageNames = Object.fromEntries(Object.entries(Stage).map(([k, v]) => [v, k])) as Record<number, keyof typeof Stage>;
const failureNames = Object.fromEntries(Object.entries(FailureReason).map(([k, v]) => [v, k])) as Record<number, keyof typeof FailureReason>;

export type E3View = E3Record & { e3Id: bigint; stageName: keyof typeof Stage; failureName: keyof typeof FailureReason };

export type GetE3Parameters = { e3Id: bigint; blockNumber?: bigint };

export async function getE3(client: E3ClientBase, { e3Id, blockNumber }: GetE3Parameters): Promise<E3View> {
  let e: E3Record;
  try {
    e = await client.publicClient.readContract({
      address: client.deployment.contracts.orchestrator,
      abi: e3OrchestratorAbi,
      functionName: 'getE3',
      args: [e3Id],
      ...(blockNumber === undefined ? {} : { blockNumber }),
    });
  } catch (cause) {
    if (decodeRevert(cause)?.errorName === 'UnknownE3') throw new E3NotFoundError('no such E3', { details: `e3Id ${e3Id} on ${client.deployment.contracts.orchestrator}`, cause });
    throw cause;
  }
  if (e.stage === Stage.None) throw new E3NotFoundError('no such E3', { details: `e3Id ${e3Id} on ${client.deployment.contracts.orchestrator}` });
  return { ...e, e3Id, stageName: stageNames[e.stage] ?? 'None', failureName: failureNames[e.failure] ?? 'None' };
}
