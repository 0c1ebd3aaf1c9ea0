/**
 * `npm run bench:auction`: the sealed-bid auction (apps/auction) end to end in one process at the
 * PRODUCTION set (N = 8192, 4×50-bit limbs; depth 1, λ = 64), for 10, 100 and 1000 bidders, one
 * fresh E3 each (DKG, rlk protocol, committee masks, bids, compute + recomputation, threshold
 * decryption). Writes bench/results/auction.json.
 *
 *   encrypt_prove_s_per_bid  encoding + the validity statement on the plaintexts + 3 encryptions
 *                            (no ZK proof is generated yet: docs/apps/auction.md)
 *   compute_s                the program over all ciphertexts (sums, 2 multiplications + relin)
 *   rlk_keygen_s_per_node    both rounds of the rlk protocol for one member (mean)
 *   decryption_s             T + 1 decryption shares, combination and decoding
 *
 * Environment: BENCH_AUCTION_BIDDERS (default 10,100,1000), BENCH_AUCTION_LEVELS (default 100),
 * BENCH_AUCTION_N (committee size, default 3; T = ⌊(n−1)/2⌋).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as B from '@interfold/bfv';
import { cryptoSource } from '@interfold/ring';
import { runAuction } from '../../apps/auction/src/index.js';
import { BenchError } from './errors.js';

const RESULTS_PATH = fileURLToPath(new URL('../results/auction.json', import.meta.url));

const ints = (name: string, dflt: number[]): number[] => {
  const raw = process.env[name];
  const xs = raw ? raw.split(',').map((s) => Number(s.trim())) : dflt;
  if (xs.some((x) => !Number.isSafeInteger(x) || x < 1)) throw new BenchError(`${name} must be positive integers`, { details: raw });
  return xs;
};
const bidderCounts = ints('BENCH_AUCTION_BIDDERS', [10, 100, 1000]);
const [levels] = ints('BENCH_AUCTION_LEVELS', [100]);
const [n] = ints('BENCH_AUCTION_N', [3]);
const T = Math.max(1, Math.floor((n - 1) / 2));

/** Bid levels from the OS CSPRNG, uniform in 1..levels (rejection sampling). */
function randomLevels(count: number): number[] {
  const lim = Math.floor(2 ** 32 / levels) * levels;
  const out: number[] = [];
  while (out.length < count) {
    const x = new DataView(cryptoSource.fill(new Uint8Array(4)).buffer).getUint32(0, true);
    if (x < lim) out.push((x % levels) + 1);
  }
  return out;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const runs = [];
for (const bidders of bidderCounts) {
  const bids = randomLevels(bidders);
  const r = runAuction({ params: B.PRODUCTION, transport: B.SHARE_TRANSPORT, n, T, levels, bids, onPhase: (name, s) => console.log(`  [${bidders}] ${name}: ${s.toFixed(3)} s`) });
  if (!r.correct) throw new BenchError('The auction result differs from the plaintext auction', { details: `${JSON.stringify(r.outcome)} vs ${JSON.stringify(r.expected)}` });
  const row = {
    bid_levels: levels,
    bidders,
    encrypt_prove_s_per_bid: r3(r.timings.encryptPerBid),
    compute_s: r3(r.timings.compute),
    rlk_keygen_s_per_node: r3(r.timings.rlkPerNode),
    decryption_s: r3(r.timings.decryption),
    correct: r.correct,
    dkg_s: r3(r.timings.dkg),
    outcome: r.outcome,
    lambda: r.lambda,
  };
  console.log(JSON.stringify(row));
  runs.push(row);
}

mkdirSync(dirname(RESULTS_PATH), { recursive: true });
writeFileSync(
  RESULTS_PATH,
  JSON.stringify(
    {
      parameter_set: 'PRODUCTION_N8192 (N = 8192, 4×50-bit limbs, t = 1097729), depth 1, committee masks',
      committee: { n, T },
      proof: 'none yet: encrypt_prove_s_per_bid is encoding + validity statement on the plaintexts + 3 encryptions (docs/apps/auction.md)',
      machine: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}, single-threaded`,
      runs,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${RESULTS_PATH}`);
