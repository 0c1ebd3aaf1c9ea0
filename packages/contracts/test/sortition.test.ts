import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from 'viem';
import {
  bestTicket,
  e3OrchestratorAbi,
  operatorRegistryAbi,
  seedFromPrevrandao,
  selectCommittee,
  ticketScore,
  testTokenAbi,
  InvalidArgumentError,
} from '../src/index.js';
import * as H from './helpers.js';

describe('sortition: TypeScript twin (pure)', () => {
  it('ticketScore equals keccak256(abi.encode(address, uint256, uint256, bytes32)) (viem encoder)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, t, e, s) => {
        const node = toHex(a) as Address;
        const seed = toHex(s);
        const want = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes32' }], [node, t, e, seed]));
        assert.equal(ticketScore(node, t, e, seed), want);
      }),
      { numRuns: 200 },
    );
  });

  it('seedFromPrevrandao equals keccak256(abi.encode(bytes32, uint256))', () => {
    const h = keccak256('0x01');
    assert.throws(() => seedFromPrevrandao('0x01', 9n), InvalidArgumentError);
    assert.equal(seedFromPrevrandao(h, 9n), keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [h, 9n])));
  });

  it('rejects malformed arguments with a typed error', () => {
    const node = '0x0000000000000000000000000000000000000001';
    assert.throws(() => ticketScore(node, -1n, 1n, keccak256('0x')), InvalidArgumentError);
    assert.throws(() => ticketScore(node, 1n, 1n, '0x1234'), InvalidArgumentError);
    assert.throws(() => ticketScore('0x12' as Address, 1n, 1n, keccak256('0x')), InvalidArgumentError);
    assert.throws(() => selectCommittee([{ node, tickets: 1n }, { node, tickets: 2n }], 1n, keccak256('0x'), 1), InvalidArgumentError);
    assert.throws(() => selectCommittee([], 1n, keccak256('0x'), 0), InvalidArgumentError);
    assert.equal(bestTicket(node, 0n, 1n, keccak256('0x')), undefined);
  });

  /**
   * Fairness. With n = 1 the winner is the node holding the globally lowest of all tickets'
   * i.i.d. uniform scores, so P(node i) = t_i / Σt exactly. Over N seeds each frequency must be
   * within 4 binomial standard deviations, sqrt(p(1-p)/N), of t_i / Σt (false-alarm rate
   * < 1e-4 per node). With n > 1 the expected count of seats must grow with tickets.
   */
  it('selection frequency is proportional to tickets (n = 1, 6000 seeds, 4 sigma)', () => {
    const tickets = [1n, 2n, 3n, 4n, 10n];
    const nodes = tickets.map((t, i) => ({ node: toHex(i + 1, { size: 20 }) as Address, tickets: t }));
    const total = Number(tickets.reduce((a, b) => a + b));
    const N = 6000;
    const wins = new Map<string, number>();
    for (let s = 0; s < N; s++) {
      const seed = keccak256(toHex(`fairness-${s}`));
      const [w] = selectCommittee(nodes, 77n, seed, 1);
      wins.set(w.node, (wins.get(w.node) ?? 0) + 1);
    }
    for (const { node, tickets: t } of nodes) {
      const p = Number(t) / total;
      const freq = (wins.get(node) ?? 0) / N;
      const sigma = Math.sqrt((p * (1 - p)) / N);
      assert.ok(Math.abs(freq - p) < 4 * sigma, `node with ${t} tickets: freq ${freq.toFixed(4)} vs ${p.toFixed(4)} (4σ = ${(4 * sigma).toFixed(4)})`);
    }
  });

  it('with n = 3 more tickets mean more seats (monotone over 2000 seeds)', () => {
    const tickets = [1n, 3n, 6n, 10n, 20n];
    const nodes = tickets.map((t, i) => ({ node: toHex(i + 100, { size: 20 }) as Address, tickets: t }));
    const seats = new Map<string, number>();
    for (let s = 0; s < 2000; s++) {
      for (const w of selectCommittee(nodes, 5n, keccak256(toHex(`m-${s}`)), 3)) seats.set(w.node, (seats.get(w.node) ?? 0) + 1);
    }
    const counts = nodes.map((n) => seats.get(n.node) ?? 0);
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i] > counts[i - 1], `seats ${counts.join(',')}`);
  });
});

