/**
 * The sealed-bid auction as a program module (SYSTEM.md §6: parameter set, input encoding,
 * validity check, compute over ciphertexts, decode, leakage). First price: the highest level wins
 * and pays its bid; docs/apps/auction.md says why (depth 1, and a second-price output would have to
 * reveal the winner's own bid too without rotation keys), and states the leakage precisely.
 */
import { PRODUCTION, bfvParameters, type BfvParameters } from '@interfold/bfv';
import { checkBid, encodeBid, encryptBid } from './bid.js';
import { computeAuction } from './compute.js';
import { decodeAuction, plainAuction } from './decode.js';
import { auctionLayout, type AuctionLayout } from './layout.js';
import { maskContribution } from './masks.js';

/** Multiplicative depth and products per level: the noise budget the DKG fixes (mul-noise.ts). */
export const AUCTION_DEPTH = Object.freeze({ multiplications: 1, products: 2 });
/** Statistical security of smudging at PRODUCTION depth 1 (λ_max = 71 for n = 10, docs/PARAMETERS.md). */
export const AUCTION_LAMBDA = 64;

export const LEAKAGE = `First-price sealed-bid auction. Released (to everyone, once the committee decrypts): the top bid level h; the number c of bids at h; if c = 1, the winner's id. Nothing else about any bid: below h every slot is masked by committee randomness times a non-zero count, above h the slots are 0 or pure mask. A member, the requester and the compute provider see only ciphertexts; a coalition of T members holds T Shamir shares (nothing); T + 1 members can decrypt anything (the threshold assumption). With probability ≤ 3K/t per E3 a mask slot is 0 and one level's count is exposed. Invalid bids are excluded before the computation (when their validity proof fails); see docs/apps/auction.md.`;

export const auctionProgram = Object.freeze({
  name: 'auction/first-price/v1',
  /** The parameter set: PRODUCTION (N = 8192, 4 limbs) holds depth 1 with λ = 64. */
  params: (): BfvParameters => bfvParameters(PRODUCTION),
  depth: AUCTION_DEPTH,
  layout: (params: BfvParameters, levels: number, maxBidders: number): AuctionLayout => auctionLayout(params, levels, maxBidders),
  encode: encodeBid,
  encrypt: encryptBid,
  validity: checkBid,
  masks: maskContribution,
  compute: computeAuction,
  decode: decodeAuction,
  reference: plainAuction,
  leakage: LEAKAGE,
});
