/**
 * Closes the sortition window early on the local chain, once it can change nothing: every
 * operator of the dev network has a ticket in (spec 001 step 2: the committee is the n best
 * tickets; with exactly n operators, n submitted tickets are the whole pool). The chain still
 * enforces the deadline — the clock jumps past it, and a daemon then finalizes the committee —
 * so this only removes the idle wait, never a protocol step.
 */
import { e3OrchestratorAbi, type Deployment, type Signer } from '@interfold/contracts';
import type { LocalClock } from './clock.js';

export type SortitionWarp = {
  /** Resolves when the clock was moved (true) or the watch ended without moving it (false). */
  readonly done: Promise<boolean>;
  stop(): void;
};

export function warpWhenTicketsIn(
  reader: Signer,
  deployment: Deployment,
  clock: LocalClock,
  o: { e3Id: bigint; operators: number; sortitionDeadline: bigint; fromBlock: bigint; pollMs?: number },
): SortitionWarp {
  let stopped = false;
  const done = (async (): Promise<boolean> => {
    while (!stopped) {
      const logs = await reader.getContractEvents({
        address: deployment.contracts.orchestrator,
        abi: e3OrchestratorAbi,
        eventName: 'TicketSubmitted',
        args: { e3Id: o.e3Id },
        fromBlock: o.fromBlock,
        toBlock: 'latest',
      });
      const nodes = new Set(logs.map((l) => l.args.node?.toLowerCase()));
      if (nodes.size >= o.operators) {
        await clock.warpTo(o.sortitionDeadline + 1n);
        return true;
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
    }
    return false;
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
