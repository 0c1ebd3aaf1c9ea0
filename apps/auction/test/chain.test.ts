/**
 * The auction's bids on chain (anvil, INSECURE_N512, K = 4 levels, one real UltraHonk bid proof
 * through the deployed bid verifier): AuctionProgram + AuctionBidAdapter accept a registered
 * bidder's proved bid bound to its id and address, and refuse — with the adapter's reason — the
 * same bid with a tampered proof, replayed by another bidder (as is, or with the submitter
 * rewritten), a second bid of the same bidder, a bid from an unregistered address, a malformed
 * input, and any bid to an auction whose bidders are not registered. Bidders are registered only
 * by the requester, once, before inputs open, and only with this program's adapter as the E3's
 * input verifier. (Invalid bids — two levels, a level outside 1..K, Y with another id — are
 * refused by the circuit itself: packages/circuits/test/auction.test.ts.)
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { AuctionBidCircuit } from '@interfold/circuits';
import { auctionProgramAbi, decodeAuctionBidInput, encodeAuctionBidInput } from '@interfold/contracts';
import { BaseError, ContractFunctionRevertedError, toHex, type Hex } from 'viem';
import { devWallet, H, keyedE3, params, publishInput, testKey } from '../../ballot/test/onchain.js';
import { auctionLayout } from '../src/layout.js';
import { bidInputStatus, bidderIdOf, deployAuctionProgram, proveChainBid, registerBidders, type AuctionChainDeployment } from '../src/chain.js';

const K = 4;
const layout = auctionLayout(params, K, 8);
let f: H.Fixture;
let circuit: AuctionBidCircuit;
let auction: AuctionChainDeployment;
const pk = testKey('auction');

before(async () => {
  f = await H.setup({ operators: 3 });
  // The committed program.nr shape (INSECURE_N512, K = 4): the compile cache is shared with circuits' test.
  circuit = await AuctionBidCircuit.load(params, { levels: K });
  auction = await deployAuctionProgram(f.deployer, f.d, circuit, layout);
});

after(async () => {
  await circuit?.close();
  await f?.close();
});

const refuses = async (p: Promise<unknown>, name: string) =>
  assert.rejects(p, (e: unknown) => e instanceof BaseError && e.walk((x) => x instanceof ContractFunctionRevertedError && x.data?.errorName === name) !== null, name);

test('a registered bidder\'s proved bid is accepted once; tampered, replayed, unregistered or second bids are refused with a reason', async () => {
  const alice = f.outsider;
  const bob = f.compute;
  const mallory = devWallet(f, 4);
  const { e3Id, pkCommitment } = await keyedE3(f, {
    programId: auction.programId,
    inputVerifier: auction.inputAdapter,
    pk,
    beforeInputs: async (id) => {
      await refuses(registerBidders(mallory, auction.program, id, [alice.account.address]), 'NotRequester');
      await refuses(registerBidders(f.requester, auction.program, id, [alice.account.address, alice.account.address]), 'InvalidBidder');
      await registerBidders(f.requester, auction.program, id, [bob.account.address, alice.account.address]);
      await refuses(registerBidders(f.requester, auction.program, id, [mallory.account.address]), 'AlreadyConfigured');
    },
  });
  const aliceId = await bidderIdOf(f.pub, auction.program, e3Id, alice.account.address);
  assert.equal(aliceId, 2);
  const status = async (who: `0x${string}`, data: Hex) => (await bidInputStatus(f.pub, auction.inputAdapter, e3Id, pkCommitment, who, data)).name;

  const good = await proveChainBid(circuit, { chainId: f.chainId, orchestrator: f.d.contracts.orchestrator, e3Id, params, layout, publicKey: pk, bidder: alice.account.address, id: aliceId, level: 3 });
  assert.equal(await status(alice.account.address, good), 'Accepted');

  // Tampered proof (one byte), or one challenge changed.
  const bid = decodeAuctionBidInput(good);
  const flipped = `${bid.proof.slice(0, 1000)}${(parseInt(bid.proof[1000]!, 16) ^ 1).toString(16)}${bid.proof.slice(1001)}` as Hex;
  assert.equal(await status(alice.account.address, encodeAuctionBidInput({ ...bid, proof: flipped })), 'ProofRejected');
  assert.equal(await status(alice.account.address, encodeAuctionBidInput({ ...bid, gamma: [bid.gamma[0], bid.gamma[1] + 1n, bid.gamma[2]] })), 'ProofRejected');
  // Replayed: Bob submits Alice's bid as is, or naming himself (context and id both differ).
  assert.equal(await status(bob.account.address, good), 'SubmitterMismatch');
  await H.expectRevert(publishInput(f, bob, e3Id, good), 'InputRejected');
  const renamed = encodeAuctionBidInput({ ...bid, submitter: bob.account.address });
  assert.equal(await status(bob.account.address, renamed), 'ProofRejected');
  await H.expectRevert(publishInput(f, bob, e3Id, renamed), 'InputRejected');
  // Not a registered bidder; malformed input.
  assert.equal(await status(mallory.account.address, encodeAuctionBidInput({ ...bid, submitter: mallory.account.address })), 'NotRegistered');
  assert.equal(await status(bob.account.address, '0x1234'), 'MalformedInput');

  const receipt = await publishInput(f, alice, e3Id, good);
  console.log(`# publishInput of one bid (INSECURE_N512, K = ${K}): ${receipt.gasUsed} gas`);
  assert.equal(await f.pub.readContract({ address: auction.program, abi: auctionProgramAbi, functionName: 'hasBid', args: [e3Id, alice.account.address] }), true);
  // A second bid of Alice (here the same one): one bid per bidder.
  assert.equal(await status(alice.account.address, good), 'AlreadyBid');
  await H.expectRevert(publishInput(f, alice, e3Id, good), 'InputRejected');
});

test('an auction without registered bidders takes no bid; registering needs this program\'s adapter', async () => {
  const other = await H.requestE3(f, { programId: auction.programId });
  await refuses(registerBidders(f.requester, auction.program, other, [f.outsider.account.address]), 'WrongInputVerifier');
  const { e3Id, pkCommitment } = await keyedE3(f, { programId: auction.programId, inputVerifier: auction.inputAdapter, pk });
  await refuses(registerBidders(f.requester, auction.program, e3Id, [f.outsider.account.address]), 'InputsAlreadyOpen');
  const data = toHex(new Uint8Array(64));
  assert.equal((await bidInputStatus(f.pub, auction.inputAdapter, e3Id, pkCommitment, f.outsider.account.address, data)).name, 'NotConfigured');
  await H.expectRevert(publishInput(f, f.outsider, e3Id, data), 'InputRejected');
});
