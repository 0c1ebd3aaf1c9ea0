/**
 * Decoding the released plaintext (compute.ts for the meaning of each block). The decoder also
 * checks the output's shape: above the top level h blocks 0 and 2 must be 0, D(h) must be a count
 * in [1, maxBidders] and a sole winner's id a valid id; anything else means a wrong key, rlk or
 * computation (AuctionOutputError), not an auction result.
 */
import { decodeSlots, type Plaintext } from '@interfold/bfv';
import { AuctionOutputError } from './errors.js';
import { slot, type AuctionLayout } from './layout.js';

export type AuctionOutcome =
  | { readonly kind: 'winner'; readonly price: number; readonly winner: number }
  | { readonly kind: 'tie'; readonly price: number; readonly count: number }
  | { readonly kind: 'no-bids' };

export function decodeAuction(layout: AuctionLayout, pt: Plaintext): AuctionOutcome {
  const v = decodeSlots(pt);
  let h = 0;
  for (let k = 1; k <= layout.levels; k++) if (v[slot(layout, 0, k)] !== 0) h = k;
  for (let k = h + 1; k <= layout.levels; k++) {
    if (v[slot(layout, 2, k)] !== 0) throw new AuctionOutputError('Output is not of the auction shape', { details: `block 2, level ${k} above the top level ${h} is non-zero` });
  }
  if (h === 0) return Object.freeze({ kind: 'no-bids' });
  const count = v[slot(layout, 2, h)];
  if (count < 1 || count > layout.maxBidders) throw new AuctionOutputError('Output is not of the auction shape', { details: `top-level count ${count}` });
  if (count > 1) return Object.freeze({ kind: 'tie', price: h, count });
  const winner = v[slot(layout, 1, h)];
  if (winner < 1 || winner > layout.maxBidders) throw new AuctionOutputError('Output is not of the auction shape', { details: `winner id ${winner}` });
  return Object.freeze({ kind: 'winner', price: h, winner });
}

/** The same auction in the clear (first price; ties reported with their count). Level 0 = no bid. */
export function plainAuction(levels: readonly number[]): AuctionOutcome {
  const price = Math.max(0, ...levels);
  if (price === 0) return Object.freeze({ kind: 'no-bids' });
  const top = levels.flatMap((b, i) => (b === price ? [i + 1] : []));
  return top.length === 1 ? Object.freeze({ kind: 'winner', price, winner: top[0] }) : Object.freeze({ kind: 'tie', price, count: top.length });
}
