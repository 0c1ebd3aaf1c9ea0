/** `e3 status`: reads one E3's on-chain state (stage, committee, schedule, inputs, outputs). */
import { e3OrchestratorAbi, FailureReason, Stage } from '@interfold/contracts';
import type { Io } from '../args.js';
import { connect, type ChainContext } from '../context.js';
import { parseE3Id } from '../options.js';
import { UsageError } from '../errors.js';
import { jsonText } from '../json.js';

const stageName = (s: number): string => Object.entries(Stage).find(([, v]) => v === s)?.[0] ?? `Stage(${s})`;
const failureName = (s: number): string => Object.entries(FailureReason).find(([, v]) => v === s)?.[0] ?? `Reason(${s})`;

export async function readE3(ctx: ChainContext, e3Id: bigint) {
  const orchestrator = ctx.deployment.contracts.orchestrator;
  const count = await ctx.client.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
  if (e3Id < 1n || e3Id > count) {
    throw new UsageError(`no E3 ${e3Id} on this deployment`, { details: `E3 ids run 1..${count}`, hint: 'check --e3-id and --deployment' });
  }
  const [e3, committee] = await Promise.all([
    ctx.client.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] }),
    ctx.client.readContract({ address: orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] }),
  ]);
  return { e3, committee, count };
}

export async function latestE3(ctx: ChainContext): Promise<bigint> {
  const count = await ctx.client.readContract({ address: ctx.deployment.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
  if (count === 0n) throw new UsageError('this deployment has no E3 yet', { hint: 'request one with `e3 request`' });
  return count;
}

export async function statusAction(v: { 'e3-id'?: string; json: boolean; 'rpc-url'?: string; deployment: string }, io: Io): Promise<number> {
    const ctx = await connect(v);
    const id = parseE3Id(v['e3-id']) ?? (await latestE3(ctx));
    const { e3, committee } = await readE3(ctx, id);
    const out = {
      e3Id: id,
      stage: stageName(e3.stage),
      failure: e3.stage === Stage.Failed ? failureName(e3.failure) : null,
      requester: e3.requester,
      programId: e3.programId,
      paramSet: e3.paramSet,
      committeeSize: e3.committeeSize,
      threshold: e3.threshold,
      committee,
      inputCount: e3.inputCount,
      schedule: e3.schedule,
      pkCommitment: e3.pkCommitment,
      inputRoot: e3.inputRoot,
      ciphertextCommitment: e3.ciphertextCommitment,
      plaintextHash: e3.plaintextHash,
      fee: e3.fee,
    };
    if (v.json) io.stdout.write(jsonText(out) + '\n');
    else {
      // Chain time, not the wall clock: a local chain may have been fast-forwarded (e3 dev).
      const now = (await ctx.client.getBlock({ blockTag: 'latest' })).timestamp;
      const when = (t: bigint): string => (t > now ? `in ${t - now} s` : `${now - t} s ago`);
      io.stdout.write(
        [
          `E3 ${id}: ${out.stage}${out.failure ? ` (${out.failure})` : ''}`,
          `  committee      ${e3.committeeSize} members, threshold ${e3.threshold}${committee.length > 0 ? `: ${committee.join(', ')}` : ' (not selected yet)'}`,
          `  program        ${e3.programId}   parameter set ${e3.paramSet}`,
          `  inputs         ${e3.inputCount} accepted, window ${when(e3.schedule.inputStart)} → ${when(e3.schedule.inputEnd)}`,
          `  deadlines      key ${when(e3.schedule.keyDeadline)}, compute ${when(e3.schedule.computeDeadline)}, decryption ${when(e3.schedule.decryptionDeadline)}`,
          `  pk commitment  ${e3.pkCommitment}`,
          `  plaintext hash ${e3.plaintextHash}`,
          '',
        ].join('\n'),
      );
    }
    return e3.stage === Stage.Failed ? 6 : 0;
}
