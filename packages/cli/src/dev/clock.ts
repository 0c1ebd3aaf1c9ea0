/**
 * anvil's clock for `e3 dev`. The chain only moves when a block is mined, and with automine that
 * is only when someone sends a transaction; the protocol, though, waits on blocks (the sortition
 * seed of a future block) and on time (windows and deadlines). So on the local chain the CLI
 * (1) mines an empty block every second (a heartbeat, as a real chain produces blocks), and
 * (2) fast-forwards once the chain waits only on time or on empty blocks: to the sortition seed
 * block right after the request, past the sortition window once every operator's ticket is in
 * (sortition.ts), to the input window's opening when the key is out, and past its close when
 * every input is in. Deadlines still hold on chain: the clock only skips idle time. Only local
 * chains; a real network takes the time it takes.
 */
import { publicFor, testClientFor, type AnvilInstance } from '@interfold/contracts';

export type LocalClock = {
  /** Mines a block whose timestamp is `ts` (unix seconds) if the chain is behind it. */
  warpTo(ts: bigint): Promise<void>;
  /** Mines empty blocks at once until the chain reaches block `block` (no wait on the heartbeat). */
  mineTo(block: bigint): Promise<void>;
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
    async mineTo(block) {
      const n = await reader.getBlockNumber({ cacheTime: 0 });
      if (n < block) await test.mine({ blocks: Number(block - n) });
    },
    async warpTo(ts) {
      if ((await now()) >= ts) return;
      await test.setNextBlockTimestamp({ timestamp: ts });
      await test.mine({ blocks: 1 });
    },
    stop: () => clearInterval(timer),
  };
}
