/**
 * `npm run bench:zk`: compiles and proves the user-encryption circuit on the INSECURE sets and on
 * the production set, and writes bench/results/zk.json:
 *   { "<circuit>@<set>": { constraints, prove_ms, verify_gas, proof_bytes, peak_rss_mb, ... } }
 * Usage: npm run bench:zk [-- SET ...]   (default: INSECURE_N512 INSECURE_N1024 PRODUCTION_N8192)
 *        npm run bench:zk -- --user-encryption [SET ...]   (only the user-encryption records)
 * Not part of CI: the production set compiles for minutes and needs a 2^21-point CRS.
 */
import { loadavg } from 'node:os';
import { bfvParameters, PARAMETER_SETS, genSecretKey, genPublicKey, encryptWithWitness, encodeCoeffs, type BfvParametersLiteral } from '@interfold/bfv';
import { buildInputs } from '../src/userEncryption/witness.js';
import { UserEncryption } from '../src/userEncryption/bfv.js';
import { benchDecryption } from './decryption.js';
import { childPeakRssMb, ownPeakRssMb, resetPeakRss } from './rss.js';
import { writeZkRecords, ZK_RESULTS } from './records.js';

const OUT = ZK_RESULTS;

async function benchSet(lit: BfvParametersLiteral): Promise<Record<string, unknown>> {
  const params = bfvParameters(lit);
  const t0 = performance.now();
  const ue = await UserEncryption.load(params);
  const setupMs = performance.now() - t0;
  const nodeSetupPeak = ownPeakRssMb();
  const peakReset = resetPeakRss();
  try {
    const c = ue.circuit.circuit;
    const sk = genSecretKey(params);
    const pk = genPublicKey(params, sk);
    const message = Array.from({ length: params.N }, (_, j) => BigInt(j) % params.t);
    // One warm-up proof for the small sets (the first proof pays bb's CRS loading).
    const runs = params.N <= 1024 ? 3 : 1;
    const times: number[] = [];
    let last;
    for (let r = 0; r < runs; r++) {
      const t1 = performance.now();
      last = await ue.encryptAndProve(pk, message, { context: 1n });
      times.push(performance.now() - t1);
    }
    // Where the time goes (one more run, step by step).
    const s0 = performance.now();
    const { witness } = encryptWithWitness(params, pk, encodeCoeffs(params, message));
    const s1 = performance.now();
    const { inputs } = buildInputs(witness, ue.circuit.layout, { context: 1n });
    const s2 = performance.now();
    const solved = await c.witness(inputs);
    const s3 = performance.now();
    await c.proveFromWitness(solved);
    const s4 = performance.now();
    const breakdown = {
      bfv_encrypt_with_witness: Math.round(s1 - s0),
      inputs_and_challenges_ts: Math.round(s2 - s1),
      noir_js_execute: Math.round(s3 - s2),
      bb_prove: Math.round(s4 - s3),
    };
    const bbPeak = childPeakRssMb();
    const input = last!;
    const direct = await c.verify(input.proof);
    const viaInput = await ue.verifyInput(input.pkCommitment, input.ciphertext, input.proof, input.context);
    if (!direct.ok || !viaInput.ok) throw new Error(`verification failed: ${direct.reason ?? ''} ${viaInput.reason ?? ''}`);
    const nodeRss = process.resourceUsage().maxRSS / 1024;
    const nodeProvePeak = peakReset ? ownPeakRssMb() : undefined;
    const sorted = [...times].sort((a, b) => a - b);
    return {
      constraints: c.stats.gates,
      prove_ms: Math.round(sorted[Math.floor(sorted.length / 2)]!),
      verify_gas: Number(direct.gasUsed),
      proof_bytes: input.proof.proof.length,
      peak_rss_mb: Math.round(Math.max(bbPeak, nodeProvePeak ?? nodeRss)),
      // Details.
      circuit_size: c.stats.dyadic,
      input_verify_gas: Number(viaInput.gasUsed),
      prove_runs_ms: times.map(Math.round),
      prove_breakdown_ms: breakdown,
      setup_ms_incl_compile_crs_vk: Math.round(setupMs),
      bb_peak_rss_mb: bbPeak,
      node_peak_rss_mb: Math.round(nodeRss),
      // Node's peak while encrypting, proving and verifying only (VmHWM reset after setup); the
      // process-lifetime peak above includes the noir_wasm compile when the artifact was not cached.
      node_peak_rss_mb_proving: nodeProvePeak,
      node_peak_rss_mb_setup: nodeSetupPeak,
      crs: c.crs.kind,
      crs_points: c.crs.points,
      N: params.N,
      limbs: params.L,
      public_inputs: input.proof.publicInputs.length,
      measured_at: new Date().toISOString(),
      // The machine is shared: timings at a load average well above 2 are not idle figures.
      load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
      threads: 'native bb, all cores of this machine (2)',
    };
  } finally {
    await ue.close();
  }
}

