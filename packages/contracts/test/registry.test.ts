import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseEther, zeroAddress, zeroHash } from 'viem';
import { operatorRegistryAbi, singleSubmissionProgramAbi, testTokenAbi, walletFor, devAccount } from '../src/index.js';
import * as H from './helpers.js';

describe('operator registry: bonding, tickets, activation, exit delay', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 2 });
  });
  after(async () => {
    await f?.close();
  });

  const R = () => f.d.contracts.operatorRegistry;
  const info = (a: `0x${string}`) => f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [a] });
  const active = (a: `0x${string}`) => f.pub.readContract({ address: R(), abi: operatorRegistryAbi, functionName: 'isActive', args: [a] });

  async function fresh(index: number) {
    const s = walletFor(f.anvil.rpcUrl, f.chainId, devAccount(index));
    await H.tx(f.deployer, f.d.contracts.bondToken, testTokenAbi, 'mint', [s.account.address, parseEther('1000')]);
    await H.tx(s, f.d.contracts.bondToken, testTokenAbi, 'approve', [R(), parseEther('1000')]);
    return s;
  }

  it('activates only with minBond and minTickets, and emits ActiveChanged', () =>
    H.isolated(f, async () => {
      const s = await fresh(5); // the outsider account: not registered yet
      const me = s.account.address;
      const start = await H.balanceOf(f, me);
      await H.expectRevert(H.tx(s, R(), operatorRegistryAbi, 'addBond', [1n]), 'NotRegistered');
      await H.tx(s, R(), operatorRegistryAbi, 'register');
      await H.expectRevert(H.tx(s, R(), operatorRegistryAbi, 'register'), 'AlreadyRegistered');
      await H.expectRevert(H.tx(s, R(), operatorRegistryAbi, 'addBond', [0n]), 'ZeroAmount');
      await H.expectRevert(H.tx(s, R(), operatorRegistryAbi, 'addTickets', [0n]), 'ZeroAmount');
      await H.tx(s, R(), operatorRegistryAbi, 'addTickets', [3n]);
      assert.equal(await active(me), false); // no bond yet
      await H.tx(s, R(), operatorRegistryAbi, 'addBond', [parseEther('99')]);
      assert.equal(await active(me), false);
      const r = await H.tx(s, R(), operatorRegistryAbi, 'addBond', [parseEther('1')]);
      assert.equal(await active(me), true);
      const logs = await f.pub.getContractEvents({ address: R(), abi: operatorRegistryAbi, eventName: 'ActiveChanged', fromBlock: r.blockNumber, toBlock: r.blockNumber });
      assert.equal(logs.length, 1);
      assert.equal(logs[0].args.active, true);
      assert.equal(logs[0].args.effectiveTickets, 3n);
      const i = await info(me);
      assert.equal(i.bond, parseEther('100'));
      assert.equal(i.tickets, 3n);
      // tokens moved to the registry: 100 bond + 3 tickets * 10
      assert.equal(await H.balanceOf(f, me), start - parseEther('130'));
    }));

  it('insufficient allowance reverts with the token error', () =>
    H.isolated(f, async () => {
      const s = walletFor(f.anvil.rpcUrl, f.chainId, devAccount(5));
      await H.tx(s, R(), operatorRegistryAbi, 'register');
      await H.expectRevert(H.tx(s, R(), operatorRegistryAbi, 'addBond', [1n]), 'TokenTransferFailed');
    }));

  it('exit: leaves sortition at once, funds locked for exitDelay, then withdrawn to the wei', () =>
    H.isolated(f, async () => {
      const o = f.operators[0];
      const me = o.account.address;
      const before = await H.balanceOf(f, me);
      const i0 = await info(me);
      await H.expectRevert(H.tx(o.signer, R(), operatorRegistryAbi, 'withdrawExited'), 'NotExiting');
      const r = await H.tx(o.signer, R(), operatorRegistryAbi, 'deregister');
      assert.equal(await active(me), false);
      assert.equal(await H.ticketsAt(f, me, r.blockNumber + 1n), 0n);
      assert.equal(await H.ticketsAt(f, me, r.blockNumber), i0.tickets); // still counted at the block start
      await H.expectRevert(H.tx(o.signer, R(), operatorRegistryAbi, 'addTickets', [1n]), 'OperatorExiting');
      await H.expectRevert(H.tx(o.signer, R(), operatorRegistryAbi, 'deregister'), 'OperatorExiting');
      await H.expectRevert(H.tx(o.signer, R(), operatorRegistryAbi, 'withdrawExited'), 'ExitDelayNotElapsed');
      const i1 = await info(me);
      await H.warpTo(f, i1.exitUnlockAt);
      await H.tx(o.signer, R(), operatorRegistryAbi, 'withdrawExited');
      assert.equal(await H.balanceOf(f, me), before + i0.bond + i0.tickets * f.d.config.ticketPrice);
      assert.equal((await info(me)).registered, false);
      await H.expectRevert(H.tx(o.signer, R(), operatorRegistryAbi, 'withdrawExited'), 'NotRegistered');
      // may register again afterwards
      await H.tx(o.signer, R(), operatorRegistryAbi, 'register');
    }));

  it('only the slashing manager may slash; the slasher is set once', async () => {
    await H.expectRevert(H.tx(f.outsider, R(), operatorRegistryAbi, 'slash', [f.operators[0].account.address, 1n, 1n, zeroHash]), 'NotSlasher');
    await H.expectRevert(H.tx(f.deployer, R(), operatorRegistryAbi, 'setSlasher', [f.outsider.account.address]), 'SlasherAlreadySet');
    await H.expectRevert(H.tx(f.outsider, R(), operatorRegistryAbi, 'transferOwnership', [f.outsider.account.address]), 'NotOwner');
  });

  it('ticketsAt: binary search over checkpoints, one per block', () =>
    H.isolated(f, async () => {
      const o = f.operators[1];
      const me = o.account.address;
      await H.tx(f.deployer, f.d.contracts.bondToken, testTokenAbi, 'mint', [me, parseEther('1000')]);
      await H.tx(o.signer, f.d.contracts.bondToken, testTokenAbi, 'approve', [R(), parseEther('1000')]);
      const blocks: bigint[] = [];
      const values: bigint[] = [];
      for (let k = 1n; k <= 6n; k++) {
        const r = await H.tx(o.signer, R(), operatorRegistryAbi, 'addTickets', [k]);
        blocks.push(r.blockNumber);
        values.push((await info(me)).tickets);
        await H.mine(f, 2);
      }
      for (let i = 0; i < blocks.length; i++) {
        assert.equal(await H.ticketsAt(f, me, blocks[i] + 1n), values[i]);
        assert.equal(await H.ticketsAt(f, me, blocks[i] + 2n), values[i]);
        if (i > 0) assert.equal(await H.ticketsAt(f, me, blocks[i]), values[i - 1]);
      }
      assert.equal(await H.ticketsAt(f, me, 0n), 0n);
    }));

  it('test token and program hook guard their callers', () =>
    H.isolated(f, async () => {
      const T = f.d.contracts.feeToken;
      const me = f.outsider.account.address;
      const bal = await H.balanceOf(f, me);
      await H.expectRevert(H.tx(f.outsider, T, testTokenAbi, 'transfer', [f.treasury, bal + 1n]), 'InsufficientBalance');
      await H.expectRevert(H.tx(f.compute, T, testTokenAbi, 'transferFrom', [me, f.treasury, 1n]), 'InsufficientAllowance');
      await H.expectRevert(H.tx(f.outsider, T, testTokenAbi, 'mint', [me, 1n]), 'NotOwner');
      await H.expectRevert(H.tx(f.deployer, T, testTokenAbi, 'mint', [zeroAddress, 1n]), 'ZeroAddress');
      await H.expectRevert(H.tx(f.deployer, R(), operatorRegistryAbi, 'transferOwnership', [zeroAddress]), 'ZeroAddress');
      await H.expectRevert(
        H.tx(f.outsider, f.d.contracts.devProgram!, singleSubmissionProgramAbi, 'validateInput', [1n, me, '0x01']),
        'NotOrchestrator',
      );
    }));
});
