/**
 * `npm run bench:auction`: the sealed-bid auction (apps/auction) end to end in one process at the
 * PRODUCTION set (N = 8192, 4×50-bit limbs; depth 1, λ = 64), for 10, 100 and 1000 bidders, one
 * fresh E3 each (DKG, rlk protocol, committee masks, bids, compute + recomputation, threshold
 * decryption), plus the bid validity proof (noir/auction_bid, UltraHonk) measured at the same set.
 * Writes bench/results/auction.json.
 *
 * The proof is per bid and does not depend on the number of bidders, so it is measured once per
 * run, in its own proved in-process E3 at PRODUCTION (`runProvedAuction` with
 * BENCH_AUCTION_PROOF_BIDS bids: each bidder encrypts with witnesses and proves, each proof is
 * verified by the deployed Solidity verifier before the bid is admitted), and added to every row:
 *
 *   encrypt_prove_s_per_bid  encrypt_s_per_bid + bid_proof_s
 *   encrypt_s_per_bid        encoding + the validity statement on the plaintexts + 3 encryptions,
 *                            measured in that row's E3 (mean over its bidders)
 *   bid_proof_s              AuctionBidCircuit.prove per bid (mean): circuit inputs and challenges
 *                            (TS), witness solving (noir_js), UltraHonk proof (native bb)
 *   compute_s                the program over all ciphertexts (sums, 2 multiplications + relin)
 *   rlk_keygen_s_per_node    both rounds of the rlk protocol for one member (mean)
 *   decryption_s             T + 1 decryption shares, combination and decoding
 *
 * If the proof cannot be made at PRODUCTION (e.g. out of memory), the failure is recorded in
 * `bid_proof.failed` and the proof is measured at INSECURE_N1024 instead; `bid_proof.parameter_set`
 * always says which set the proof time comes from.
 *
 * Environment: BENCH_AUCTION_BIDDERS (default 10,100,1000), BENCH_AUCTION_LEVELS (default 100),
 * BENCH_AUCTION_N (committee size, default 3; T = ⌊(n−1)/2⌋), BENCH_AUCTION_PROOF (0 skips the
 * proof: quick runs; default 1), BENCH_AUCTION_PROOF_BIDS (proved bids to average, default 2),
 * BENCH_AUCTION_PROOF_FALLBACK (0: no INSECURE_N1024 fallback), BENCH_AUCTION_PROOF_SET (the set
 * to prove at first, default PRODUCTION_N8192; INSECURE_N1024 checks the bench quickly). The first
 * run compiles the PRODUCTION circuit (noir_wasm, minutes to tens of minutes), generates the
 * INSECURE development CRS (2^22 + 1 points, minutes) and the verification key; all three are
 * cached (INTERFOLD_CACHE or ~/.cache/interfold) and excluded from the proof time
 * (`bid_proof.setup_s`).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as B from '@interfold/bfv';
import { AuctionBidCircuit, onDevCrsProgress } from '@interfold/circuits';
import { cryptoSource } from '@interfold/ring';
import { runAuction, runProvedAuction } from '../../apps/auction/src/index.js';
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
const proofOn = (process.env.BENCH_AUCTION_PROOF ?? '1') !== '0';
const [proofBids] = ints('BENCH_AUCTION_PROOF_BIDS', [2]);
const proofFallback = (process.env.BENCH_AUCTION_PROOF_FALLBACK ?? '1') !== '0';
const proofSetName = process.env.BENCH_AUCTION_PROOF_SET ?? 'PRODUCTION_N8192';

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
const r2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const load = () => loadavg().map(r2);
const secs = (t0: number) => (performance.now() - t0) / 1000;
const log = (m: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${m}`);

// Peak resident memory (Linux): VmHWM, reset by writing 5 to /proc/<pid>/clear_refs, so each
// figure covers only the window measured. The native bb prover is a child process of this one.
function childPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]) === process.pid) out.push(Number(d));
    } catch {
      /* process gone */
    }
  }
  return out;
}
/** VmHWM in GB (0 if unreadable). */
function peakGb(pid: number | 'self'): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024 / 1024;
  } catch {
    return 0;
  }
}
function resetPeak(pid: number | 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
const maxChildPeakGb = () => Math.max(0, ...childPids().map(peakGb));

type ProofSet = { readonly name: string; readonly params: B.BfvParametersLiteral; readonly transport: B.BfvParametersLiteral; readonly lambda?: number };
const PROOF_SETS: readonly ProofSet[] = [
  { name: 'PRODUCTION_N8192', params: B.PRODUCTION, transport: B.SHARE_TRANSPORT },
  // The auction's smallest depth-1 set (λ = 30 as in examples/auction.ts --insecure): fallback only.
  { name: 'INSECURE_N1024', params: B.INSECURE_N1024, transport: B.INSECURE_TRANSPORT_N1024, lambda: 30 },
];

/**
 * Loads the bid circuit for `set` and runs one proved in-process E3 with `proofBids` bids; every
 * AuctionBidCircuit.prove call (and, inside it, witness solving and the bb proof) is timed, and
 * the peak RSS of the bb prover and of this process is taken over the proving calls only.
 */
async function measureBidProof(set: ProofSet) {
  const params = B.bfvParameters(set.params);
  log(`bid proof @ ${set.name}, K = ${levels}: loading noir/auction_bid (compile, CRS, verification key; cached after the first run)`);
  let lastPct = -1;
  onDevCrsProgress((done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct >= lastPct + 5 || done === total) log(`  development CRS ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} points (${(lastPct = pct)}%)`);
  });
  const t0 = performance.now();
  const circuit = await AuctionBidCircuit.load(params, { levels });
  onDevCrsProgress(undefined);
  const setupS = secs(t0);
  const { gates, dyadic } = circuit.circuit.stats;
  log(`  loaded in ${setupS.toFixed(1)} s: ${gates.toLocaleString('en-US')} gates, 2^${Math.log2(dyadic)} dyadic, ${circuit.circuit.crs.kind} CRS`);
  const setupBbPeak = maxChildPeakGb();
  try {
    // Timers around the instance's methods (the package code itself is unchanged):
    // AuctionBidCircuit.prove → ZkCircuit.prove → ZkCircuit.witness + ZkCircuit.proveFromWitness.
    const zk = circuit.circuit;
    const prove = circuit.prove.bind(circuit), witness = zk.witness.bind(zk), proveFromWitness = zk.proveFromWitness.bind(zk);
    const proofS: number[] = [], witnessS: number[] = [], bbS: number[] = [], bbPeaks: number[] = [], loads: number[][] = [];
    circuit.prove = async (...args) => {
      const t = performance.now();
      log(`  proving bid ${proofS.length + 1} / ${proofBids} (load average ${load().join(', ')})`);
      const r = await prove(...args);
      proofS.push(secs(t));
      loads.push(load());
      log(`  bid ${proofS.length}: proof ${proofS.at(-1)!.toFixed(1)} s (witness ${witnessS.at(-1)?.toFixed(1)} s, bb ${bbS.at(-1)?.toFixed(1)} s, bb peak RSS ${bbPeaks.at(-1)?.toFixed(2)} GiB)`);
      return r;
    };
    zk.witness = async (inputs) => {
      const t = performance.now();
      const r = await witness(inputs);
      witnessS.push(secs(t));
      return r;
    };
    zk.proveFromWitness = async (w) => {
      const pids = childPids();
      const reset = pids.map(resetPeak).every(Boolean) && pids.length > 0;
      const t = performance.now();
      const r = await proveFromWitness(w);
      bbS.push(secs(t));
      bbPeaks.push(reset ? Math.max(0, ...pids.map(peakGb)) : Number.NaN);
      return r;
    };
    const nodeReset = resetPeak('self');
    const loadStart = load();
    const r = await runProvedAuction({
      params: set.params,
      transport: set.transport,
      n,
      T,
      levels,
      bids: randomLevels(proofBids),
      lambda: set.lambda,
      circuit,
      onPhase: (name, s) => log(`  [proved, ${proofBids} bids] ${name}: ${s.toFixed(3)} s`),
    });
    if (!r.correct || r.rejected.length > 0) {
      throw new BenchError('The proved auction rejected a bid or differs from the plaintext auction', { details: `rejected ${JSON.stringify(r.rejected)}; ${JSON.stringify(r.outcome)} vs ${JSON.stringify(r.expected)}` });
    }
    return {
      parameter_set: set.name,
      bid_levels: levels,
      bids_proved: proofS.length,
      bid_proof_s: r3(mean(proofS)),
      bid_proof_runs_s: proofS.map(r3),
      bid_proof_breakdown_s: {
        inputs_and_challenges_ts: r3(mean(proofS) - mean(witnessS) - mean(bbS)),
        noir_js_witness: r3(mean(witnessS)),
        bb_prove: r3(mean(bbS)),
      },
      encrypt_with_witness_and_prove_s_per_bid: r3(r.proving.provePerBid),
      bid_verify_s: r3(r.proving.verifyPerBid),
      bid_verify_gas: Number(r.proving.verifyGas),
      bid_proof_bytes: r.proving.proofBytes,
      bid_proof_gates: gates,
      bid_proof_dyadic: dyadic,
      bid_proof_dyadic_log2: Math.log2(dyadic),
      peak_rss_gb: r2(Math.max(...bbPeaks)),
      node_peak_rss_gb: nodeReset ? r2(peakGb('self')) : null,
      peak_rss_note:
        'GiB (2^30 bytes). peak_rss_gb: VmHWM of the native bb prover over the bb proving calls only (reset before each); node_peak_rss_gb: this process (witness solving, E3 state, verifier EVM) over the proved E3',
      setup_s: r3(setupS),
      setup_note: 'AuctionBidCircuit.load: compile (or artifact cache), CRS (generation or cache), verification key and Solidity verifier; not in bid_proof_s',
      setup_bb_peak_rss_gb: r2(setupBbPeak),
      crs: `${circuit.circuit.crs.kind}, ${circuit.circuit.crs.points.toLocaleString('en-US')} points`,
      prover: `native bb (bb.js NativeUnixSocket), UltraHonk, keccak transcript, ZK on, ${cpus().length} threads`,
      proved_e3_correct: r.correct,
      proved_e3_outcome: r.outcome,
      load_average_at_start: loadStart,
      load_average_after_each_proof: loads,
      measured_at: new Date().toISOString(),
    };
  } finally {
    await circuit.close();
  }
}

