/**
 * Timers on chain time (src/daemon/chain-clock.ts) and idempotent replay of timers
 * (src/daemon/pipeline.ts): a timer whose firing is in the E3's log does not fire again after a
 * restart, one that had not fired yet fires exactly once, and a warp of the chain clock re-arms
 * pending timers. The pipeline runs against a real LevelDB store; the protocol core is a scripted
 * stand-in that schedules a timer on a chain event and answers its firing with a transaction.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex, getAddress, zeroHash } from 'viem';
import type { ChainTxSender } from '../src/chain/index.js';
import { ChainClock } from '../src/daemon/chain-clock.js';
import { NodeEvents } from '../src/daemon/emitter.js';
import { InboundGate } from '../src/daemon/gate.js';
import { decodeInput } from '../src/daemon/input-codec.js';
import { nodeMetrics } from '../src/daemon/metrics.js';
import { Pipeline } from '../src/daemon/pipeline.js';
import { createLogger } from '../src/log/index.js';
import { NodeStore } from '../src/store/index.js';
import type { ChainTx, CoreAction, CoreInput } from '../src/types.js';

describe('chain clock', () => {
  it('wall time until a block is seen, then the newest block timestamp plus elapsed wall time; monotonic', () => {
    let wall = 1_000_000;
    const c = new ChainClock(() => wall);
    assert.equal(c.now(), 1_000_000);
    // anvil after evm_increaseTime: the chain is an hour ahead.
    assert.equal(c.observe(BigInt(1_000 + 3600)), 3_600_000);
    assert.equal(c.now(), 4_600_000);
    wall += 2_500;
    assert.equal(c.now(), 4_602_500);
    // An older block never turns the clock back, and is no jump.
    assert.equal(c.observe(4_601n), 0);
    assert.equal(c.now(), 4_602_500);
    // A chain behind the wall clock: the estimate waits (monotonic) rather than going back.
    const late = new ChainClock(() => wall);
    const t0 = late.now();
    assert.equal(late.observe(BigInt(Math.floor(wall / 1000) - 10)), 0);
    assert.equal(late.now(), t0);
    wall += 11_000;
    assert.ok(late.now() > t0);
  });
});

const E3 = 7n;
const key = new Uint8Array(32).fill(7);
const account = privateKeyToAccount(bytesToHex(key));

/** Scripted core: a chain event schedules `compute` at `at`; the timer's firing returns a `tx`. */
class ScriptedCore {
  readonly timers: number[] = [];
  constructor(private readonly at: number) {}
  handle(input: CoreInput): CoreAction[] {
    if (input.kind === 'chain') return [{ kind: 'schedule', e3Id: E3, name: 'compute', at: this.at }];
    if (input.kind === 'timer' && input.name === 'compute') {
      this.timers.push(input.now);
      const tx: ChainTx = { fn: 'markFailed', e3Id: E3 } as ChainTx;
      return [{ kind: 'tx', e3Id: E3, tx }];
    }
    return [];
  }
}

const chainInput = (now: number): CoreInput =>
  ({ kind: 'chain', now, event: { name: 'E3Failed', e3Id: E3, blockNumber: 1n, logIndex: 0, blockTimestamp: 1n, blockHash: zeroHash } }) as unknown as CoreInput;

async function pipelineOn(store: NodeStore, core: ScriptedCore, clock: () => number, sent: ChainTx[]): Promise<Pipeline> {
  const p = new Pipeline({
    core,
    store,
    account,
    privateKey: key,
    chainId: 31337,
    orchestrator: getAddress('0x00000000000000000000000000000000000000a1'),
    slashingManager: getAddress('0x00000000000000000000000000000000000000a2'),
    gate: new InboundGate({ chainId: 31337, orchestrator: getAddress('0x00000000000000000000000000000000000000a1'), slashingManager: getAddress('0x00000000000000000000000000000000000000a2') }),
    events: new NodeEvents(),
    metrics: nodeMetrics(),
    log: createLogger({ level: 'fatal' }),
    clock,
  });
  const sender: Pick<ChainTxSender, 'send'> = {
    send: async (tx: ChainTx) => {
      sent.push(tx);
      return { status: 'skipped', errorName: 'WrongStage' } as Awaited<ReturnType<ChainTxSender['send']>>;
    },
  };
  p.d.sender = sender as ChainTxSender;
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(f: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(10);
  }
}

async function replayAll(store: NodeStore, p: Pipeline): Promise<number> {
  p.replaying = true;
  let n = 0;
  for await (const e of store.log.iterate(E3)) {
    await p.replay(decodeInput(e.bytes));
    n++;
  }
  await p.finishReplay();
  return n;
}

describe('timers across a restart', () => {
  it('a timer that fired before the restart does not fire again; its log entry replays once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'timers-'));
    const clock = () => Date.now();
    let store = await NodeStore.open(dir, { masterKey: new Uint8Array(32) });
    const sent: ChainTx[] = [];
    const core1 = new ScriptedCore(Date.now() + 20);
    const p1 = await pipelineOn(store, core1, clock, sent);
    await p1.feed(E3, chainInput(clock()));
    await until(() => core1.timers.length === 1);
    await p1.drain();
    p1.close();
    await store.close();

    // Restart: a fresh core and pipeline replay the log (chain event, then the timer's firing).
    store = await NodeStore.open(dir, { masterKey: new Uint8Array(32) });
    const core2 = new ScriptedCore(Date.now() + 20);
    const p2 = await pipelineOn(store, core2, clock, sent);
    assert.equal(await replayAll(store, p2), 2);
    assert.equal(core2.timers.length, 1, 'the logged firing is replayed');
    await sleep(300);
    await p2.drain();
    assert.equal(core2.timers.length, 1, 'and the timer is not armed again');
    assert.equal(await store.log.length(E3), 2, 'nothing new logged');
    p2.close();
    await store.close();
  });

  it('a timer scheduled but not fired before the restart fires exactly once after the replay', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'timers-'));
    const clock = () => Date.now();
    let store = await NodeStore.open(dir, { masterKey: new Uint8Array(32) });
    const sent: ChainTx[] = [];
    const core1 = new ScriptedCore(Date.now() + 60_000);
    const p1 = await pipelineOn(store, core1, clock, sent);
    await p1.feed(E3, chainInput(clock()));
    p1.close(); // killed before the timer is due
    await store.close();

    store = await NodeStore.open(dir, { masterKey: new Uint8Array(32) });
    const core2 = new ScriptedCore(Date.now() + 50);
    const p2 = await pipelineOn(store, core2, clock, sent);
    await replayAll(store, p2);
    await until(() => core2.timers.length === 1);
    await sleep(200);
    await p2.drain();
    assert.equal(core2.timers.length, 1);
    assert.equal(sent.length, 1);
    assert.equal(await store.log.length(E3), 2);
    p2.close();
    await store.close();
  });

  it('a jump of the chain clock (a warp) re-arms pending timers against the new time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'timers-'));
    const store = await NodeStore.open(dir, { masterKey: new Uint8Array(32) });
    const clk = new ChainClock(Date.now);
    const due = Date.now() + 3_600_000; // an hour of chain time away
    const core = new ScriptedCore(due);
    const p = await pipelineOn(store, core, clk.now, []);
    await p.feed(E3, chainInput(clk.now()));
    await sleep(100);
    assert.equal(core.timers.length, 0);
    assert.ok(clk.observe(BigInt(Math.ceil(due / 1000))) > 0);
    p.retime();
    await until(() => core.timers.length === 1);
    assert.ok(core.timers[0] >= due, 'fed with the chain time');
    p.close();
    await store.close();
  });
});
