/**
 * Decryption shares and the equivocation evidence (issue 10; SYSTEM.md §7): a member that signs
 * two different decryption shares for one E3 is slashable with both signatures. A decryption share
 * is a node message in the decryption-share slot (the node's slotOf(Phase.DecryptionShare) =
 * 10·2^32); its payloadHash covers the share (here: keccak of the share commitment and the
 * ciphertext commitment, the fields a C6 proof binds). SlashingManager.slashEquivocation needs no
 * new code for it: this test pins that a signed decryption share fits the existing evidence kind.
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from 'viem';
import type { HDAccount } from 'viem/accounts';
import { e3OrchestratorAbi, operatorRegistryAbi, slashingManagerAbi, signNodeMessage, EvidenceKind } from '../src/index.js';
import * as H from './helpers.js';

/** The node's slot of its one decryption share per E3 (packages/node wire/envelope.ts slotOf). */
const DECRYPTION_SHARE_SLOT = 10n << 32n;
const sharePayload = (dCommitment: Hex, ctCommitment: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [dCommitment, ctCommitment]));

describe('two different signed decryption shares are slashable equivocation', () => {
  let f: H.Fixture;
  let e3Id: bigint;
  let members: Address[];
  let accts: HDAccount[];
  before(async () => {
    f = await H.setup({ operators: 5 });
    e3Id = await H.requestE3(f, { committeeSize: 3, threshold: 1 });
    members = await H.formCommittee(f, e3Id);
    accts = H.memberAccounts(f, members);
    await H.publishKey(f, e3Id, members);
  });
  after(async () => {
    await f?.close();
  });

  it('slashes the member (bond, tickets, expelled) once; the same share twice is not evidence', () =>
    H.isolated(f, async () => {
      const S = f.d.contracts.slashingManager;
      const msg = { chainId: f.chainId, slashingManager: S, e3Id, slot: DECRYPTION_SHARE_SLOT };
      const ct = keccak256(toHex('ciphertext-commitment'));
      // Two shares for one ciphertext (e.g. with and without a shifted coefficient), or for two
      // ciphertexts: both are two different decryption shares in the one slot.
      const a = sharePayload(keccak256(toHex('share-d')), ct);
      const b = sharePayload(keccak256(toHex('share-d+1')), ct);
      const c = sharePayload(keccak256(toHex('share-d')), keccak256(toHex('other-ciphertext')));
      const sa = await signNodeMessage(accts[1], { ...msg, payloadHash: a });
      const sb = await signNodeMessage(accts[1], { ...msg, payloadHash: b });
      const sc = await signNodeMessage(accts[1], { ...msg, payloadHash: c });
      const node = members[1];
      const slash = (...args: unknown[]) => H.tx(f.outsider, S, slashingManagerAbi, 'slashEquivocation', args);
      await H.expectRevert(slash(e3Id, node, DECRYPTION_SHARE_SLOT, a, sa, a, sa), 'SamePayload');
      await H.expectRevert(slash(e3Id, members[0], DECRYPTION_SHARE_SLOT, a, sa, b, sb), 'WrongSigner');

      const info = () => f.pub.readContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [node] });
      const before = await info();
      const r = await slash(e3Id, node, DECRYPTION_SHARE_SLOT, a, sa, b, sb);
      const after = await info();
      const pol = f.d.config.policies.equivocation;
      assert.equal(after.bond, before.bond - pol.bondPenalty);
      assert.equal(after.tickets, before.tickets - pol.ticketPenalty);
      const status = await f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'memberStatus', args: [e3Id, node] });
      assert.equal(status, 2);
      const ev = await f.pub.getContractEvents({ address: S, abi: slashingManagerAbi, eventName: 'NodeSlashed', fromBlock: r.blockNumber, toBlock: r.blockNumber });
      assert.equal(ev[0].args.kind, EvidenceKind.Equivocation);
      // One offence per (E3, node, slot): a third share is not a second slashing.
      await H.expectRevert(slash(e3Id, node, DECRYPTION_SHARE_SLOT, a, sa, c, sc), 'EvidenceAlreadyUsed');
    }));
});
