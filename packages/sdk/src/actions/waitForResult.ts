/** waitForResult: follows the E3 (watchE3) until it completes, then getResult; a failure or the timeout is an error. */
import { Stage } from '@interfold/contracts';
import type { E3ClientBase } from '../client.js';
import { StageError, WaitTimeoutError } from '../errors.js';
import { getResult, type GetResultReturnType } from './getResult.js';
import type { E3View } from './getE3.js';
import { watchE3 } from './watchE3.js';

export type WaitForResultParameters = { e3Id: bigint; timeoutMs?: number; onStage?: (e3: E3View) => void; signal?: AbortSignal };

export async function waitForResult(client: E3ClientBase, p: WaitForResultParameters): Promise<GetResultReturnType> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), p.timeoutMs ?? 600_000);
  const onAbort = () => ctl.abort();
  p.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let last: E3View | undefined;
    for await (const e of watchE3(client, { e3Id: p.e3Id, signal: ctl.signal, ...(p.onStage ? { onStage: p.onStage } : {}) })) last = e;
    if (last?.stage === Stage.Complete) return await getResult(client, { e3Id: p.e3Id, settleMs: 5_000 });
    if (last?.stage === Stage.Failed) throw new StageError('the E3 failed', { details: `failure ${last.failureName}` });
    throw new WaitTimeoutError('no result before the timeout', { details: `e3Id ${p.e3Id}, last stage ${last?.stageName ?? 'unknown'}` });
  } finally {
    clearTimeout(timer);
    p.signal?.removeEventListener('abort', onAbort);
  }
}