describe('sortition on chain matches the TypeScript twin', () => {
  let f: H.Fixture;
  const rnd = H.prng(20260521);
  before(async () => {
    f = await H.setup({ operators: 14, tickets: () => 1n + BigInt(Math.floor(rnd() * 8)) });
  });
  after(async () => {
    await f?.close();
  });

  it('ticketScore view equals ticketScore in TypeScript (random inputs)', async () => {
    for (let i = 0; i < 20; i++) {
      const node = toHex(Math.floor(rnd() * 2 ** 32), { size: 20 }) as Address;
      const ticket = BigInt(Math.floor(rnd() * 1e9));
      const e3Id = BigInt(Math.floor(rnd() * 1e6));
      const seed = keccak256(toHex(String(rnd())));
      const onChain = await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'ticketScore', args: [node, ticket, e3Id, seed] });
      assert.equal(onChain, ticketScore(node, ticket, e3Id, seed));
    }
  });

  for (const [n, t] of [[3, 1], [5, 2], [7, 3], [10, 4]] as const) {
    it(`same committee for random stakes and seeds (n = ${n}), submissions in random order`, async () => {
      // Random stake changes before the request: only the snapshot counts.
      for (const o of f.operators) {
        if (rnd() < 0.3) await H.tx(o.signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'addTickets', [1n + BigInt(Math.floor(rnd() * 3))]).catch(async () => {
          await H.tx(f.deployer, f.d.contracts.bondToken, testTokenAbi, 'mint', [o.account.address, 10n ** 21n]);
          await H.tx(o.signer, f.d.contracts.bondToken, testTokenAbi, 'approve', [f.d.contracts.operatorRegistry, 10n ** 30n]);
          await H.tx(o.signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'addTickets', [1n]);
        });
      }
      const e3Id = await H.requestE3(f, { committeeSize: n, threshold: t });
      const seed = await H.fixSeed(f, e3Id);
      const e = await H.getE3(f, e3Id);
      const [fixed] = await f.pub.getContractEvents({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'SeedFixed', args: { e3Id }, fromBlock: e.schedule.requestBlock });
      assert.ok(fixed.args.seedBlock! >= e.schedule.seedBlock);
      const block = await f.pub.getBlock({ blockNumber: fixed.args.seedBlock! });
      assert.equal(seed, seedFromPrevrandao(block.mixHash, e3Id), 'seed = keccak256(prevrandao of the fixing block, e3Id)');

      const stakes = [];
      for (const o of f.operators) stakes.push({ node: o.account.address, tickets: await H.ticketsAt(f, o.account.address, e.schedule.requestBlock) });
      const expected = selectCommittee(stakes, e3Id, seed, n);

      // Submit every node's best ticket in a random order; predict which are not competitive.
      const order = stakes.map((s) => ({ s, k: rnd() })).sort((a, b) => a.k - b.k).map((x) => x.s);
      const pool: bigint[] = [];
      for (const s of order) {
        const b = bestTicket(s.node, s.tickets, e3Id, seed)!;
        const score = BigInt(b.score);
        const signer = H.signerOf(f, s.node);
        const p = H.tx(signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, b.ticket]);
        if (pool.length === n && score >= pool[n - 1]) {
          await H.expectRevert(p, 'TicketNotCompetitive');
        } else {
          await p;
          pool.push(score);
          pool.sort((a, c) => (a < c ? -1 : a > c ? 1 : 0));
          if (pool.length > n) pool.pop();
        }
      }
      await H.warpTo(f, e.schedule.sortitionDeadline + 1n);
      await H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'finalizeCommittee', [e3Id]);
      const committee = await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] });
      assert.deepEqual(committee, expected.map((x) => x.node));
      const [, scores] = await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'sortitionPool', args: [e3Id] });
      assert.deepEqual(scores, expected.map((x) => x.score));
    });
  }

  it('tickets added in the request block do not count (checkpointed at the block start)', () =>
    H.isolated(f, async () => {
      const o = f.operators[0];
      const me = o.account.address;
      await H.tx(f.deployer, f.d.contracts.bondToken, testTokenAbi, 'mint', [me, 10n ** 21n]);
      await H.tx(o.signer, f.d.contracts.bondToken, testTokenAbi, 'approve', [f.d.contracts.operatorRegistry, 10n ** 30n]);
      const before = BigInt(await f.pub.readContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'effectiveTickets', args: [me] }));
      const params = await H.requestParams(f);
      // Both transactions in one block: the stake change lands first, the request second.
      await f.testClient.setAutomine(false);
      const h1 = await o.signer.writeContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'addTickets', args: [20n], gas: 300_000n });
      const h2 = await f.requester.writeContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'request', args: [params], gas: 1_000_000n });
      await f.testClient.mine({ blocks: 1 });
      await f.testClient.setAutomine(true);
      const r1 = await f.pub.waitForTransactionReceipt({ hash: h1 });
      const r2 = await f.pub.waitForTransactionReceipt({ hash: h2 });
      assert.equal(r1.status, 'success');
      assert.equal(r2.status, 'success');
      assert.equal(r1.blockNumber, r2.blockNumber);
      const e3Id = await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'e3Count' });
      const e = await H.getE3(f, e3Id);
      assert.equal(e.schedule.requestBlock, r2.blockNumber);
      assert.equal(await H.ticketsAt(f, me, e.schedule.requestBlock), before);
      assert.equal(await H.ticketsAt(f, me, e.schedule.requestBlock + 1n), before + 20n);
      await H.fixSeed(f, e3Id);
      await H.expectRevert(H.tx(o.signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, before + 1n]), 'TicketOutOfRange');
      await H.tx(o.signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, before]);
    }));

  it('the seed is not known at request time: it needs the seed block to be mined', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f);
      const e = await H.getE3(f, e3Id);
      assert.equal(e.seed, `0x${'00'.repeat(32)}` as Hex);
      assert.equal(e.schedule.seedBlock, e.schedule.requestBlock + f.d.config.seedDelay);
      await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'fixSeed', [e3Id]), 'SeedNotYetAvailable');
      await H.expectRevert(H.tx(f.operators[0].signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, 1n]), 'SeedNotYetAvailable');
    }));
});
