/**
 * watchE3: the E3's stage changes, as callbacks (`onStage`) and as an async iterator
 * (`for await (const e of watchE3(client, { e3Id }))`). Polls getE3 (every `pollingInterval`);
 * the current stage is reported first; the watch ends after Complete or Failed, on `unwatch()`,
 * or when `signal` aborts. RPC errors go to `onError` (callbacks) or end the iterator with them.
 */
import { Stage } from '@interfold/contracts';
import type { E3ClientBase } from '../client.js';
import { getE3, type E3View } from './getE3.js';

export type WatchE3Parameters = {
  e3Id: bigint;
  onStage?: (e3: E3View) => void;
  onError?: (error: unknown) => void;
  pollingInterval?: number;
  signal?: AbortSignal;
};

export type E3Watch = AsyncIterable<E3View> & { unwatch(): void; done: Promise<void> };

const isFinal = (s: number) => s === Stage.Complete || s === Stage.Failed;

export function watchE3(client: E3ClientBase, p: WatchE3Parameters): E3Watch {
  const queue: E3View[] = [];
  let waiting: ((v: void) => void) | undefined;
  let stopped = false;
  let failure: unknown;
  let last = -1;
  const wake = () => {
    waiting?.();
    waiting = undefined;
  };
  const stop = () => {
    stopped = true;
    wake();
  };
  p.signal?.addEventListener('abort', stop, { once: true });
  const interval = p.pollingInterval ?? client.pollingInterval;
  const done = (async () => {
    while (!stopped) {
      try {
        const e = await getE3(client, { e3Id: p.e3Id });
        if (e.stage !== last) {
          last = e.stage;
          queue.push(e);
          p.onStage?.(e);
          wake();
          if (isFinal(e.stage)) break;
        }
      } catch (e) {
        if (p.onError) p.onError(e);
        else {
          failure = e;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, interval));
    }
    stopped = true;
    wake();
  })();
  return {
    unwatch: stop,
    done,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        if (stopped) {
          if (failure !== undefined) throw failure;
          return;
        }
        await new Promise<void>((r) => (waiting = r));
      }
    },
  };
}
