/**
 * Per-peer inbound budget over a fixed window (issue 8: "inbound limits per peer"): messages and
 * bytes a peer may send us (gossip delivered to us, direct frames, sync requests) per window.
 * Over budget → the data is dropped and counted; the window resets on its own.
 */
import { RateLimitedError } from './errors.js';

export type InboundBudget = { readonly windowMs: number; readonly messages: number; readonly bytes: number };

export class PeerBudgets {
  private readonly used = new Map<string, { start: number; messages: number; bytes: number }>();
  constructor(private readonly budget: InboundBudget, private readonly now: () => number = Date.now) {}

  /** Charge one message of `bytes`; throws RateLimitedError if it would exceed the budget. */
  charge(peer: string, bytes: number): void {
    const t = this.now();
    let u = this.used.get(peer);
    if (!u || t - u.start >= this.budget.windowMs) {
      u = { start: t, messages: 0, bytes: 0 };
      this.used.set(peer, u);
      if (this.used.size > 4096) this.prune(t);
    }
    if (u.messages + 1 > this.budget.messages || u.bytes + bytes > this.budget.bytes) {
      throw new RateLimitedError('Peer over its inbound budget', { details: `${peer}: ${u.messages} messages, ${u.bytes} bytes this window` });
    }
    u.messages++;
    u.bytes += bytes;
  }

  private prune(t: number): void {
    for (const [k, u] of this.used) if (t - u.start >= this.budget.windowMs) this.used.delete(k);
  }
}
