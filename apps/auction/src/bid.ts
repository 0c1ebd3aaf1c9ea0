/**
 * A bid: level b ∈ [1, K] by bidder `id` (its public position in the E3's input list, 1-based),
 * as three slot vectors (layout.ts):
 *   X = [ T_b(k) | T_b(k+1) | T_b(k+1) ]      T_b(k) = [b ≥ k]   (thermometer)
 *   W = [ 0      | O_b(k)   | 0        ]      O_b(k) = [b = k]   (one-hot)
 *   Y = [ 0      | id·O_b(k)| O_b(k)   ]
 * X and W are multiplied by the committee's masks in `compute`; Y is only added.
 *
 * `checkBid` is the validity statement (spec 003's "validity circuit per program"): the three
 * plaintexts are exactly this encoding of some b ∈ [1, K] for this id. Run on the opened
 * plaintexts it is what the validity proof establishes; see docs/apps/auction.md for what is and
 * is not proved today.
 */
import { decodeSlots, encodeSlots, encrypt, type BfvParameters, type Ciphertext, type Plaintext, type PublicKey } from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import { InvalidBidError } from './errors.js';
import { slot, type AuctionLayout } from './layout.js';

export type BidPlaintexts = { readonly x: Plaintext; readonly w: Plaintext; readonly y: Plaintext };
export type EncryptedBid = { readonly bidder: number; readonly x: Ciphertext; readonly w: Ciphertext; readonly y: Ciphertext };

function checkId(layout: AuctionLayout, id: number): void {
  if (!Number.isSafeInteger(id) || id < 1 || id > layout.maxBidders) throw new InvalidBidError('Bidder id out of range', { details: `id ${id}, cap ${layout.maxBidders}` });
}

/** The slot vectors of bid `level` by bidder `id` (length N). */
export function bidVectors(params: BfvParameters, layout: AuctionLayout, level: number, id: number): { x: number[]; w: number[]; y: number[] } {
  checkId(layout, id);
  if (!Number.isSafeInteger(level) || level < 1 || level > layout.levels) throw new InvalidBidError('Bid level out of range', { details: `level ${level}, levels 1..${layout.levels}` });
  const x = new Array<number>(params.N).fill(0), w = x.slice(), y = x.slice();
  for (let k = 1; k <= layout.levels; k++) {
    const T = level >= k ? 1 : 0, T1 = level >= k + 1 ? 1 : 0, O = level === k ? 1 : 0;
    x[slot(layout, 0, k)] = T;
    x[slot(layout, 1, k)] = T1;
    x[slot(layout, 2, k)] = T1;
    w[slot(layout, 1, k)] = O;
    y[slot(layout, 1, k)] = id * O;
    y[slot(layout, 2, k)] = O;
  }
  return { x, w, y };
}

export function encodeBid(params: BfvParameters, layout: AuctionLayout, level: number, id: number): BidPlaintexts {
  const v = bidVectors(params, layout, level, id);
  return { x: encodeSlots(params, v.x), w: encodeSlots(params, v.w), y: encodeSlots(params, v.y) };
}

/**
 * Encrypts a bid under the threshold pk (OS CSPRNG unless a source is given). A proof of correct
 * encryption would take bfv `encryptWithWitness`'s witness instead (docs/apps/auction.md).
 */
export function encryptBid(params: BfvParameters, pk: PublicKey, pts: BidPlaintexts, bidder: number, src: RandomSource = cryptoSource): EncryptedBid {
  return Object.freeze({ bidder, x: encrypt(params, pk, pts.x, src), w: encrypt(params, pk, pts.w, src), y: encrypt(params, pk, pts.y, src) });
}

/** The validity statement: returns the level, or throws InvalidBidError. */
export function checkBid(layout: AuctionLayout, id: number, pts: BidPlaintexts): number {
  checkId(layout, id);
  const x = decodeSlots(pts.x), w = decodeSlots(pts.w), y = decodeSlots(pts.y);
  let level = 0;
  for (let k = 1; k <= layout.levels; k++) if (x[slot(layout, 0, k)] === 1) level = k;
  if (level === 0) throw new InvalidBidError('Bid has no level (thermometer starts at 0)');
  const want = bidVectors(pts.x.params, layout, level, id);
  for (const [name, got, exp] of [['X', x, want.x], ['W', w, want.w], ['Y', y, want.y]] as const) {
    const i = exp.findIndex((v, j) => v !== got[j]);
    if (i >= 0) throw new InvalidBidError(`Bid vector ${name} is not the encoding of one level`, { details: `slot ${i}: ${got[i]} ≠ ${exp[i]}` });
  }
  return level;
}
