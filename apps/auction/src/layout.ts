/**
 * The slot layout of the sealed-bid auction (docs/apps/auction.md). K price levels 1..K; three
 * blocks of K SIMD slots; level k of block j is slot j·K + (k − 1). SIMD products are slot-wise
 * (bfv encoder.ts) and we have no rotations, so every term that must meet another in a slot is
 * placed there by the bidder's encoding.
 */
import type { BfvParameters } from '@interfold/bfv';
import { AuctionConfigError } from './errors.js';

export const BLOCKS = 3;

export type AuctionLayout = {
  readonly levels: number;
  /** Largest bidder count (ids 1..maxBidders; fixed before the DKG: it sets the noise budget). */
  readonly maxBidders: number;
  readonly slots: number;
};

export function auctionLayout(params: BfvParameters, levels: number, maxBidders: number): AuctionLayout {
  if (!params.slots) throw new AuctionConfigError('The auction needs SIMD slots (t prime, t ≡ 1 mod 2N)', { details: params.name });
  if (!Number.isSafeInteger(levels) || levels < 1 || BLOCKS * levels > params.N) {
    throw new AuctionConfigError('Bid levels out of range', { details: `levels = ${levels}; at most ⌊N/${BLOCKS}⌋ = ${Math.floor(params.N / BLOCKS)} for ${params.name}` });
  }
  // Counts and ids live in Z_t: a count C ≤ maxBidders must stay non-zero mod t, an id must not wrap.
  if (!Number.isSafeInteger(maxBidders) || maxBidders < 1 || BigInt(maxBidders) >= params.t) {
    throw new AuctionConfigError('Bidder cap out of range', { details: `maxBidders = ${maxBidders}; must be below t = ${params.t}` });
  }
  return Object.freeze({ levels, maxBidders, slots: BLOCKS * levels });
}

/** Slot of level k (1..K) in block j (0..2). */
export const slot = (layout: AuctionLayout, block: number, k: number): number => block * layout.levels + (k - 1);
