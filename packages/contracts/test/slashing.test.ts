import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeAbiParameters, keccak256, parseEther, toHex, type Address, type Hex } from 'viem';
import type { HDAccount } from 'viem/accounts';
import {
  e3OrchestratorAbi,
  operatorRegistryAbi,
  slashingManagerAbi,
  proofPayloadHash,
  signAccusation,
  signNodeMessage,
  sortSigned,
  statementOf,
  EvidenceKind,
} from '../src/index.js';
import * as H from './helpers.js';

const PROOF_KIND = 1;

describe('slashing on evidence checked on chain', () => {
  let f: H.Fixture;
  let e3Id: bigint;
  let members: Address[];
  let accts: HDAccount[];
  before(async () => {
    f = await H.setup({ operators: 7 });
    e3Id = await H.requestE3(f, { committeeSize: 5, threshold: 2 });
    members = await H.formCommittee(f, e3Id);
    accts = H.memberAccounts(f, members);
    await H.publishKey(f, e3Id, members);
  });
  after(async () => {
    await f?.close();
  });

  const S = () => f.d.contracts.slashingManager;
  const msg = (slot: bigint) => ({ chainId: f.chainId, slashingManager: S(), e3Id, slot });
  const info = (a: Address) => f.pub.readContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'operatorInfo', args: [a] });
  const status = (a: Address) => f.pub.readContract({ address: f.d.contracts.orchestrator, abi: e3OrchestratorAbi, functionName: 'memberStatus', args: [e3Id, a] });
  const publicInputs: Hex[] = [keccak256(toHex('statement-a')), keccak256(toHex('statement-b'))];
  /** A proof the stand-in verifier accepts: the attester's EIP-191 signature over the inputs. */
  const validProof = (inputs: Hex[]) => f.attester.signMessage({ message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [inputs])) } });
  const nonMember = () => f.operators.find((o) => !members.includes(o.account.address))!;

  it('(a) equivocation: slashes bond and tickets to the treasury and expels; replay and forgeries rejected', () =>
    H.isolated(f, async () => {
      const [node] = members;
      const a = keccak256(toHex('share-A'));
      const b = keccak256(toHex('share-B'));
      const sa = await signNodeMessage(accts[0], { ...msg(3n), payloadHash: a });
      const sb = await signNodeMessage(accts[0], { ...msg(3n), payloadHash: b });
      const slash = (...args: unknown[]) => H.tx(f.outsider, S(), slashingManagerAbi, 'slashEquivocation', args);

      await H.expectRevert(slash(e3Id, node, 3n, a, sa, a, sa), 'SamePayload');
      const forged = await signNodeMessage(accts[1], { ...msg(3n), payloadHash: b });
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, forged), 'WrongSigner');
      await H.expectRevert(slash(e3Id, node, 4n, a, sa, b, sb), 'WrongSigner'); // signatures bound to the slot
      await H.expectRevert(slash(e3Id + 1n, node, 3n, a, sa, b, sb), 'NotCommitteeMember');
      const outsider = nonMember();
      const oa = await signNodeMessage(outsider.account, { ...msg(3n), payloadHash: a });
      const ob = await signNodeMessage(outsider.account, { ...msg(3n), payloadHash: b });
      await H.expectRevert(slash(e3Id, outsider.account.address, 3n, a, oa, b, ob), 'NotCommitteeMember');
      // malleable twin (s' = n - s, v flipped) and a truncated signature
      const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const s = BigInt(`0x${sb.slice(66, 130)}`);
      const v = parseInt(sb.slice(130, 132), 16);
      const twin = `${sb.slice(0, 66)}${(N - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, twin), 'MalleableSignature');
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, sb.slice(0, 130) as Hex), 'BadSignatureLength');
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, `${sb.slice(0, 130)}1d` as Hex), 'BadSignatureV');
      // r = 0: ecrecover finds no key
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, `0x${'00'.repeat(32)}${sb.slice(66)}` as Hex), 'InvalidSignature');

      const before = await info(node);
      const treasuryBefore = await H.balanceOf(f, f.treasury);
      const r = await slash(e3Id, node, 3n, a, sa, b, sb);
      const after = await info(node);
      const pol = f.d.config.policies.equivocation;
      assert.equal(after.bond, before.bond - pol.bondPenalty);
      assert.equal(after.tickets, before.tickets - pol.ticketPenalty);
      assert.equal(await H.balanceOf(f, f.treasury), treasuryBefore + pol.bondPenalty + pol.ticketPenalty * f.d.config.ticketPrice);
      assert.equal(await status(node), 2);
      const ev = await f.pub.getContractEvents({ address: S(), abi: slashingManagerAbi, eventName: 'NodeSlashed', fromBlock: r.blockNumber, toBlock: r.blockNumber });
      assert.equal(ev[0].args.kind, EvidenceKind.Equivocation);
      assert.equal(ev[0].args.expelled, true);
      assert.equal((await H.getE3(f, e3Id)).goodMembers, 4);

      // replay: the same evidence, or another pair for the same slot
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, b, sb), 'EvidenceAlreadyUsed');
      const c = keccak256(toHex('share-C'));
      const sc = await signNodeMessage(accts[0], { ...msg(3n), payloadHash: c });
      await H.expectRevert(slash(e3Id, node, 3n, a, sa, c, sc), 'EvidenceAlreadyUsed');
      // a different slot is a different offence; the node is already expelled
      const s5a = await signNodeMessage(accts[0], { ...msg(5n), payloadHash: a });
      const s5b = await signNodeMessage(accts[0], { ...msg(5n), payloadHash: b });
      await slash(e3Id, node, 5n, a, s5a, b, s5b);
      assert.equal((await H.getE3(f, e3Id)).goodMembers, 4);
    }));

  it('(b) invalid proof: a signed proof its verifier rejects (false or revert) is slashed once', () =>
    H.isolated(f, async () => {
      const node = members[1];
      const slash = (...args: unknown[]) => H.tx(f.outsider, S(), slashingManagerAbi, 'slashInvalidProof', args);
      const sign = (slot: bigint, kind: number, proof: Hex, inputs: Hex[], who = accts[1]) =>
        signNodeMessage(who, { ...msg(slot), payloadHash: proofPayloadHash(kind, proof, inputs) });

      const good = await validProof(publicInputs);
      await H.expectRevert(slash(e3Id, node, 10n, PROOF_KIND, good, publicInputs, await sign(10n, PROOF_KIND, good, publicInputs)), 'ProofIsValid');

      // tampered: a valid proof for other inputs (verifier returns false)
      const other = [keccak256(toHex('other')), publicInputs[1]];
      const tampered = await validProof(other);
      const sig = await sign(11n, PROOF_KIND, tampered, publicInputs);
      await H.expectRevert(slash(e3Id, node, 11n, PROOF_KIND, tampered, publicInputs, await sign(11n, PROOF_KIND, tampered, publicInputs, accts[2])), 'WrongSigner');
      await H.expectRevert(slash(e3Id, node, 11n, PROOF_KIND, tampered, other, sig), 'WrongSigner'); // signed other inputs
      await H.expectRevert(slash(e3Id, node, 11n, 9, tampered, publicInputs, await sign(11n, 9, tampered, publicInputs)), 'UnknownProofKind');
      const before = await info(node);
      await slash(e3Id, node, 11n, PROOF_KIND, tampered, publicInputs, sig);
      const pol = f.d.config.policies.invalidProof;
      assert.equal((await info(node)).bond, before.bond - pol.bondPenalty);
      assert.equal(await status(node), 2);
      await H.expectRevert(slash(e3Id, node, 11n, PROOF_KIND, tampered, publicInputs, sig), 'EvidenceAlreadyUsed');

      // malformed (verifier reverts): counts as a rejection
      const node2 = members[2];
      const junk = '0x1234' as Hex;
      await slash(e3Id, node2, 12n, 2, junk, publicInputs, await signNodeMessage(accts[2], { ...msg(12n), payloadHash: proofPayloadHash(2, junk, publicInputs) }));
      assert.equal(await status(node2), 2);
    }));

  it('(b) a caller cannot starve the verifier of gas to fake a rejection', async () => {
    const node = members[1];
    const good = await validProof(publicInputs);
    const sig = await signNodeMessage(accts[1], { ...msg(20n), payloadHash: proofPayloadHash(PROOF_KIND, good, publicInputs) });
    // Even a valid proof would "fail" if the verifier ran out of gas: the contract refuses to try.
    await H.expectRevert(
      f.pub.simulateContract({ account: f.outsider.account, address: S(), abi: slashingManagerAbi, functionName: 'slashInvalidProof', args: [e3Id, node, 20n, PROOF_KIND, good, publicInputs, sig], gas: 600_000n }),
      'InsufficientGas',
    );
  });

  it('(c) quorum accusation: appeal window, dismissal by a valid proof, execution after the window', () =>
    H.isolated(f, async () => {
      const accused = members[3];
      const stmt = statementOf(publicInputs);
      const accusers = [accts[0], accts[1], accts[2]]; // T + 1 = 3
      const sigsFor = async (who: HDAccount[], statement = stmt, kind = PROOF_KIND) =>
        sortSigned(await Promise.all(who.map((a) => signAccusation(a, { chainId: f.chainId, slashingManager: S(), e3Id, accused, proofKind: kind, statement }))));
      const accuse = (sigs: Hex[], statement = stmt, kind = PROOF_KIND, who = accused) =>
        H.tx(f.outsider, S(), slashingManagerAbi, 'accuse', [e3Id, who, kind, statement, sigs]);

      await H.expectRevert(accuse(await sigsFor(accusers.slice(0, 2))), 'QuorumNotReached');
      await H.expectRevert(accuse(await sigsFor([accts[0], accts[1], accts[3]])), 'AccuserNotEligible'); // the accused itself
      await H.expectRevert(accuse(await sigsFor([accts[0], accts[1], nonMember().account])), 'AccuserNotEligible');
      await H.expectRevert(accuse([...(await sigsFor(accusers))].reverse()), 'SignersNotSorted');
      await H.expectRevert(accuse(await sigsFor(accusers, stmt, 9), stmt, 9), 'UnknownProofKind');
      await H.expectRevert(accuse(await sigsFor(accusers), stmt, PROOF_KIND, nonMember().account.address), 'NotCommitteeMember');
      // signatures over another statement do not count for this one (forgery): they recover to
      // unrelated addresses, rejected as out of order or as non-members
      await H.expectRevert(accuse(await sigsFor(accusers, keccak256('0x99'))), ['AccuserNotEligible', 'SignersNotSorted']);

      const r = await accuse(await sigsFor(accusers));
      const [ev] = await f.pub.getContractEvents({ address: S(), abi: slashingManagerAbi, eventName: 'Accused', fromBlock: r.blockNumber, toBlock: r.blockNumber });
      const id = ev.args.accusationId!;
      await H.expectRevert(accuse(await sigsFor(accusers)), 'AccusationExists'); // replay
      await H.expectRevert(H.tx(f.outsider, S(), slashingManagerAbi, 'executeAccusation', [id]), 'AppealWindowOpen');
      const appeal = (proof: Hex, inputs: Hex[], which = id) => H.tx(f.outsider, S(), slashingManagerAbi, 'appeal', [which, proof, inputs]);
      await H.expectRevert(appeal(await validProof([publicInputs[1]]), [publicInputs[1]]), 'StatementMismatch');
      await H.expectRevert(appeal(await validProof([keccak256('0x01')]), publicInputs), 'AppealRejected');
      const bondBefore = (await info(accused)).bond;
      await appeal(await validProof(publicInputs), publicInputs);
      await H.expectRevert(H.tx(f.outsider, S(), slashingManagerAbi, 'executeAccusation', [id]), 'AccusationNotPending');
      assert.equal((await info(accused)).bond, bondBefore);
      assert.equal(await status(accused), 1);

      // A second accusation that is not answered in time is executed.
      const inputs2 = [keccak256(toHex('share-proof-statement'))];
      const stmt2 = statementOf(inputs2);
      const r2 = await accuse(await sigsFor(accusers, stmt2), stmt2);
      const [ev2] = await f.pub.getContractEvents({ address: S(), abi: slashingManagerAbi, eventName: 'Accused', fromBlock: r2.blockNumber, toBlock: r2.blockNumber });
      await H.warpTo(f, ev2.args.appealDeadline! + 1n);
      await H.expectRevert(appeal(await validProof(inputs2), inputs2, ev2.args.accusationId!), 'AppealWindowClosed');
      await H.tx(f.outsider, S(), slashingManagerAbi, 'executeAccusation', [ev2.args.accusationId!]);
      const pol = f.d.config.policies.accusation;
      assert.equal((await info(accused)).bond, bondBefore - pol.bondPenalty);
      assert.equal(await status(accused), 2);
      await H.expectRevert(H.tx(f.outsider, S(), slashingManagerAbi, 'executeAccusation', [ev2.args.accusationId!]), 'AccusationNotPending');
    }));

  it('a policy without expulsion slashes but keeps the member', () =>
    H.isolated(f, async () => {
      await H.tx(f.deployer, S(), slashingManagerAbi, 'setPolicy', [EvidenceKind.Equivocation, 10n ** 18n, 0n, false]);
      const node = members[2];
      const before = await info(node);
      const a = keccak256(toHex('p'));
      const b = keccak256(toHex('q'));
      await H.tx(f.outsider, S(), slashingManagerAbi, 'slashEquivocation', [
        e3Id, node, 9n, a, await signNodeMessage(accts[2], { ...msg(9n), payloadHash: a }), b, await signNodeMessage(accts[2], { ...msg(9n), payloadHash: b }),
      ]);
      const after = await info(node);
      assert.equal(after.bond, before.bond - 10n ** 18n);
      assert.equal(after.tickets, before.tickets);
      assert.equal(await status(node), 1);
    }));

  it('stake stays slashable during the exit delay', () =>
    H.isolated(f, async () => {
      const node = members[4];
      const signer = H.signerOf(f, node);
      await H.tx(signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'deregister');
      const before = await info(node);
      const a = keccak256(toHex('x'));
      const b = keccak256(toHex('y'));
      await H.tx(f.outsider, S(), slashingManagerAbi, 'slashEquivocation', [
        e3Id, node, 1n, a, await signNodeMessage(accts[4], { ...msg(1n), payloadHash: a }), b, await signNodeMessage(accts[4], { ...msg(1n), payloadHash: b }),
      ]);
      const after = await info(node);
      assert.equal(after.bond, before.bond - f.d.config.policies.equivocation.bondPenalty);
      await H.warpTo(f, after.exitUnlockAt);
      // Its E3 still runs: the stake stays locked (issue 8) until the E3 ends plus the exit delay.
      await H.expectRevert(H.tx(signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'withdrawExited'), 'OnActiveCommittee');
      await H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'markFailed', [e3Id]);
      await H.expectRevert(H.tx(signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'withdrawExited'), 'ExitDelayNotElapsed');
      await H.warpTo(f, await f.pub.readContract({ address: f.d.contracts.operatorRegistry, abi: operatorRegistryAbi, functionName: 'exitUnlockAt', args: [node] }));
      const bal = await H.balanceOf(f, node);
      await H.tx(signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'withdrawExited');
      assert.equal(await H.balanceOf(f, node), bal + after.bond + after.tickets * f.d.config.ticketPrice);
    }));

  it('configuration is owner-only', async () => {
    await H.expectRevert(H.tx(f.outsider, S(), slashingManagerAbi, 'setPolicy', [0, 1n, 1n, true]), 'NotOwner');
    await H.expectRevert(H.tx(f.outsider, S(), slashingManagerAbi, 'setProofVerifier', [3, f.d.contracts.attesterVerifier!, 1_000_000n]), 'NotOwner');
    await H.expectRevert(H.tx(f.deployer, S(), slashingManagerAbi, 'setProofVerifier', [3, f.outsider.account.address, 1_000_000n]), 'InvalidConfig');
    await H.expectRevert(H.tx(f.deployer, S(), slashingManagerAbi, 'setProofVerifier', [3, f.d.contracts.attesterVerifier!, 1000n]), 'InvalidConfig');
    await H.expectRevert(H.tx(f.deployer, S(), slashingManagerAbi, 'setProofVerifier', [PROOF_KIND, f.d.contracts.attesterVerifier!, 2_000_000n]), 'ProofKindAlreadySet');
    await H.expectRevert(H.tx(f.outsider, f.d.contracts.orchestrator, e3OrchestratorAbi, 'expelMember', [e3Id, members[0]]), 'NotSlasher');
    void parseEther;
  });
});
