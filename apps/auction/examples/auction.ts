/**
 * A sealed-bid first-price auction end to end in one process: threshold DKG, the relinearisation-
 * key protocol, committee masks, encrypted bids, the program, threshold decryption; the released
 * winner and price are checked against a plaintext auction of the same bids.
 *
 *   node --import tsx apps/auction/examples/auction.ts [--bidders 10] [--levels 100] [--n 3] [--T 1] [--insecure] [--prove]
 *
 * --prove: every bid carries a noir/auction_bid validity proof (packages/circuits AuctionBidCircuit),
 * verified by the deployed Solidity verifier before the bid is admitted (first run: the circuit is
 * compiled and its CRS and key generated, then cached; INSECURE_N1024 only in practice — at
 * PRODUCTION the circuit is ≈ 2^22 gates, docs/apps/auction.md). Without it the validity
 * statement is checked in the clear (`checkBid`).
 *
 * Bids are drawn from the OS CSPRNG (rejection-sampled into 1..levels).
 */
import * as B from '@interfold/bfv';
import { cryptoSource } from '@interfold/ring';
import { AuctionBidCircuit } from '@interfold/circuits';
import { runAuction, runProvedAuction, type AuctionRun } from '../src/index.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer`);
  return v;
}

function randomLevel(levels: number): number {
  const lim = Math.floor(2 ** 32 / levels) * levels;
  for (;;) {
    const x = new DataView(cryptoSource.fill(new Uint8Array(4)).buffer).getUint32(0, true);
    if (x < lim) return (x % levels) + 1;
  }
}

const insecure = process.argv.includes('--insecure');
const bidders = arg('bidders', 10), levels = arg('levels', 100), n = arg('n', 3), T = arg('T', 1);
const params = insecure ? B.INSECURE_N1024 : B.PRODUCTION;
const transport = insecure ? B.INSECURE_TRANSPORT_N1024 : B.SHARE_TRANSPORT;
const bids = Array.from({ length: bidders }, () => randomLevel(levels));
console.log(`${params.name}: ${bidders} bidders, ${levels} levels, committee n = ${n}, T = ${T}${insecure ? ' (INSECURE test set, λ = 30)' : ''}`);
const opts = { params, transport, n, T, levels, bids, lambda: insecure ? 30 : undefined, onPhase: (name: string, s: number) => console.log(`  ${name.padEnd(34)} ${s.toFixed(3)} s`) };
let r: AuctionRun;
if (process.argv.includes('--prove')) {
  const t0 = performance.now();
  const circuit = await AuctionBidCircuit.load(B.bfvParameters(params), { levels });
  console.log(`  bid circuit: ${circuit.circuit.stats.gates} gates (2^${Math.log2(circuit.circuit.stats.dyadic)}), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const p = await runProvedAuction({ ...opts, circuit });
    console.log(`  proofs: ${p.proving.proofBytes} bytes, verifier gas ${p.proving.verifyGas}`);
    r = p;
  } finally {
    await circuit.close();
  }
} else {
  r = runAuction(opts);
}
const show = (o: typeof r.outcome) => (o.kind === 'winner' ? `winner bidder ${o.winner} at price level ${o.price}` : o.kind === 'tie' ? `tie of ${o.count} bids at price level ${o.price} (no winner released)` : 'no bids');
console.log(`released:  ${show(r.outcome)}  (λ = ${r.lambda})`);
console.log(`plaintext: ${show(r.expected)}`);
console.log(r.correct ? 'OK: the threshold result equals the plaintext auction' : 'MISMATCH');
if (!r.correct) process.exitCode = 1;
