/**
 * anvil's clock for `e3 dev`. The chain only moves when a block is mined, and with automine that
 * is only when someone sends a transaction; the protocol, though, waits on blocks (the sortition
 * seed of a future block) and on time (windows and deadlines). So on the local chain the CLI
 * (1) mines an empty block every second (a heartbeat, as a real chain produces blocks), and
 * (2) fast-forwards to the next window once the chain waits only on time: when the key is out it
 * jumps to the input window's opening, and when every input is in, past its close. Only local
 * chains; a real network takes the time it takes.
 */
import { publicFor, testClientFor, type AnvilInstance } from '@interfold/contracts';

export type LocalClock = {
  /** Mines a block whose timestamp is `ts` (unix seconds) if the chain is behind it. */
  warpTo(ts: bigint): Promise<void>;
  /** The latest block's timestamp. */
  now(): Promise<bigint>;
  stop(): void;
};

export function localClock(anvil: AnvilInstance, heartbeatMs = 1000): LocalClock {
  const test = testClientFor(anvil.rpcUrl, anvil.chainId);
  const reader = publicFor(anvil.rpcUrl, anvil.chainId);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    test.mine({ blocks: 1 }).catch(() => {}).finally(() => (busy = false));
  }, heartbeatMs);
  timer.unref();
  const now = async (): Promise<bigint> => (await reader.getBlock({ blockTag: 'latest' })).timestamp;
  return {
    now,
    async warpTo(ts) {
      if ((await now()) >= ts) return;
      await test.setNextBlockTimestamp({ timestamp: ts });
      await test.mine({ blocks: 1 });
    },
    stop: () => clearInterval(timer),
  };
}
