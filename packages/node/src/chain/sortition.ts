/**
 * The sortition duty of one node (SYSTEM.md §3 step 2; contracts/E3Sortition.sol). For every
 * requested E3: once the block before the seed block is mined, send fixSeed (the seed is the
 * prevrandao of the block it lands in; every node sends it, the first wins, the rest are no-ops);
 * when the seed is fixed, compute this node's best ticket from its stake at the request block
 * (`bestTicket`, the contract's twin) and submit it if it beats the worst kept score (or the pool
 * is not full); after the sortition deadline (chain time), finalise the committee. Any node may
 * finalise: the first wins and the others' WrongStage reverts are expected.
 */
import { bestTicket, e3OrchestratorAbi, operatorRegistryAbi } from '@interfold/contracts';
import type { Address, Hex, PublicClient } from 'viem';
import type { ChainEvent, Schedule } from '../types.js';
import type { ChainTxSender, TxOutcome } from './tx.js';
import type { ChainHead } from './watcher.js';

type Tracked = {
  readonly e3Id: bigint;
  readonly n: number;
  readonly schedule: Schedule;
  seed?: Hex;
  /** Head number at which fixSeed was last sent (resent on a later block if still unfixed). */
  fixSentAt?: bigint;
  ticket: 'none' | 'sending' | 'done';
  finalize: 'none' | 'sending' | 'done';
};

export type SortitionEvents = {
  /** A decision worth a log line (submitted, not competitive, no stake...). */
  readonly onNote?: (e3Id: bigint, note: string, fields?: Record<string, unknown>) => void;
  readonly onError?: (e3Id: bigint, error: unknown) => void;
};

export type SortitionDutyOptions = SortitionEvents & {
  readonly self: Address;
  readonly client: PublicClient;
  readonly sender: Pick<ChainTxSender, 'send'>;
  readonly orchestrator: Address;
  readonly operatorRegistry: Address;
};

export class SortitionDuty {
  private readonly e3s = new Map<bigint, Tracked>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly o: SortitionDutyOptions) {}

  /** E3s still in sortition (for /status). */
  get active(): readonly bigint[] {
    return [...this.e3s.keys()];
  }

  onEvent(ev: ChainEvent): void {
    switch (ev.name) {
      case 'E3Requested':
        if (!this.e3s.has(ev.e3Id)) {
          this.e3s.set(ev.e3Id, { e3Id: ev.e3Id, n: ev.params.committeeSize, schedule: ev.schedule, ticket: 'none', finalize: 'none' });
        }
        return;
      case 'SeedFixed': {
        const t = this.e3s.get(ev.e3Id);
        if (t === undefined) return;
        t.seed = ev.seed;
        if (t.ticket === 'none') this.track(this.submitTicket(t));
        return;
      }
      case 'CommitteeFinalized':
      case 'E3Failed':
        this.e3s.delete(ev.e3Id);
        return;
      default:
        return;
    }
  }

  onHead(head: ChainHead): void {
    for (const t of this.e3s.values()) {
      // The tx lands in head + 1 or later: send from the block before the seed block on.
      if (t.seed === undefined && head.number + 1n >= t.schedule.seedBlock && t.fixSentAt !== head.number) {
        if (t.fixSentAt === undefined || head.number > t.fixSentAt + 1n) {
          t.fixSentAt = head.number;
          this.track(this.o.sender.send({ fn: 'fixSeed', e3Id: t.e3Id }).then((r) => this.note(t.e3Id, r)));
        }
      }
      if (t.finalize === 'none' && t.seed !== undefined && head.timestamp > t.schedule.sortitionDeadline) {
        t.finalize = 'sending';
        this.track(
          this.o.sender.send({ fn: 'finalizeCommittee', e3Id: t.e3Id }).then((r) => {
            this.note(t.e3Id, r);
            // "Still open" by a clock skew or "not enough tickets yet" (none will come now): retry
            // on a later head only in the first case.
            t.finalize = r.status === 'skipped' && r.errorName === 'SortitionStillOpen' ? 'none' : 'done';
          }),
        );
      }
    }
  }

  /** Waits for every transaction in flight (close, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  private note(e3Id: bigint, r: TxOutcome): void {
    if (r.status === 'mined') this.o.onNote?.(e3Id, `${r.fn} mined`, { hash: r.hash, gasUsed: r.gasUsed.toString() });
    else this.o.onNote?.(e3Id, `${r.fn} skipped`, { reason: r.errorName });
  }

  private async submitTicket(t: Tracked): Promise<void> {
    if (t.seed === undefined) return;
    t.ticket = 'sending';
    try {
      const { client, self } = this.o;
      const tickets = await client.readContract({
        address: this.o.operatorRegistry,
        abi: operatorRegistryAbi,
        functionName: 'ticketsAt',
        args: [self, t.schedule.requestBlock],
      });
      const best = bestTicket(self, BigInt(tickets), t.e3Id, t.seed);
      if (best === undefined) {
        this.o.onNote?.(t.e3Id, 'no stake at the request block: no ticket');
        t.ticket = 'done';
        return;
      }
      const [nodes, scores] = await client.readContract({ address: this.o.orchestrator, abi: e3OrchestratorAbi, functionName: 'sortitionPool', args: [t.e3Id] });
      if (nodes.length >= t.n && BigInt(best.score) >= BigInt(scores[scores.length - 1])) {
        this.o.onNote?.(t.e3Id, 'ticket not competitive: not submitted', { score: best.score });
        t.ticket = 'done';
        return;
      }
      const r = await this.o.sender.send({ fn: 'submitTicket', e3Id: t.e3Id, ticket: best.ticket });
      this.note(t.e3Id, r);
      t.ticket = 'done';
    } catch (e) {
      t.ticket = 'none'; // retried on the next SeedFixed replay or never: surfaced to the log
      this.o.onError?.(t.e3Id, e);
    }
  }
}
