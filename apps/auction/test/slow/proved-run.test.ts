/**
 * The in-process E3 with proved bids (runProvedAuction, INSECURE_N1024, K = 4): every bid carries
 * a noir/auction_bid proof verified before it is admitted. A forged bid (a W vector with −1 in
 * every block-2 slot, outside the one-hot layout: the kind of vector that could cancel masked
 * terms, docs/apps/auction.md "What is checked") cannot be proved: the circuit refuses it, it is
 * not admitted, and the released outcome equals the plaintext auction of the honest bids. Not in CI (a 2^19 circuit: compile ≈ 2–7 min on a
 * cold cache, ≈ 50 s per proof on this loaded 2-core machine):
 *   node --import tsx --test apps/auction/test/slow/proved-run.test.ts
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource, type RandomSource } from '@interfold/ring';
import { AuctionBidCircuit } from '@interfold/circuits';
import { auctionLayout, bidVectors, runProvedAuction, slot } from '../../src/index.js';

const params = B.bfvParameters(B.INSECURE_N1024);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N1024);
const K = 4;
const sources = (id: number): RandomSource => new SeededSource(`proved/${id}`, 'test/auction');
let circuit: AuctionBidCircuit;

before(async () => {
  circuit = await AuctionBidCircuit.load(params, { levels: K });
});
after(async () => {
  await circuit?.close();
});

test('proved bids are admitted; a forged bid is refused by the circuit and the outcome is the honest auction', async () => {
  const bids = [3, 2, 1];
  const layout = auctionLayout(params, K, bids.length);
  // Bidder 3 is well formed at level 1 in X and Y but puts t − 1 (= −1) in every block-2 slot of W.
  const forged = (id: number) => {
    if (id !== 3) return undefined;
    const v = bidVectors(params, layout, 1, id);
    for (let k = 1; k <= K; k++) v.w[slot(layout, 2, k)] = Number(params.t) - 1;
    return { x: B.encodeSlots(params, v.x), w: B.encodeSlots(params, v.w), y: B.encodeSlots(params, v.y) };
  };
  const r = await runProvedAuction({ params, transport, n: 3, T: 1, levels: K, bids, lambda: 30, seed: 'proved', sources, bidderSource: new SeededSource('bidders', 'proved'), circuit, forged });
  assert.deepEqual(r.rejected, [3]);
  assert.deepEqual(r.outcome, { kind: 'winner', price: 3, winner: 1 });
  assert.ok(r.correct);
  assert.ok(r.proving.proofBytes > 0 && r.proving.verifyGas > 0n);
});
