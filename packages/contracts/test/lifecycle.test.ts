import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseEther } from 'viem';
import { e3OrchestratorAbi, inputRootOf, Stage, testTokenAbi } from '../src/index.js';
import * as H from './helpers.js';

describe('E3 lifecycle: request to Complete on anvil', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 6 });
  });
  after(async () => {
    await f?.close();
  });

  it('walks every stage and pays the committee to the wei', async () => {
    const fee = parseEther('7') + 5n; // not divisible: exercises the remainder rule
    const reqBefore = await H.balanceOf(f, f.requester.account.address);
    const e3Id = await H.requestE3(f, { fee });
    assert.equal(await H.balanceOf(f, f.requester.account.address), reqBefore - fee);
    assert.equal(await H.balanceOf(f, f.d.contracts.orchestrator), fee);
    let e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.Requested);

    const members = await H.formCommittee(f, e3Id);
    assert.equal(members.length, 3);
    e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.CommitteeFinalized);
    assert.equal(e.goodMembers, 3);

    await H.publishKey(f, e3Id, members);
    e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.KeyPublished);
    assert.equal(e.pkCommitment, H.PK_COMMITMENT);

    const inputs = await H.publishInputs(f, e3Id, members, [f.requester, f.outsider, f.compute]);
    e = await H.getE3(f, e3Id);
    assert.equal(e.inputCount, 3n);
    assert.equal(e.inputRoot, inputRootOf(inputs));

    await H.publishOutput(f, e3Id, inputs);
    assert.equal((await H.getE3(f, e3Id)).stage, Stage.CiphertextReady);
    await H.publishPlaintext(f, e3Id, members);
    e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.Complete);

    // 10% protocol share; the rest split in 3, remainder to the treasury.
    const protocol = (fee * 1000n) / 10000n;
    const each = (fee - protocol) / 3n;
    const dust = fee - protocol - each * 3n;
    for (const m of members) assert.equal(await H.claimable(f, m), each);
    assert.equal(await H.claimable(f, f.treasury), protocol + dust);
    assert.equal(await H.claimable(f, f.requester.account.address), 0n);

    // Pull payments: withdraw moves exactly the claimable amount.
    for (const m of members) {
      const before = await H.balanceOf(f, m);
      await H.tx(H.signerOf(f, m), f.d.contracts.orchestrator, e3OrchestratorAbi, 'withdraw');
      assert.equal(await H.balanceOf(f, m), before + each);
      assert.equal(await H.claimable(f, m), 0n);
    }
    assert.equal(await H.balanceOf(f, f.d.contracts.orchestrator), protocol + dust);
  });

  it('emits an event per transition, each carrying the e3Id', async () => {
    const start = await f.pub.getBlockNumber();
    const e3Id = await H.requestE3(f);
    const members = await H.formCommittee(f, e3Id);
    await H.publishKey(f, e3Id, members);
    const inputs = await H.publishInputs(f, e3Id, members, [f.requester]);
    await H.publishOutput(f, e3Id, inputs);
    await H.publishPlaintext(f, e3Id, members);
    const logs = await f.pub.getContractEvents({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, fromBlock: start });
    const mine = logs.filter((l) => (l.args as { e3Id?: bigint }).e3Id === e3Id).map((l) => l.eventName);
    for (const name of <const>[
      'E3Requested', 'SeedFixed', 'TicketSubmitted', 'CommitteeFinalized', 'PublicKeyPublished', 'InputPublished',
      'CiphertextOutputPublished', 'PlaintextOutputPublished', 'FeeCredited', 'E3Completed',
    ]) {
      assert.ok((mine as string[]).includes(name), `missing ${name}`);
    }
    const fin = logs.find((l) => l.eventName === 'CommitteeFinalized' && l.args.e3Id === e3Id);
    assert.deepEqual(fin?.eventName === 'CommitteeFinalized' ? fin.args.members : [], members);
    const pk = logs.find((l) => l.eventName === 'PublicKeyPublished' && l.args.e3Id === e3Id);
    assert.equal(pk?.eventName === 'PublicKeyPublished' ? pk.args.publicKey : undefined, H.PK_BYTES);
    const req = logs.find((l) => l.eventName === 'E3Requested' && l.args.e3Id === e3Id);
    assert.equal(req?.eventName === 'E3Requested' ? req.args.params?.committeeSize : undefined, 3);
    void testTokenAbi;
  });

  it('a node can follow transitions with watchContractEvent (polling)', async () => {
    const seen: { name: string; e3Id: bigint }[] = [];
    const unwatch = f.pub.watchContractEvent({
      address: f.d.contracts.orchestrator,
      abi: e3OrchestratorAbi,
      pollingInterval: 50,
      onLogs: (logs) => {
        for (const l of logs) seen.push({ name: l.eventName, e3Id: (l.args as { e3Id: bigint }).e3Id });
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 150)); // let the filter install
      const e3Id = await H.requestE3(f);
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const deadline = Date.now() + 5000;
      while (!seen.some((s) => s.name === 'PublicKeyPublished' && s.e3Id === e3Id) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const names = seen.filter((s) => s.e3Id === e3Id).map((s) => s.name);
      for (const n of ['E3Requested', 'SeedFixed', 'TicketSubmitted', 'CommitteeFinalized', 'PublicKeyPublished']) assert.ok(names.includes(n), `watched ${names.join(',')}`);
    } finally {
      unwatch();
    }
  });
});
