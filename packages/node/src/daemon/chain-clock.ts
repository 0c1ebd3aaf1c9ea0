/**
 * The daemon's clock is the chain's (issue 8 session-3 gap 1): the E3's windows and deadlines are
 * chain time (block timestamps, E3Orchestrator's schedule), and on anvil chain time jumps with
 * `evm_increaseTime` / `setNextBlockTimestamp` while wall time does not. So every `now` the core
 * sees, and every timer, runs on an estimate of chain time: the newest block timestamp observed
 * plus the wall time elapsed since it was observed. Monotonic (a block older than the estimate
 * never turns it back); wall time until the first block is seen.
 */
export class ChainClock {
  private base: { ts: number; wall: number } | undefined;
  private last = 0;

  /** `wall`: the host clock (unix ms); injected for tests. */
  constructor(private readonly wall: () => number = Date.now) {}

  /** Estimated chain time, unix ms. */
  readonly now = (): number => {
    const w = this.wall();
    const est = this.base ? this.base.ts + (w - this.base.wall) : w;
    if (est > this.last) this.last = est;
    return this.last;
  };

  /**
   * A block timestamp (unix seconds) seen on chain. Returns how far (ms) the estimate jumped
   * forward, 0 if it did not (callers re-arm their timers on a jump).
   */
  observe(timestampS: bigint): number {
    const ts = Number(timestampS) * 1000;
    const before = this.now();
    if (this.base === undefined || ts > this.base.ts + (this.wall() - this.base.wall)) this.base = { ts, wall: this.wall() };
    return Math.max(0, this.now() - before);
  }
}
