/**
 * The auction's on-chain bid layout (src/auction.ts): AuctionBidAdapter's `data` round-trips
 * through encodeAuctionBidInput / decodeAuctionBidInput and decodes with the adapter's own
 * `decodeBid` (anvil); a non-bid is a typed error; every InputStatus has a reason. The adapter with
 * real proofs: apps/auction/test/chain.test.ts.
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { getAddress, type Hex } from 'viem';
import { AUCTION_BID_STATUS, auctionBidAdapterAbi, auctionBidAdapterBytecode, auctionBidStatus, decodeAuctionBidInput, encodeAuctionBidInput, InvalidArgumentError } from '../src/index.js';
import * as H from './helpers.js';

let f: H.Fixture;
before(async () => {
  f = await H.setup({ operators: 1 });
});
after(async () => {
  await f?.close();
});

const bid = {
  x: '0x0102' as Hex,
  w: `0x${'ab'.repeat(33)}` as Hex,
  y: '0x' as Hex,
  proof: `0x${'cd'.repeat(70)}` as Hex,
  alpha: [1n, 2n ** 200n, 3n] as const,
  gamma: [4n, 5n, 2n ** 253n] as const,
  submitter: getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8'),
};

test('a bid round-trips, and the adapter decodes the same fields', async () => {
  const data = encodeAuctionBidInput(bid);
  assert.deepEqual(decodeAuctionBidInput(data), { ...bid, alpha: [...bid.alpha], gamma: [...bid.gamma] });
  // The adapter's constructor only stores addresses: any will do for its pure decoder.
  const zero = `0x${'00'.repeat(20)}` as const;
  const hash = await f.deployer.deployContract({ abi: auctionBidAdapterAbi, bytecode: auctionBidAdapterBytecode, args: [zero, zero, zero, zero] });
  const adapter = (await f.pub.waitForTransactionReceipt({ hash })).contractAddress!;
  const onChain = await f.pub.readContract({ address: adapter, abi: auctionBidAdapterAbi, functionName: 'decodeBid', args: [data] });
  assert.deepEqual([onChain.x, onChain.w, onChain.y, onChain.proof, [...onChain.alpha], [...onChain.gamma], onChain.submitter], [bid.x, bid.w, bid.y, bid.proof, [...bid.alpha], [...bid.gamma], bid.submitter]);
});

test('a non-bid and an unknown status are typed errors; statuses in declaration order', () => {
  assert.throws(() => decodeAuctionBidInput('0x1234'), InvalidArgumentError);
  assert.throws(() => auctionBidStatus(AUCTION_BID_STATUS.length), InvalidArgumentError);
  assert.deepEqual(AUCTION_BID_STATUS.map((s) => s.name), ['Accepted', 'NotConfigured', 'SubmitterMismatch', 'MalformedInput', 'ProofRejected', 'NotRegistered', 'AlreadyBid']);
  assert.equal(auctionBidStatus(6n).name, 'AlreadyBid');
});
