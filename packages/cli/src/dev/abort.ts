/** Cancellation for long waits: SIGINT aborts `signal`, and whatever is awaited rejects at once. */
import { InterruptedError } from '../errors.js';

export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new InterruptedError('interrupted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(new InterruptedError(`interrupted by ${(signal.reason as Error | undefined)?.message ?? 'a signal'}`, { details: 'everything this command started has been stopped' }));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Async disposers run in reverse order; each runs once, errors collected, never thrown mid-way. */
export class Cleanup {
  private readonly steps: { name: string; fn: () => Promise<void> }[] = [];
  add(name: string, fn: () => Promise<void>): void {
    this.steps.push({ name, fn });
  }
  async run(): Promise<string[]> {
    const errors: string[] = [];
    while (this.steps.length > 0) {
      const s = this.steps.pop()!;
      try {
        await s.fn();
      } catch (e) {
        errors.push(`${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return errors;
  }
}
