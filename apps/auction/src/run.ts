/**
 * The auction as one E3 in one process (SYSTEM.md §3 without chain or network; threshold's
 * simulateE3 for the sum program): DKG (P1/P2) in a DepthSession budgeted for the auction's depth,
 * the relinearisation-key protocol (threshold rlk-dkg.ts), the committee's masks, bidders encrypt
 * (P3) and the validity statement is checked, the compute provider computes and every member
 * recomputes, T + 1 members decrypt (P4), and the decoded outcome is compared with the plaintext
 * auction of the same bids.
 */
import { asBfvParameters, type BfvParameters, type BfvParametersLiteral, type Plaintext } from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import { DepthSession, ciphertextDigest, combineDecryptionShares, decryptionShare, equalBytes, runDkg, runRlk } from '@interfold/threshold';
import { checkBid, encodeBid, encryptBid, type EncryptedBid } from './bid.js';
import { computeAuction } from './compute.js';
import { decodeAuction, plainAuction, type AuctionOutcome } from './decode.js';
import { AuctionOutputError, InvalidBidError } from './errors.js';
import { auctionLayout } from './layout.js';
import { maskContribution } from './masks.js';
import { AUCTION_DEPTH, AUCTION_LAMBDA } from './program.js';

export type RunAuctionOptions = {
  readonly params: BfvParameters | BfvParametersLiteral;
  readonly transport: BfvParameters | BfvParametersLiteral;
  readonly n: number;
  readonly T?: number;
  readonly levels: number;
  /** Bid levels, one per bidder (bidder ids 1..). */
  readonly bids: readonly number[];
  readonly maxBidders?: number;
  readonly lambda?: number;
  readonly seed?: Uint8Array | string;
  readonly decryptors?: readonly number[];
  readonly sources?: (id: number) => RandomSource;
  readonly bidderSource?: RandomSource;
  readonly onPhase?: (name: string, s: number) => void;
};

export type AuctionRun = {
  readonly outcome: AuctionOutcome;
  readonly expected: AuctionOutcome;
  readonly correct: boolean;
  /** Ids of the bids whose validity statement failed (not admitted). */
  readonly rejected: readonly number[];
  /** The released plaintext (public once decrypted): what anyone can inspect for leakage. */
  readonly released: Plaintext;
  /** Seconds: per-node rlk keygen (mean), per-bid encryption + validity check (mean), compute, decryption. */
  readonly timings: { readonly dkg: number; readonly rlkPerNode: number; readonly encryptPerBid: number; readonly compute: number; readonly decryption: number };
  readonly lambda: number;
};

const secs = (t0: number) => (performance.now() - t0) / 1000;

export function runAuction(o: RunAuctionOptions): AuctionRun {
  const params = asBfvParameters(o.params);
  const transport = asBfvParameters(o.transport);
  const maxBidders = o.maxBidders ?? o.bids.length;
  const layout = auctionLayout(params, o.levels, maxBidders);
  const lambda = o.lambda ?? AUCTION_LAMBDA;
  const phase = (name: string, s: number) => o.onPhase?.(name, s);

  let t0 = performance.now();
  const session = new DepthSession({ params, transport, n: o.n, T: o.T, seed: o.seed ?? cryptoSource.fill(new Uint8Array(32)), maxInputs: Math.max(maxBidders, o.n), lambda, ...AUCTION_DEPTH });
  const dkg = runDkg(session, { sources: o.sources });
  const dkgS = secs(t0);
  phase('P1/P2 DKG', dkgS);
  const rlkRun = runRlk(dkg, { sources: o.sources });
  const rlkPerNode = [...rlkRun.stats.values()].reduce((a, s) => a + s.ms, 0) / 1000 / rlkRun.stats.size;
  phase('rlk protocol (per node, mean)', rlkPerNode);

  const masks = dkg.authorised.map((id) => maskContribution(params, dkg.pk, id, o.sources?.(id)));

  // P3: bidders encode, encrypt; the E3 admits a bid only if its validity statement holds.
  t0 = performance.now();
  const bids: EncryptedBid[] = [];
  const rejected: number[] = [];
  o.bids.forEach((level, i) => {
    const id = i + 1;
    let pts;
    try {
      pts = encodeBid(params, layout, level, id);
      checkBid(layout, id, pts);
    } catch (e) {
      // An invalid bid is not admitted (its validity statement fails); the E3 proceeds without it.
      if (e instanceof InvalidBidError) return void rejected.push(id);
      throw e;
    }
    bids.push(encryptBid(params, dkg.pk, pts, id, o.bidderSource));
  });
  const encryptPerBid = secs(t0) / Math.max(1, o.bids.length);
  phase('P3 encrypt + validity (per bid)', encryptPerBid);

  t0 = performance.now();
  const out = computeAuction(params, layout, rlkRun.rlk, bids, masks);
  const compute = secs(t0);
  phase('compute', compute);
  // Each member recomputes (deterministic) and refuses to decrypt a different output.
  const again = computeAuction(params, layout, rlkRun.rlk, bids, masks);
  if (!equalBytes(ciphertextDigest(again), ciphertextDigest(out))) throw new AuctionOutputError('Recomputation differs from the posted output');

  t0 = performance.now();
  const decryptors = [...(o.decryptors ?? dkg.authorised.slice(0, session.T + 1))];
  const shares = decryptors.map((id) => decryptionShare(params, dkg.keyShares.get(id)!, out));
  const combined = combineDecryptionShares(params, shares, session.T, { ciphertext: out });
  const outcome = decodeAuction(layout, combined.plaintext);
  const decryption = secs(t0);
  phase('P4 decryption', decryption);

  for (const nz of rlkRun.noise.values()) for (const e of [...nz.e0, ...nz.e1, ...nz.e2, ...nz.e3]) e.fill(0);
  for (const p of dkg.parties.values()) p.dispose();
  for (const k of dkg.keyShares.values()) k.dispose();
  const expected = plainAuction(o.bids.map((b, i) => (rejected.includes(i + 1) ? 0 : b)));
  return { outcome, expected, rejected, correct: JSON.stringify(outcome) === JSON.stringify(expected), released: combined.plaintext, timings: { dkg: dkgS, rlkPerNode, encryptPerBid, compute, decryption }, lambda };
}