let bidProof: (Awaited<ReturnType<typeof measureBidProof>> & { failed?: unknown }) | undefined;
const failed: { parameter_set: string; error: string; details?: unknown; load_average: number[]; at: string }[] = [];
if (proofOn) {
  const first = PROOF_SETS.findIndex((s) => s.name === proofSetName);
  if (first < 0) throw new BenchError(`BENCH_AUCTION_PROOF_SET must be one of ${PROOF_SETS.map((s) => s.name).join(', ')}`, { details: proofSetName });
  for (const set of proofFallback ? PROOF_SETS.slice(first) : [PROOF_SETS[first]!]) {
    try {
      bidProof = await measureBidProof(set);
      break;
    } catch (e) {
      const err = e as { message?: string; details?: unknown; cause?: unknown };
      failed.push({ parameter_set: set.name, error: String(err.message ?? e), details: err.details ?? (err.cause ? String(err.cause) : undefined), load_average: load(), at: new Date().toISOString() });
      log(`bid proof @ ${set.name} FAILED: ${String(err.message ?? e)} ${err.details ? JSON.stringify(err.details) : ''}`);
    }
  }
  if (!bidProof) throw new BenchError('The bid proof could not be measured at any parameter set', { details: JSON.stringify(failed) });
  if (failed.length > 0) bidProof.failed = failed;
  log(`bid proof: ${JSON.stringify(bidProof)}`);
}

