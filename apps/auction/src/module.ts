/**
 * The sealed-bid auction as a program module for the ciphernode daemons (the program plugin:
 * `createProgram(id)` → { id, name, depth, masks, compute }; daemon config `programs: [{ id, module }]`).
 *
 * `depth` (1 multiplication, 2 products) makes the committee's DKG also produce the
 * relinearisation key (node core/rlk.ts, Mouchet et al. 2021) and budget the smudging for one
 * product; `masks: 2` makes every member of the final A contribute two mask ciphertexts (R_i, R'_i:
 * uniform, from its own secret stream, encrypted under the E3's pk), so R = Σ R_i stays uniform to
 * the requester, the compute provider and any T members (masks.ts, SYSTEM.md §9). Both reach
 * `compute` in its context; every member recomputes the same output from the same rlk and masks.
 *
 * Inputs (today's input path: one ciphertext per input, the plain user-encryption proof): a bid is
 * three consecutive inputs of the E3's input list, X, W, Y at chain indices 3j, 3j + 1, 3j + 2, and
 * its bidder id is j + 1 (what its Y encodes). A triple with a missing or invalid member is not a
 * bid. Nothing on chain checks the layout yet (no bid-validity proof on this path): see
 * docs/apps/auction.md "What is checked and what is proved" — trusted bidders only.
 */
import type { BfvParameters, Ciphertext } from '@interfold/bfv';
import type { Program, ProgramContext, ProgramInput } from '@interfold/node';
import type { EncryptedBid } from './bid.js';
import { computeAuction } from './compute.js';
import { AuctionConfigError } from './errors.js';
import { auctionLayout, type AuctionLayout } from './layout.js';
import type { MaskContribution } from './masks.js';
import { AUCTION_DEPTH, auctionProgram } from './program.js';

export type { Program, ProgramInput, ProgramContext };

/** The module's fixed grid: every daemon and every bidder must use the same one. */
export const MODULE_LEVELS = 100;
/** Bidder ids 1..MODULE_MAX_BIDDERS (the core's smudging budget caps the inputs far lower: 64 by default). */
export const MODULE_MAX_BIDDERS = 1000;
/** Chain inputs per bid (X, W, Y). */
export const INPUTS_PER_BID = 3;

export function moduleLayout(params: BfvParameters): AuctionLayout {
  return auctionLayout(params, MODULE_LEVELS, MODULE_MAX_BIDDERS);
}

/** The bids of an input list: complete triples in chain order, bidder id = triple position + 1. */
export function bidsOf(inputs: readonly ProgramInput[]): EncryptedBid[] {
  const at = new Map<bigint, Ciphertext>();
  let last = -1n;
  for (const x of inputs) {
    at.set(x.index, x.ciphertext);
    if (x.index > last) last = x.index;
  }
  const bids: EncryptedBid[] = [];
  for (let j = 0n; INPUTS_PER_BID_BIG * j + 2n <= last; j++) {
    const x = at.get(3n * j), w = at.get(3n * j + 1n), y = at.get(3n * j + 2n);
    if (x && w && y) bids.push(Object.freeze({ bidder: Number(j) + 1, x, w, y }));
  }
  return bids;
}
const INPUTS_PER_BID_BIG = BigInt(INPUTS_PER_BID);

/** The members' masks as the program's contributions (two ciphertexts each, R_i and R'_i). */
export function masksOf(context: ProgramContext): MaskContribution[] {
  const masks = context.masks;
  if (!masks || masks.length === 0) throw new AuctionConfigError('The auction needs the committee’s mask ciphertexts (none in the context)');
  return masks.map((m) => {
    if (m.ciphertexts.length !== 2) throw new AuctionConfigError('A member’s masks must be two ciphertexts', { details: `member ${m.member}: ${m.ciphertexts.length}` });
    return Object.freeze({ member: m.member, r: m.ciphertexts[0]!, r2: m.ciphertexts[1]! });
  });
}

export function createProgram(id: bigint): Program {
  return Object.freeze({
    id,
    name: auctionProgram.name,
    depth: AUCTION_DEPTH,
    masks: 2,
    compute(params: BfvParameters, inputs: readonly ProgramInput[], context: ProgramContext): Ciphertext {
      const rlk = context.evaluationKey;
      if (!rlk) throw new AuctionConfigError('The auction needs the committee’s relinearisation key (none in the context)');
      return computeAuction(params, moduleLayout(params), rlk, bidsOf(inputs), masksOf(context));
    },
  });
}