const onlyUserEncryption = process.argv.includes('--user-encryption');
// `--dkg`: only the DKG records (bench/dkg.ts), e.g. the production DKG proved:
// DKG_BENCH_N=3 DKG_BENCH_PROVE=1 npm run bench:zk -- PRODUCTION_N8192 --dkg
const onlyDkg = process.argv.includes('--dkg');
const argSets = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sets = argSets.length ? argSets : ['INSECURE_N512', 'INSECURE_N1024', 'PRODUCTION_N8192'];
const all = Object.values(PARAMETER_SETS) as BfvParametersLiteral[];
// The records this run produced, each save writes them over zk.json as it is now (bench/records.ts).
const produced: Record<string, unknown> = {};
function save(records: Record<string, unknown> = {}): void {
  Object.assign(produced, records);
  writeZkRecords(produced);
}
for (const name of onlyDkg ? [] : sets) {
  const lit = all.find((s) => s.name === name);
  if (!lit) throw new Error(`unknown parameter set ${name}; known: ${all.map((s) => s.name).join(', ')}`);
  console.log(`user_encryption@${name}: compiling / proving ...`);
  const r = await benchSet(lit);
  console.log(JSON.stringify(r));
  save({ [`user_encryption@${name}`]: r });
  if (onlyUserEncryption) continue;
  console.log(`decryption (C6, C7)@${name} ...`);
  save(await benchDecryption(lit));
}
if (onlyUserEncryption) {
  console.log(`wrote ${OUT}`);
  process.exit(0);
}
// DKG circuits C0-C5 (issue 9): "dkg@<set>/n=<n>" records, bench/dkg.ts.
const { benchDkg } = await import('./dkg.js');
await benchDkg(sets, produced, () => save());
// The key fold (issue 9): "dkg_pk_aggregate@<set>/n=3", bench/keyFold.ts; INSECURE_N512 only here
// (2^22; the production one: node --import tsx packages/circuits/bench/keyFold.ts PRODUCTION_N8192 3).
const { benchKeyFold, mergeKeyFold } = await import('./keyFold.js');
for (const name of sets.filter((s) => s === 'INSECURE_N512')) {
  Object.assign(produced, await benchKeyFold(name, 3));
  mergeKeyFold(produced, name, 3);
  save();
}
if (onlyDkg) {
  console.log(`wrote ${OUT}`);
  process.exit(0);
}
// The decryption fold (issue 10): "decryption_aggregate@<set>/T=1", bench/aggregate.ts. INSECURE_N512
// only: the fold is 2^21 there; at production C7's relations alone are ~1.8 M gates (a 2^22 fold).
const { benchDecryptionFold } = await import('./aggregate.js');
for (const name of sets.filter((s) => s === 'INSECURE_N512')) {
  save(await benchDecryptionFold(name, 1));
}
console.log(`wrote ${OUT}`);