const runs = [];
for (const bidders of bidderCounts) {
  const bids = randomLevels(bidders);
  const r = runAuction({ params: B.PRODUCTION, transport: B.SHARE_TRANSPORT, n, T, levels, bids, onPhase: (name, s) => log(`  [${bidders}] ${name}: ${s.toFixed(3)} s`) });
  if (!r.correct) throw new BenchError('The auction result differs from the plaintext auction', { details: `${JSON.stringify(r.outcome)} vs ${JSON.stringify(r.expected)}` });
  const row = {
    bid_levels: levels,
    bidders,
    encrypt_prove_s_per_bid: r3(r.timings.encryptPerBid + (bidProof?.bid_proof_s ?? 0)),
    encrypt_s_per_bid: r3(r.timings.encryptPerBid),
    bid_proof_s: bidProof?.bid_proof_s ?? null,
    compute_s: r3(r.timings.compute),
    rlk_keygen_s_per_node: r3(r.timings.rlkPerNode),
    decryption_s: r3(r.timings.decryption),
    correct: r.correct,
    dkg_s: r3(r.timings.dkg),
    outcome: r.outcome,
    lambda: r.lambda,
    load_average_after: load(),
  };
  log(JSON.stringify(row));
  runs.push(row);
}

const proofText = !bidProof
  ? 'skipped (BENCH_AUCTION_PROOF=0): encrypt_prove_s_per_bid = encrypt_s_per_bid (encoding + validity statement on the plaintexts + 3 encryptions), no proof'
  : `encrypt_prove_s_per_bid = encrypt_s_per_bid (this row's E3: encoding + validity statement on the plaintexts + 3 encryptions, mean per bid) + bid_proof_s (measured: one noir/auction_bid UltraHonk proof per bid at ${bidProof.parameter_set}, K = ${levels}, mean of ${bidProof.bids_proved} bids proved and verified in a separate proved in-process E3, bid_proof below). The proof is per bid and independent of the number of bidders.${bidProof.parameter_set === 'PRODUCTION_N8192' ? '' : ` NOT at PRODUCTION: see bid_proof.failed.`} Development (insecure) CRS: proving cost is that of the ceremony CRS, soundness is not.`;

mkdirSync(dirname(RESULTS_PATH), { recursive: true });
writeFileSync(
  RESULTS_PATH,
  JSON.stringify(
    {
      parameter_set: 'PRODUCTION_N8192 (N = 8192, 4×50-bit limbs, t = 1097729), depth 1, committee masks',
      committee: { n, T },
      proof: proofText,
      bid_proof: bidProof ?? null,
      machine: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}; BFV single-threaded, bb prover ${cpus().length} threads`,
      command: [...Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_AUCTION_')).sort().map(([k, v]) => `${k}=${v}`), 'npm run bench:auction'].join(' '),
      runs,
    },
    null,
    2,
  ) + '\n',
);
log(`wrote ${RESULTS_PATH}`);
