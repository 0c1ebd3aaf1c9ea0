/**
 * The program over ciphertexts (deterministic: every committee node recomputes it and compares the
 * digest with the compute provider's output, SYSTEM.md §6). With C(k) = #bids ≥ k, D(k) = #bids = k,
 * A(k) = Σ ids of bids = k (sums of the bidders' X, W, Y), and the committee's masks R, R':
 *
 *   out = R ⊙ ΣX + R' ⊙ (ΣW − [0|1|0]) + ΣY
 *   block 0:  R·C(k)                                → non-zero exactly for k ≤ h (the top level)
 *   block 1:  A(k) + R·C(k+1) + R'·(D(k) − 1)       → at k = h: the winner's id if D(h) = 1
 *   block 2:  D(k) + R·C(k+1)                       → at k = h: D(h), the number of top bids
 * Below h every value carries R·C(k+1) with C(k+1) ∈ [1, t) (non-zero mod the prime t), so it is
 * uniform; at k = h a tie leaves R'·(D − 1) on the id; above h everything is 0 or −R'.
 * Depth 1: two products (mul-noise.ts budget: multiplications 1, products 2).
 */
import { add, addMany, encodeSlots, mulRelin, subPlain, type BfvParameters, type Ciphertext, type RelinKey } from '@interfold/bfv';
import type { EncryptedBid } from './bid.js';
import { AuctionConfigError } from './errors.js';
import { slot, type AuctionLayout } from './layout.js';
import type { MaskContribution } from './masks.js';

export function computeAuction(params: BfvParameters, layout: AuctionLayout, rlk: RelinKey, bids: readonly EncryptedBid[], masks: readonly MaskContribution[]): Ciphertext {
  if (bids.length === 0) throw new AuctionConfigError('No bids to compute on');
  if (bids.length > layout.maxBidders) throw new AuctionConfigError('More bids than the bidder cap', { details: `${bids.length} > ${layout.maxBidders}` });
  if (masks.length === 0) throw new AuctionConfigError('No committee masks');
  const sx = addMany(params, bids.map((b) => b.x));
  const sw = addMany(params, bids.map((b) => b.w));
  const sy = addMany(params, bids.map((b) => b.y));
  const r = addMany(params, masks.map((m) => m.r));
  const r2 = addMany(params, masks.map((m) => m.r2));
  const ones = new Array<number>(params.N).fill(0);
  for (let k = 1; k <= layout.levels; k++) ones[slot(layout, 1, k)] = 1;
  const p1 = mulRelin(params, r, sx, rlk);
  const p2 = mulRelin(params, r2, subPlain(params, sw, encodeSlots(params, ones)), rlk);
  return add(params, add(params, p1, p2), sy);
}
