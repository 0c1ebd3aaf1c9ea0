/**
 * The ballot on chain (anvil, INSECURE_N512, real UltraHonk proofs through the deployed ballot
 * verifier): BallotProgram + ProgramInputAdapter accept a listed voter's one-hot ballot bound to
 * the voter, and refuse — with the adapter's reason — a ballot proved against another allowlist
 * (not eligible), an encryption-valid ballot choosing two options (out of range: no ballot
 * proof), a ballot copied by another address (as is, or with the submitter rewritten), and any
 * input to a poll whose allowlist is not fixed. The root is fixed only by the requester, once,
 * before inputs open, and only with this program's adapter as the E3's input verifier.
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeCoeffs, encryptWithWitness } from '@interfold/bfv';
import { BallotCircuit, centredCiphertext, closeUserEncryption, encodeCiphertext, encodeProgramInput, inputContext, userEncryptionFor } from '@interfold/circuits';
import { ballotProgramAbi } from '@interfold/contracts';
import { BaseError, ContractFunctionRevertedError, toHex, type Hex } from 'viem';
import { makePoll } from '../src/config.js';
import { ballotInputStatus, configurePoll, deployBallot, proveBallot, type BallotDeployment } from '../src/chain.js';
import { devWallet, H, keyedE3, params, publishInput, testKey } from './onchain.js';

let f: H.Fixture;
let circuit: BallotCircuit;
let ballot: BallotDeployment;
const pk = testKey('ballot');

before(async () => {
  f = await H.setup({ operators: 3 });
  // The committed program.nr shape (3 options, depth 2): the compile cache is shared with circuits' tests.
  circuit = await BallotCircuit.load(params, { options: 3, depth: 2 });
  ballot = await deployBallot(f.deployer, f.d, circuit);
});

after(async () => {
  await circuit?.close();
  await closeUserEncryption();
  await f?.close();
});

const refuses = async (p: Promise<unknown>, name: string) =>
  assert.rejects(p, (e: unknown) => e instanceof BaseError && e.walk((x) => x instanceof ContractFunctionRevertedError && x.data?.errorName === name) !== null, name);

test('a listed voter\'s ballot is accepted; not eligible, two options, copied, or unconfigured are refused with a reason', async () => {
  const alice = f.outsider;
  const bob = f.compute;
  const mallory = devWallet(f, 4);
  const poll = makePoll(params, { options: ['yes', 'no', 'abstain'], voters: [alice.account.address, bob.account.address, f.requester.account.address] });
  const { e3Id, pkCommitment } = await keyedE3(f, {
    programId: ballot.programId,
    inputVerifier: ballot.inputAdapter,
    pk,
    beforeInputs: async (id) => {
      await refuses(configurePoll(mallory, ballot.program, id, poll), 'NotRequester');
      await configurePoll(f.requester, ballot.program, id, poll);
      await refuses(configurePoll(f.requester, ballot.program, id, poll), 'AlreadyConfigured');
    },
  });
  const where = { chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, params, publicKey: pk };
  const status = async (who: `0x${string}`, data: Hex) => (await ballotInputStatus(f.pub, ballot.inputAdapter, e3Id, pkCommitment, who, data)).name;

  // Valid: Alice votes "no".
  const good = await proveBallot(circuit, { ...where, poll, voter: alice.account.address, choice: 'no' });
  assert.equal(await status(alice.account.address, good), 'Accepted');
  await publishInput(f, alice, e3Id, good);
  assert.equal(await f.pub.readContract({ address: ballot.program, abi: ballotProgramAbi, functionName: 'ballotsOf', args: [e3Id, alice.account.address] }), 1);

  // Not eligible: Mallory proves against an allowlist of her own making; the E3's root is not it.
  const hers = makePoll(params, { options: ['yes', 'no', 'abstain'], voters: [mallory.account.address, alice.account.address], depth: 2 });
  const forged = await proveBallot(circuit, { ...where, poll: hers, voter: mallory.account.address, choice: 'yes' });
  assert.equal(await status(mallory.account.address, forged), 'ProofRejected');
  await H.expectRevert(publishInput(f, mallory, e3Id, forged), 'InputRejected');

  // Copied: Alice's input submitted by Mallory as is, or by Bob (listed) naming himself.
  assert.equal(await status(mallory.account.address, good), 'SubmitterMismatch');
  await H.expectRevert(publishInput(f, mallory, e3Id, good), 'InputRejected');
  const renamed = (`${good.slice(0, 2 + 64 * 4)}${bob.account.address.slice(2).toLowerCase().padStart(64, '0')}${good.slice(2 + 64 * 5)}`) as Hex;
  assert.equal(await status(bob.account.address, renamed), 'ProofRejected');
  await H.expectRevert(publishInput(f, bob, e3Id, renamed), 'InputRejected');

  // Out of range: Bob encrypts a ballot choosing two options; only a plain encryption proof exists.
  const ue = await userEncryptionFor(params);
  const { ciphertext, witness } = encryptWithWitness(params, pk, encodeCoeffs(params, [1, 1, 0]));
  const context = inputContext({ chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, submitter: bob.account.address });
  const plain = await ue.circuit.proveWitness(witness, { context });
  const twoOptions = encodeProgramInput(encodeCiphertext(centredCiphertext(ciphertext), circuit.inner.layout), plain.proof, bob.account.address);
  assert.equal(await status(bob.account.address, twoOptions), 'ProofRejected');
  await H.expectRevert(publishInput(f, bob, e3Id, twoOptions), 'InputRejected');

  // A malformed input is a reason too, not a revert of the status call.
  assert.equal(await status(bob.account.address, '0x1234'), 'MalformedInput');
  assert.equal(await f.pub.readContract({ address: ballot.program, abi: ballotProgramAbi, functionName: 'ballotsOf', args: [e3Id, bob.account.address] }), 0);
});

test('an unconfigured poll takes no ballot; the root needs this program\'s adapter as input verifier', async () => {
  const poll = makePoll(params, { options: ['yes', 'no', 'abstain'], voters: [f.outsider.account.address] });
  // Another input verifier (the fixture's signature stand-in): configure refuses.
  const other = await H.requestE3(f, { programId: ballot.programId });
  await refuses(configurePoll(f.requester, ballot.program, other, poll), 'WrongInputVerifier');
  const { e3Id, pkCommitment } = await keyedE3(f, { programId: ballot.programId, inputVerifier: ballot.inputAdapter, pk });
  await refuses(configurePoll(f.requester, ballot.program, e3Id, poll), 'InputsAlreadyOpen');
  const data = toHex(new Uint8Array(64));
  assert.equal((await ballotInputStatus(f.pub, ballot.inputAdapter, e3Id, pkCommitment, f.outsider.account.address, data)).name, 'NotConfigured');
  await H.expectRevert(publishInput(f, f.outsider, e3Id, data), 'InputRejected');
});
