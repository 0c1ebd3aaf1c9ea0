/**
 * The chain adapter on a real anvil: the watcher's backfill, cursor, restart and reorg rewind;
 * the transaction sender's expected and unexpected reverts; the sortition duty of three nodes
 * forming a committee by themselves; operator registration.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { keccak256, parseEther, stringToHex } from 'viem';
import {
  startAnvil,
  deployInterfold,
  fundOperators,
  walletFor,
  publicFor,
  testClientFor,
  devAccount,
  confirm,
  e3OrchestratorAbi,
  testTokenAbi,
  type AnvilInstance,
  type Deployment,
  type Signer,
} from '@interfold/contracts';
import {
  ChainTxSender,
  ChainWatcher,
  MemoryCursorStore,
  RegistrationError,
  SortitionDuty,
  TxRevertedError,
  eventKey,
  registerOperator,
} from '../src/chain/index.js';
import type { ChainEvent } from '../src/types.js';

const PARAM_SET = keccak256(stringToHex('INSECURE_TEST_PARAMS_V1'));

describe('chain adapter on anvil', () => {
  let anvil: AnvilInstance;
  let d: Deployment;
  let deployer: Signer;
  let requester: Signer;
  const ops: Signer[] = [];
  const pub = () => publicFor(anvil.rpcUrl, anvil.chainId);
  const test = () => testClientFor(anvil.rpcUrl, anvil.chainId);

  before(async () => {
    anvil = await startAnvil({ accounts: 12 });
    deployer = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(0));
    requester = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(2));
    d = await deployInterfold({ deployer, treasury: devAccount(1).address, config: { paramSets: [PARAM_SET] }, devProgram: true, quorumVerifierForInputs: true });
    for (let i = 0; i < 4; i++) ops.push(walletFor(anvil.rpcUrl, anvil.chainId, devAccount(5 + i)));
    await fundOperators(d, deployer, ops.map((signer, i) => ({ signer, funding: { bond: parseEther('100'), tickets: BigInt(2 + i) } })));
    await confirm(requester, await deployer.writeContract({ address: d.contracts.feeToken, abi: testTokenAbi, functionName: 'mint', args: [requester.account.address, parseEther('1000')] }));
    await confirm(requester, await requester.writeContract({ address: d.contracts.feeToken, abi: testTokenAbi, functionName: 'approve', args: [d.contracts.orchestrator, parseEther('1000')] }));
  });
  after(async () => {
    await anvil?.stop();
  });

  async function request(n = 3, t = 1, sortitionWindow = 20n): Promise<bigint> {
    const now = (await pub().getBlock()).timestamp;
    const params = {
      programId: d.devProgramId!,
      paramSet: PARAM_SET,
      committeeSize: n,
      threshold: t,
      inputStart: now + sortitionWindow + 200n,
      inputEnd: now + sortitionWindow + 300n,
      sortitionWindow,
      dkgWindow: 100n,
      computeWindow: 100n,
      decryptionWindow: 100n,
      computeProvider: requester.account.address,
      pkVerifier: d.contracts.quorumVerifier,
      inputVerifier: d.contracts.quorumVerifier,
      decryptionVerifier: d.contracts.quorumVerifier,
      fee: parseEther('2'),
    };
    await confirm(requester, await requester.writeContract({ address: d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'request', args: [params] }));
    return pub().readContract({ address: d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
  }

  function watcher(cursor: MemoryCursorStore, seen: ChainEvent[], batchSize = 3) {
    return new ChainWatcher({
      client: pub(),
      orchestrator: d.contracts.orchestrator,
      fromBlock: d.startBlock,
      cursor,
      batchSize,
      reorgDepth: 16,
      onEvents: async (evs) => {
        seen.push(...evs);
      },
    });
  }

  it('backfills in bounded ranges, decodes typed events, resumes from its cursor without repeats', async () => {
    const cursor = new MemoryCursorStore();
    const seen: ChainEvent[] = [];
    const a = await request();
    const w1 = watcher(cursor, seen);
    await w1.init();
    await w1.pollOnce();
    const req = seen.find((e) => e.name === 'E3Requested' && e.e3Id === a);
    assert.ok(req && req.name === 'E3Requested');
    assert.equal(req.params.committeeSize, 3);
    assert.equal(req.requester, requester.account.address);
    assert.equal(typeof req.schedule.seedBlock, 'bigint');
    assert.ok(req.blockHash && req.blockTimestamp > 0n);
    assert.equal(w1.lag, 0n);
    // A second watcher on the same cursor (a restart) sees only what came after.
    const b = await request();
    const seen2: ChainEvent[] = [];
    const w2 = watcher(cursor, seen2);
    await w2.init();
    await w2.pollOnce();
    assert.deepEqual(seen2.map((e) => (e.name === 'E3Requested' ? e.e3Id : -1n)), [b]);
    const keys = new Set([...seen, ...seen2].map(eventKey));
    assert.equal(keys.size, seen.length + seen2.length);
  });

  it('rewinds on a reorg and delivers the new branch; unchanged blocks are not re-delivered', async () => {
    const cursor = new MemoryCursorStore();
    const seen: ChainEvent[] = [];
    const w = watcher(cursor, seen, 100);
    await w.init();
    await w.pollOnce();
    const base = seen.length;
    const snap = await test().snapshot();
    const x = await request(3, 1);
    await test().mine({ blocks: 2 });
    await w.pollOnce();
    const onOld = seen.slice(base).filter((e) => e.name === 'E3Requested');
    assert.equal(onOld.length, 1);
    // The branch with E3 x is dropped; another branch (different request) replaces it.
    await test().revert({ id: snap });
    await test().mine({ blocks: 1 });
    const y = await request(4, 2);
    assert.equal(y, x, 'same e3Id on the new branch, different content');
    await test().mine({ blocks: 3 });
    let rewound: bigint | undefined;
    const w2 = new ChainWatcher({
      client: pub(), orchestrator: d.contracts.orchestrator, fromBlock: d.startBlock, cursor, batchSize: 100, reorgDepth: 16,
      onEvents: async (evs) => {
        seen.push(...evs);
      },
      onReorg: (to) => {
        rewound = to;
      },
    });
    await w2.init();
    await w2.pollOnce();
    assert.ok(rewound !== undefined, 'reorg detected');
    const onNew = seen.slice(base).filter((e) => e.name === 'E3Requested');
    assert.equal(onNew.length, 2);
    const last = onNew[1];
    assert.ok(last.name === 'E3Requested');
    assert.equal(last.params.committeeSize, 4, 'the new branch was delivered');
    assert.notEqual(eventKey(last), eventKey(onNew[0]));
  });

  it('the sender skips expected reverts, decodes unexpected ones, records gas', async () => {
    const gas: string[] = [];
    const sender = new ChainTxSender({
      wallet: ops[0], client: pub(), orchestrator: d.contracts.orchestrator, slashingManager: d.contracts.slashingManager,
      onGas: (fn) => gas.push(fn),
    });
    const id = await request();
    const early = await sender.send({ fn: 'fixSeed', e3Id: id });
    assert.deepEqual(early, { status: 'skipped', fn: 'fixSeed', errorName: 'SeedNotYetAvailable' });
    await assert.rejects(sender.send({ fn: 'markFailed', e3Id: 10_000n }), (e: unknown) => e instanceof TxRevertedError && e.errorName === 'UnknownE3');
    await test().mine({ blocks: 1 });
    const [r1, r2] = await Promise.all([sender.send({ fn: 'fixSeed', e3Id: id }), sender.send({ fn: 'fixSeed', e3Id: id })]);
    assert.equal(r1.status, 'mined');
    assert.equal(r2.status, 'mined', 'idempotent: a second fixSeed is a no-op, local nonces in order');
    assert.deepEqual(gas, ['fixSeed', 'fixSeed']);
    const fin = await sender.send({ fn: 'finalizeCommittee', e3Id: id });
    assert.deepEqual(fin, { status: 'skipped', fn: 'finalizeCommittee', errorName: 'SortitionStillOpen' });
  });

  it('three sortition duties form the committee by themselves (fixSeed, tickets, finalize)', async () => {
    const n = 3;
    const id = await request(n, 1, 8n);
    const duties = ops.map(
      (signer) =>
        new SortitionDuty({
          self: signer.account.address,
          client: pub(),
          sender: new ChainTxSender({ wallet: signer, client: pub(), orchestrator: d.contracts.orchestrator, slashingManager: d.contracts.slashingManager }),
          orchestrator: d.contracts.orchestrator,
          operatorRegistry: d.contracts.operatorRegistry,
        }),
    );
    const events: ChainEvent[] = [];
    const w = new ChainWatcher({
      client: pub(), orchestrator: d.contracts.orchestrator, fromBlock: d.startBlock, cursor: new MemoryCursorStore(),
      onEvents: async (evs) => {
        events.push(...evs);
        for (const ev of evs) for (const du of duties) du.onEvent(ev);
      },
      onHead: (head) => {
        for (const du of duties) du.onHead(head);
      },
    });
    await w.init();
    let finalized: ChainEvent | undefined;
    for (let round = 0; round < 60 && finalized === undefined; round++) {
      await w.pollOnce();
      for (const du of duties) await du.drain();
      finalized = events.find((e) => e.name === 'CommitteeFinalized' && e.e3Id === id);
      if (finalized === undefined) {
        // Chain time moves one block (2 s) at a time, as on a chain with a block time.
        const ts = (await pub().getBlock()).timestamp;
        await test().setNextBlockTimestamp({ timestamp: ts + 2n });
        await test().mine({ blocks: 1 });
      }
    }
    assert.ok(finalized && finalized.name === 'CommitteeFinalized', 'committee finalised by the duties');
    assert.equal(finalized.members.length, n);
    const fixes = events.filter((e) => e.name === 'SeedFixed' && e.e3Id === id);
    assert.equal(fixes.length, 1);
    const submitted = events.filter((e) => e.name === 'TicketSubmitted' && e.e3Id === id).map((e) => (e.name === 'TicketSubmitted' ? e.node : ''));
    for (const m of finalized.members) assert.ok(submitted.includes(m));
  });

  it('registerOperator approves, registers, bonds and buys tickets; a rerun sends nothing; no tokens is a typed error', async () => {
    const s = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(10));
    const opts = { wallet: s, client: pub(), operatorRegistry: d.contracts.operatorRegistry, bond: parseEther('100'), tickets: 3n };
    await assert.rejects(registerOperator(opts), RegistrationError);
    const need = parseEther('100') + 3n * d.config.ticketPrice;
    await confirm(deployer, await deployer.writeContract({ address: d.contracts.bondToken, abi: testTokenAbi, functionName: 'mint', args: [s.account.address, need] }));
    const r = await registerOperator(opts);
    assert.equal(r.active, true);
    assert.equal(r.bond, parseEther('100'));
    assert.equal(r.tickets, 3n);
    assert.equal(r.transactions.length, 4); // approve, register, addBond, addTickets
    const again = await registerOperator(opts);
    assert.equal(again.transactions.length, 0);
    const other = walletFor(anvil.rpcUrl, anvil.chainId, devAccount(11));
    await assert.rejects(registerOperator({ ...opts, wallet: other, bond: 1n }), RegistrationError); // below minBond
  });
});
