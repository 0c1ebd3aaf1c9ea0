import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { keccak256, toHex, zeroAddress, type Address, type Hex } from 'viem';
import {
  e3OrchestratorAbi,
  operatorRegistryAbi,
  programRegistryAbi,
  AttestationKind,
  decryptionAttestationHash,
  encodeQuorumInput,
  inputAttestationHash,
  inputRootOf,
  pkAttestationHash,
  signAttestation,
  Stage,
} from '../src/index.js';
import * as H from './helpers.js';

describe('E3 orchestrator: every revert path with its custom error', () => {
  let f: H.Fixture;
  before(async () => {
    f = await H.setup({ operators: 6 });
  });
  after(async () => {
    await f?.close();
  });
  const O = () => f.d.contracts.orchestrator;
  const call = (fn: string, args: readonly unknown[] = [], by = f.outsider) => H.tx(by, O(), e3OrchestratorAbi, fn, args);
  const request = async (o: H.E3Overrides, by = f.requester) => call('request', [await H.requestParams(f, o)], by);

  it('request validates committee, schedule, parameter set, verifiers, fee, program, escrow', async () => {
    await H.expectRevert(request({ committeeSize: 3, threshold: 3 }), 'InvalidCommittee');
    await H.expectRevert(request({ committeeSize: 65, threshold: 1 }), 'InvalidCommittee');
    await H.expectRevert(request({ sortitionWindow: 0n }), 'InvalidSchedule');
    await H.expectRevert(request({ decryptionWindow: 0n }), 'InvalidSchedule');
    const t = await H.now(f);
    await H.expectRevert(request({ inputStart: t + 150n }), 'InvalidSchedule'); // before the key deadline
    await H.expectRevert(request({ inputStart: t + 1000n, inputEnd: t + 999n }), 'InvalidSchedule');
    await H.expectRevert(request({ paramSet: keccak256('0x01') }), 'UnknownParamSet');
    await H.expectRevert(request({ pkVerifier: f.outsider.account.address }), 'VerifierNotApproved');
    await H.expectRevert(request({ inputVerifier: f.d.contracts.attesterVerifier! }), 'VerifierNotApproved');
    await H.expectRevert(request({ decryptionVerifier: zeroAddress }), 'VerifierNotApproved');
    await H.expectRevert(request({ fee: 10n ** 18n - 1n }), 'FeeTooLow');
    await H.expectRevert(request({ programId: 99n }), 'UnknownProgram');
    await H.expectRevert(request({}, f.compute), 'TokenTransferFailed'); // no fee tokens approved
  });

  it('unknown E3 and wrong stage', async () => {
    await H.expectRevert(call('fixSeed', [999n]), 'UnknownE3');
    await H.expectRevert(call('markFailed', [999n]), 'UnknownE3');
    await H.expectRevert(f.pub.readContract({ address: O(), abi: e3OrchestratorAbi, functionName: 'getE3', args: [999n] }), 'UnknownE3');
  });

  it('walks one E3 and hits each stage-specific revert', async () => {
    const e3Id = await H.requestE3(f, { committeeSize: 3, threshold: 1 });
    let e = await H.getE3(f, e3Id);
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, '0x']), 'WrongStage');
    await H.expectRevert(call('finalizeCommittee', [e3Id]), 'SortitionStillOpen');
    await H.fixSeed(f, e3Id);
    const [o0, o1] = f.operators;
    await H.expectRevert(call('submitTicket', [e3Id, 0n], o0.signer), 'TicketOutOfRange');
    await H.expectRevert(call('submitTicket', [e3Id, 6n], o0.signer), 'TicketOutOfRange');
    await H.expectRevert(call('submitTicket', [e3Id, 1n], f.outsider), 'NodeNotActive');
    await call('submitTicket', [e3Id, 1n], o0.signer);
    await H.expectRevert(call('submitTicket', [e3Id, 2n], o0.signer), 'AlreadySubmitted');
    // a node that starts its exit after the request is no longer eligible
    await H.tx(o1.signer, f.d.contracts.operatorRegistry, operatorRegistryAbi, 'deregister');
    await H.expectRevert(call('submitTicket', [e3Id, 1n], o1.signer), 'NodeNotActive');
    for (const o of f.operators.slice(2, 4)) await call('submitTicket', [e3Id, 1n], o.signer);
    await H.warpTo(f, e.schedule.sortitionDeadline + 1n);
    await H.expectRevert(call('submitTicket', [e3Id, 1n], f.operators[4].signer), 'SortitionClosed');
    await call('finalizeCommittee', [e3Id]);
    await H.expectRevert(call('finalizeCommittee', [e3Id]), 'WrongStage');
    const members = [...(await f.pub.readContract({ address: O(), abi: e3OrchestratorAbi, functionName: 'committeeOf', args: [e3Id] }))] as Address[];
    const accts = H.memberAccounts(f, members);

    // public key: the quorum verifier rejects too few, non-member, tampered and malformed proofs
    const pkHash = pkAttestationHash(H.PK_COMMITMENT, H.PK_BYTES);
    const one = await H.quorumProof(f, accts.slice(0, 1), e3Id, AttestationKind.PublicKey, pkHash);
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, one]), 'PublicKeyRejected');
    const outsiderOp = f.operators.find((o) => !members.includes(o.account.address))!.account;
    const withOutsider = await H.quorumProof(f, [accts[0], outsiderOp], e3Id, AttestationKind.PublicKey, pkHash);
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, withOutsider]), 'PublicKeyRejected');
    const good = await H.quorumProof(f, accts.slice(0, 2), e3Id, AttestationKind.PublicKey, pkHash);
    const tamperedPk = (H.PK_BYTES.slice(0, -2) + 'ff') as Hex;
    await H.expectRevert(call('publishPublicKey', [e3Id, tamperedPk, H.PK_COMMITMENT, good]), 'PublicKeyRejected');
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, keccak256('0x02'), good]), 'PublicKeyRejected');
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, '0xdeadbeef']), 'PublicKeyRejected');
    const wrongKind = await H.quorumProof(f, accts.slice(0, 2), e3Id, AttestationKind.Decryption, pkHash);
    await H.expectRevert(call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, wrongKind]), 'PublicKeyRejected');
    await call('publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, good]);
    e = await H.getE3(f, e3Id);
    assert.equal(e.stage, Stage.KeyPublished);

    // inputs
    const data = await H.makeInput(f, e3Id, members, toHex('ct-1'));
    await H.expectRevert(call('publishInput', [e3Id, data]), 'InputWindowClosed'); // not open yet
    await H.warpTo(f, e.schedule.inputStart);
    // a quorum proof for ct-1 attached to another ciphertext
    const ct1Proof = await H.quorumProof(f, accts.slice(0, 2), e3Id, AttestationKind.Input, inputAttestationHash(e.pkCommitment, toHex('ct-1')));
    const forgedData = encodeQuorumInput(toHex('ct-forged'), ct1Proof);
    await H.expectRevert(call('publishInput', [e3Id, '0x1234']), 'InputRejected'); // malformed
    await H.expectRevert(call('publishInput', [e3Id, forgedData]), 'InputRejected');
    await call('publishInput', [e3Id, data]);
    await H.expectRevert(call('publishInput', [e3Id, await H.makeInput(f, e3Id, members, toHex('ct-2'))]), 'InputInvalidForProgram'); // one per sender
    await H.expectRevert(call('publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([data])], f.compute), 'InputWindowStillOpen');
    await H.warpTo(f, e.schedule.inputEnd + 1n);
    await H.expectRevert(call('publishInput', [e3Id, await H.makeInput(f, e3Id, members, toHex('ct-3'))], f.compute), 'InputWindowClosed');
    await H.expectRevert(call('publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([data])], f.requester), 'NotComputeProvider');
    await H.expectRevert(call('publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([])], f.compute), 'InputRootMismatch');
    await H.expectRevert(call('publishPlaintextOutput', [e3Id, H.PLAINTEXT, '0x']), 'WrongStage');
    await call('publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([data])], f.compute);

    // plaintext: tampered plaintext or commitment rejected
    const dec = decryptionAttestationHash(H.CT_COMMITMENT, H.PLAINTEXT);
    const decProof = await H.quorumProof(f, accts.slice(0, 2), e3Id, AttestationKind.Decryption, dec);
    await H.expectRevert(call('publishPlaintextOutput', [e3Id, toHex('plaintext: 43'), decProof]), 'PlaintextRejected');
    const otherE3 = await H.quorumProof(f, accts.slice(0, 2), e3Id + 1n, AttestationKind.Decryption, dec);
    await H.expectRevert(call('publishPlaintextOutput', [e3Id, H.PLAINTEXT, otherE3]), 'PlaintextRejected');
    await H.expectRevert(call('rejectCiphertextOutput', [e3Id, []]), 'QuorumNotReached');
    await call('publishPlaintextOutput', [e3Id, H.PLAINTEXT, decProof]);
    await H.expectRevert(call('markFailed', [e3Id]), 'NotFailable');
    await H.expectRevert(call('withdraw', [], f.compute), 'NothingToWithdraw');
    void signAttestation;
  });

  it('deadlines: public key and output after their deadlines', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f);
      const members = await H.formCommittee(f, e3Id);
      const e = await H.getE3(f, e3Id);
      await H.warpTo(f, e.schedule.keyDeadline + 1n);
      await H.expectRevert(H.publishKey(f, e3Id, members), 'DeadlinePassed');
    }));

  it('output after the compute deadline', () =>
    H.isolated(f, async () => {
      const e3Id = await H.requestE3(f);
      const members = await H.formCommittee(f, e3Id);
      await H.publishKey(f, e3Id, members);
      const e = await H.getE3(f, e3Id);
      await H.warpTo(f, e.schedule.computeDeadline + 1n);
      await H.expectRevert(call('publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([])], f.compute), 'DeadlinePassed');
    }));

  it('owner-only configuration and one-time wiring', async () => {
    await H.expectRevert(call('setParamSet', [keccak256('0x03'), true]), 'NotOwner');
    await H.expectRevert(call('setVerifierApproval', [f.outsider.account.address, 7]), 'NotOwner');
    await H.expectRevert(call('setFees', [0n, 0, 0]), 'NotOwner');
    await H.expectRevert(call('setFees', [0n, 10001, 0], f.deployer), 'InvalidBps');
    await H.expectRevert(call('setFees', [0n, 0, 10001], f.deployer), 'InvalidBps');
    await H.expectRevert(call('setSlasher', [f.outsider.account.address], f.deployer), 'SlasherAlreadySet');
    const P = f.d.contracts.programRegistry;
    await H.expectRevert(H.tx(f.outsider, P, programRegistryAbi, 'registerProgram', [f.d.contracts.devProgram!, 'x']), 'NotOwner');
    await H.expectRevert(H.tx(f.deployer, P, programRegistryAbi, 'registerProgram', [f.outsider.account.address, 'eoa']), 'NotAContract');
    await H.expectRevert(H.tx(f.deployer, P, programRegistryAbi, 'setProgramEnabled', [42n, false]), 'UnknownProgram');
    await H.isolated(f, async () => {
      await H.tx(f.deployer, P, programRegistryAbi, 'setProgramEnabled', [f.d.devProgramId!, false]);
      await H.expectRevert(request({}), 'UnknownProgram');
    });
  });
});
