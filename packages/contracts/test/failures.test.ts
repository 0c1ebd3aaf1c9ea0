import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseEther, toHex } from 'viem';
import {
  e3OrchestratorAbi,
  slashingManagerAbi,
  signNodeMessage,
  signRejectOutput,
  sortSigned,
  FailureReason,
  Fault,
  Stage,
} from '../src/index.js';
import * as H from './helpers.js';

const FEE = parseEther('9') + 7n;

describe('E3 failures: each reason, refunds by fault to the wei', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 6 });
  });
  after(async () => {
    await f?.close();
  });

  /** Asserts the failure and that exactly `refund` went to the requester and the pot to the committee. */
  async function assertFailed(e3Id: bigint, reason: number, fault: number, members: readonly string[]) {
    const e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.Failed);
    assert.equal(e.failure, reason);
    const logs = await f.pub.getContractEvents({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, eventName: 'E3Failed', args: { e3Id }, fromBlock: 0n });
    assert.equal(logs.length, 1);
    assert.equal(logs[0].args.fault, fault);
    const pot = fault === Fault.Requester ? (FEE * 3000n) / 10000n : 0n;
    assert.equal(logs[0].args.refund, FEE - pot);
    assert.equal(logs[0].args.committeePay, pot);
    assert.equal(await H.claimable(f, f.requester.account.address), FEE - pot);
    const good = members.length;
    const protocol = (pot * 1000n) / 10000n;
    const each = good === 0 ? 0n : (pot - protocol) / BigInt(good);
    for (const m of members) assert.equal(await H.claimable(f, m as `0x${string}`), each);
    assert.equal(await H.claimable(f, f.treasury), pot - each * BigInt(good));
    // The refund is withdrawable to the wei.
    const before = await H.balanceOf(f, f.requester.account.address);
    await H.tx(f.requester, f.d.contracts.orchestrator, e3OrchestratorAbi, 'withdraw');
    assert.equal(await H.balanceOf(f, f.requester.account.address), before + FEE - pot);
  }

  const markFailed = (e3Id: bigint) => H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'markFailed', [e3Id]);

  it('SeedUnavailable: nobody fixed the seed within 256 blocks (full refund)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE });
      await H.mine(f, 200);
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
      await H.mine(f, 100);
      await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'fixSeed', [e3Id]), 'SeedExpired');
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.SeedUnavailable, Fault.None, []);
    }));

  it('InsufficientCommittee: fewer than n tickets by the deadline (full refund)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE, committeeSize: 5, threshold: 2 });
      await H.fixSeed(f, e3Id);
      const e = await H.getE3(f, e3Id);
      for (const o of f.operators.slice(0, 3)) {
        await H.tx(o.signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, 1n]);
      }
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
      await H.warpTo(f, e.schedule.sortitionDeadline + 1n);
      await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'finalizeCommittee', [e3Id]), 'InsufficientSubmissions');
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.InsufficientCommittee, Fault.None, []);
    }));

  it('DkgTimeout: no public key by the key deadline (committee fault, full refund)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE });
      await H.formCommittee(f, e3Id);
      const e = await H.getE3(f, e3Id);
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
      await H.warpTo(f, e.schedule.keyDeadline + 1n);
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.DkgTimeout, Fault.Committee, []);
    }));

  it('DkgTimeout from Requested: enough tickets but nobody finalised in time', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE, committeeSize: 2 });
      await H.fixSeed(f, e3Id);
      for (const o of f.operators.slice(0, 2)) {
        await H.tx(o.signer, f.d.contracts.orchestrator, e3OrchestratorAbi, 'submitTicket', [e3Id, 1n]);
      }
      const e = await H.getE3(f, e3Id);
      await H.warpTo(f, e.schedule.sortitionDeadline + 1n);
      await H.expectRevert(markFailed(e3Id), 'NotFailable'); // it can still be finalised
      await H.warpTo(f, e.schedule.keyDeadline + 1n);
      await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'finalizeCommittee', [e3Id]), 'DeadlinePassed');
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.DkgTimeout, Fault.Committee, []);
    }));

  it('ComputeTimeout: no output ciphertext (requester fault: committee paid the DKG share)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE });
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      await H.publishInputs(f, e3Id, members, [f.outsider]);
      const e = await H.getE3(f, e3Id);
      await H.warpTo(f, e.schedule.inputEnd + 1n);
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
      await H.warpTo(f, e.schedule.computeDeadline + 1n);
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.ComputeTimeout, Fault.Requester, members);
    }));

  it('OutputRejected: T + 1 members reject the output (requester fault)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE });
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const inputs = await H.publishInputs(f, e3Id, members, [f.outsider]);
      await H.publishOutput(f, e3Id, inputs);
      const e = await H.getE3(f, e3Id);
      const accts = H.memberAccounts(f, members);
      const sign = (i: number) =>
        signRejectOutput(accts[i], { chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, ciphertextHash: e.ciphertextHash });
      const reject = (sigs: `0x${string}`[]) => H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'rejectCiphertextOutput', [e3Id, sigs]);
      await H.expectRevert(reject(sortSigned([await sign(0)])), 'QuorumNotReached');
      const two = [await sign(0), await sign(1)];
      await H.expectRevert(reject(sortSigned(two).reverse()), 'SignersNotSorted');
      const outsiderSig = await signRejectOutput(f.operators.find((o) => !members.includes(o.account.address))!.account, {
        chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, ciphertextHash: e.ciphertextHash,
      });
      await H.expectRevert(reject(sortSigned([two[0], outsiderSig])), 'NotCommitteeMember');
      await reject(sortSigned(two));
      await assertFailed(e3Id, FailureReason.OutputRejected, Fault.Requester, members);
    }));

  it('DecryptionTimeout: no plaintext by the decryption deadline (committee fault, full refund)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE });
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const inputs = await H.publishInputs(f, e3Id, members, [f.outsider]);
      await H.publishOutput(f, e3Id, inputs);
      const e = await H.getE3(f, e3Id);
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
      await H.warpTo(f, e.schedule.decryptionDeadline + 1n);
      await H.expectRevert(
        H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'publishPlaintextOutput', [e3Id, H.PLAINTEXT, '0x']),
        'DeadlinePassed',
      );
      await markFailed(e3Id);
      await assertFailed(e3Id, FailureReason.DecryptionTimeout, Fault.Committee, []);
      await H.expectRevert(markFailed(e3Id), 'NotFailable');
    }));

  it('CommitteeBelowThreshold: equivocation expels members until T + 1 cannot be met (committee fault)', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f, { fee: FEE, committeeSize: 3, threshold: 1 });
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const accts = H.memberAccounts(f, members);
      const equivocate = async (i: number) => {
        const m = { chainId: f.chainId, slashingManager: f.d.contracts.slashingManager, e3Id, slot: 7n };
        const a = toHex('share-A', { size: 32 });
        const b = toHex('share-B', { size: 32 });
        const sa = await signNodeMessage(accts[i], { ...m, payloadHash: a });
        const sb = await signNodeMessage(accts[i], { ...m, payloadHash: b });
        await H.tx(f.outsider, f.d.contracts.slashingManager, slashingManagerAbi, 'slashEquivocation', [e3Id, members[i], 7n, a, sa, b, sb]);
      };
      await equivocate(0);
      assert.equal((await H.getE3(f, e3Id)).stage, Stage.KeyPublished); // 2 left = T + 1: still fine
      await equivocate(1);
      await assertFailed(e3Id, FailureReason.CommitteeBelowThreshold, Fault.Committee, []);
    }));
});
