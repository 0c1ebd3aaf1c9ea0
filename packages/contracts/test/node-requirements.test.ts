/**
 * The contract changes the ciphernode needs (issue 8): committee members' stake stays locked while
 * their E3 runs; the sortition seed is block.prevrandao of a block at or after the seed block; the
 * sortition window is at least the seed delay plus one block; the threshold is at least 1.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { keccak256, toHex, type Address } from 'viem';
import {
  e3OrchestratorAbi,
  operatorRegistryAbi,
  slashingManagerAbi,
  seedFromPrevrandao,
  signNodeMessage,
  Stage,
  FailureReason,
} from '../src/index.js';
import * as H from './helpers.js';

describe('contract changes for the node (issue 8)', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 5 });
  });
  after(async () => {
    await f?.close();
  });
  const O = () => f.d.contracts.orchestrator;
  const R = () => f.d.contracts.operatorRegistry;
  const request = async (o: H.E3Overrides) => H.tx(f.requester, O(), e3OrchestratorAbi, 'request', [await H.requestParams(f, o)]);
  const info = (who: Address) => f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [who] });
  const active = async (who: Address) => f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'activeCommittees', args: [who] });

  it('threshold 0 is refused on chain; 1 is accepted', () =>
    H.isolated(f, async () => {
      const args = await H.expectRevert(request({ committeeSize: 3, threshold: 0 }), 'InvalidCommittee');
      assert.deepEqual(args, [3, 0]);
      await request({ committeeSize: 3, threshold: 1 });
    }));

  it('a sortition window shorter than (seedDelay + 1) blocks is refused; exactly that is accepted', () =>
    H.isolated(f, async () => {
      const min = await f.pub.readContract({ address: O(), abi: e3OrchestratorAbi, functionName: 'minSortitionWindow' });
      assert.equal(min, (f.d.config.seedDelay + 1n) * f.d.config.blockTime);
      const args = await H.expectRevert(request({ sortitionWindow: min - 1n }), 'SortitionWindowTooShort');
      assert.deepEqual(args, [min - 1n, min]);
      await request({ sortitionWindow: min });
    }));

  it('the seed is prevrandao (header mixHash) of the block that fixes it, never before the seed block', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f);
      const e = await H.getE3(f, e3Id);
      // The next block is requestBlock + 1 < seedBlock (seedDelay = 2): too early.
      await H.expectRevert(H.tx(f.outsider, O(), e3OrchestratorAbi, 'fixSeed', [e3Id]), 'SeedNotYetAvailable');
      await H.mine(f, Number(e.schedule.seedBlock - (await f.pub.getBlockNumber())) - 1);
      const r = await H.tx(f.outsider, O(), e3OrchestratorAbi, 'fixSeed', [e3Id]);
      assert.equal(r.blockNumber, e.schedule.seedBlock, 'fixed in the seed block itself');
      const block = await f.pub.getBlock({ blockNumber: r.blockNumber });
      assert.notEqual(block.mixHash, `0x${'00'.repeat(32)}`, 'anvil fills prevrandao');
      const seed = (await H.getE3(f, e3Id)).seed;
      assert.equal(seed, seedFromPrevrandao(block.mixHash, e3Id));
      const [ev] = await f.pub.getContractEvents({ address: O(), abi: e3OrchestratorAbi, eventName: 'SeedFixed', args: { e3Id }, fromBlock: r.blockNumber });
      assert.equal(ev.args.seedBlock, r.blockNumber);
      assert.equal(ev.args.seed, seed);
      // Idempotent: a later call keeps the seed (and the later block's prevrandao differs).
      await H.tx(f.outsider, O(), e3OrchestratorAbi, 'fixSeed', [e3Id]);
      assert.equal((await H.getE3(f, e3Id)).seed, seed);
    }));

  it('a seed not fixed within 256 blocks of the seed block expires; the E3 then fails SeedUnavailable', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { sortitionWindow: 100_000n, dkgWindow: 100n });
      const e = await H.getE3(f, e3Id);
      await H.mine(f, Number(e.schedule.seedBlock + 256n - (await f.pub.getBlockNumber())));
      await H.expectRevert(H.tx(f.outsider, O(), e3OrchestratorAbi, 'fixSeed', [e3Id]), 'SeedExpired');
      await H.tx(f.outsider, O(), e3OrchestratorAbi, 'markFailed', [e3Id]);
      const after = await H.getE3(f, e3Id);
      assert.equal(after.stage, Stage.Failed);
      assert.equal(after.failure, FailureReason.SeedUnavailable);
    }));

  it('a member on an active committee cannot withdraw its exited stake; it stays slashable until exitDelay after the E3 ends', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { committeeSize: 3, threshold: 1 });
      const members = await H.formCommittee(f, e3Id);
      const node = members[0];
      const signer = H.signerOf(f, node);
      assert.equal(await active(node), 1);
      // The member exits during the DKG and waits out the exit delay while the E3 still runs.
      await H.tx(signer, R(), operatorRegistryAbi, 'deregister');
      const i0 = await info(node);
      await H.warpTo(f, i0.exitUnlockAt + 1n);
      const args = await H.expectRevert(H.tx(signer, R(), operatorRegistryAbi, 'withdrawExited'), 'OnActiveCommittee');
      assert.deepEqual(args, [node, 1]);
      // Still slashable: an equivocation within this E3.
      const accts = H.memberAccounts(f, members);
      const msg = { chainId: f.chainId, slashingManager: f.d.contracts.slashingManager, e3Id, slot: 1n };
      const a = keccak256(toHex('a'));
      const b = keccak256(toHex('b'));
      await H.tx(f.outsider, f.d.contracts.slashingManager, slashingManagerAbi, 'slashEquivocation', [
        e3Id, node, 1n, a, await signNodeMessage(accts[0], { ...msg, payloadHash: a }), b, await signNodeMessage(accts[0], { ...msg, payloadHash: b }),
      ]);
      const i1 = await info(node);
      assert.equal(i1.bond, i0.bond - f.d.config.policies.equivocation.bondPenalty);
      // The E3 ends (the key deadline passed: DkgTimeout); the lock is released, the delay restarts.
      const e = await H.getE3(f, e3Id);
      assert.equal(e.stage, Stage.CommitteeFinalized);
      {
        // (the exit delay of 7 days already took us past the key deadline)
        assert.ok((await H.now(f)) > e.schedule.keyDeadline);
        await H.tx(f.outsider, O(), e3OrchestratorAbi, 'markFailed', [e3Id]);
      }
      assert.equal(await active(node), 0);
      for (const m of members) assert.equal(await active(m), 0, 'every member released exactly once');
      const unlockAt = await f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'exitUnlockAt', args: [node] });
      const end = await f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'lastCommitteeEnd', args: [node] });
      assert.equal(unlockAt, end + f.d.config.exitDelay);
      await H.expectRevert(H.tx(signer, R(), operatorRegistryAbi, 'withdrawExited'), 'ExitDelayNotElapsed');
      await H.warpTo(f, unlockAt);
      const bal = await H.balanceOf(f, node);
      await H.tx(signer, R(), operatorRegistryAbi, 'withdrawExited');
      assert.equal(await H.balanceOf(f, node), bal + i1.bond + i1.tickets * f.d.config.ticketPrice);
    }));

  it('members are released when the E3 completes', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { committeeSize: 3, threshold: 1 });
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const inputs = await H.publishInputs(f, e3Id, members, [f.outsider]);
      await H.publishOutput(f, e3Id, inputs);
      for (const m of members) assert.equal(await active(m), 1);
      await H.publishPlaintext(f, e3Id, members);
      for (const m of members) assert.equal(await active(m), 0);
    }));

  it('only the orchestrator locks and releases; the orchestrator is set once', async () => {
    const who = [f.operators[0].account.address];
    await H.expectRevert(H.tx(f.outsider, R(), operatorRegistryAbi, 'lockCommittee', [who]), 'NotOrchestrator');
    await H.expectRevert(H.tx(f.outsider, R(), operatorRegistryAbi, 'releaseCommittee', [who]), 'NotOrchestrator');
    await H.expectRevert(H.tx(f.deployer, R(), operatorRegistryAbi, 'setOrchestrator', [f.outsider.account.address]), 'OrchestratorAlreadySet');
    await H.expectRevert(H.tx(f.outsider, R(), operatorRegistryAbi, 'setOrchestrator', [f.outsider.account.address]), 'NotOwner');
  });
});
