import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource, type RandomSource } from '@interfold/ring';
import { DepthSession, combineDecryptionShares, decryptionShare, runDkg, runRlk } from '@interfold/threshold';
import {
  AUCTION_DEPTH,
  AuctionConfigError,
  AuctionOutputError,
  InvalidBidError,
  auctionLayout,
  bidVectors,
  checkBid,
  computeAuction,
  decodeAuction,
  encodeBid,
  encryptBid,
  maskContribution,
  plainAuction,
  runAuction,
  slot,
} from '../src/index.js';

const params = B.bfvParameters(B.INSECURE_N1024);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N1024);
const sources = (tag: string) => (id: number): RandomSource => new SeededSource(`${tag}/${id}`, 'test/auction');
const base = { params, transport, n: 3, T: 1, levels: 8, lambda: 30 };

describe('sealed-bid auction (first price) under the threshold key', () => {
  it('releases the winner and the price, equal to the plaintext auction; below the price every slot is masked', () => {
    const bids = [3, 7, 5, 2, 7 - 1, 1];
    const r = runAuction({ ...base, bids, seed: 'a1', sources: sources('a1'), bidderSource: new SeededSource('bidders', 'test') });
    assert.deepEqual(r.outcome, { kind: 'winner', price: 7, winner: 2 });
    assert.ok(r.correct);
    const layout = auctionLayout(params, 8, bids.length);
    const v = B.decodeSlots(r.released);
    // what the bids would expose unmasked: counts D(k) and id sums A(k) at each level k < 7
    for (let k = 1; k < 7; k++) {
      const D = bids.filter((b) => b === k).length;
      const A = bids.reduce((s, b, i) => s + (b === k ? i + 1 : 0), 0);
      assert.notEqual(v[slot(layout, 2, k)], D, `count at level ${k} exposed`);
      assert.notEqual(v[slot(layout, 1, k)], A, `id sum at level ${k} exposed`);
      assert.notEqual(v[slot(layout, 0, k)], 0);
    }
    assert.equal(v[slot(layout, 0, 8)], 0);
  });

  it('a tie releases the price and the number of top bids, not their ids; decryption through another T+1 subset', () => {
    const r = runAuction({ ...base, bids: [5, 2, 5, 4], decryptors: [2, 3], seed: 'a2', sources: sources('a2') });
    assert.deepEqual(r.outcome, { kind: 'tie', price: 5, count: 2 });
    assert.ok(r.correct);
    const layout = auctionLayout(params, 8, 4);
    assert.notEqual(B.decodeSlots(r.released)[slot(layout, 1, 5)], 1 + 3);
  });

  it('an invalid bid is not admitted and the auction proceeds without it', () => {
    const r = runAuction({ ...base, bids: [4, 9, 0, 6, 2], maxBidders: 5, seed: 'a4', sources: sources('a4') });
    assert.deepEqual(r.rejected, [2, 3]);
    assert.deepEqual(r.outcome, { kind: 'winner', price: 6, winner: 4 });
    assert.ok(r.correct);
  });

  it('validity statement: accepts exactly the encodings of one level for the bidder id', () => {
    const layout = auctionLayout(params, 8, 10);
    for (let level = 1; level <= 8; level++) assert.equal(checkBid(layout, 4, encodeBid(params, layout, level, 4)), level);
    const v = bidVectors(params, layout, 3, 4);
    const enc = (x: number[], w: number[], y: number[]) => ({ x: B.encodeSlots(params, x), w: B.encodeSlots(params, w), y: B.encodeSlots(params, y) });
    const twice = v.x.slice();
    twice[slot(layout, 0, 2)] = 2; // a double vote at one level
    assert.throws(() => checkBid(layout, 4, enc(twice, v.w, v.y)), InvalidBidError);
    const gap = v.x.slice();
    gap[slot(layout, 0, 2)] = 0; // non-monotone thermometer
    assert.throws(() => checkBid(layout, 4, enc(gap, v.w, v.y)), InvalidBidError);
    assert.throws(() => checkBid(layout, 5, enc(v.x, v.w, v.y)), /Y/); // someone else's id
    const stray = v.y.slice();
    stray[params.N - 1] = 1; // anything outside the layout
    assert.throws(() => checkBid(layout, 4, enc(v.x, v.w, stray)), InvalidBidError);
    assert.throws(() => checkBid(layout, 4, enc(new Array(params.N).fill(0), v.w, v.y)), /no level/);
    assert.throws(() => encodeBid(params, layout, 9, 1), InvalidBidError);
    assert.throws(() => encodeBid(params, layout, 0, 1), InvalidBidError);
    assert.throws(() => encodeBid(params, layout, 3, 11), InvalidBidError);
    assert.throws(() => auctionLayout(params, 342, 10), AuctionConfigError);
    assert.throws(() => auctionLayout(params, 8, 12289), AuctionConfigError);
    assert.deepEqual(plainAuction([]), { kind: 'no-bids' });
  });

  it('a wrong relinearisation key is detected at decoding (the output is not of the auction shape)', () => {
    const layout = auctionLayout(params, 8, 3);
    const session = new DepthSession({ params, transport, n: 3, T: 1, seed: 'a3', maxInputs: 3, lambda: 30, ...AUCTION_DEPTH });
    const dkg = runDkg(session, { sources: sources('a3') });
    const src = new SeededSource('a3-users', 'test');
    const bids = [4, 6, 1].map((level, i) => encryptBid(params, dkg.pk, encodeBid(params, layout, level, i + 1), i + 1, src));
    const masks = dkg.authorised.map((id) => maskContribution(params, dkg.pk, id, src));
    const wrong = B.genRelinKey(params, B.genSecretKey(params, src), src); // a key for another secret
    const out = computeAuction(params, layout, wrong, bids, masks);
    const shares = [1, 2].map((id) => decryptionShare(params, dkg.keyShares.get(id)!, out));
    assert.throws(() => decodeAuction(layout, combineDecryptionShares(params, shares, 1).plaintext), AuctionOutputError);
    // and with the right key the same inputs decode (key shares of a fresh DKG: one decryption per share)
    const { rlk } = runRlk(dkg, { sources: sources('a3r') });
    const good = computeAuction(params, layout, rlk, bids, masks);
    assert.throws(() => decryptionShare(params, dkg.keyShares.get(1)!, good), /smudging|once|another/i);
    assert.throws(() => computeAuction(params, layout, rlk, [], masks), AuctionConfigError);
  });
});
