/**
 * `npm run bench:zk:c6 [-- SET] [--c7]`: one committee member's decryption step with its proof (issue 10,
 * "decryption with proofs ≤ 60 s per node"), proved at the production set by default: a real DKG
 * (threshold, n = 3, T = 1, the production share-transport set), an output ciphertext, then for
 * member 1 its decryption share, the C6 circuit inputs, the witness (noir_js) and the UltraHonk
 * proof (native bb), verified in the deployed Solidity verifier (in-process EVM). Records
 *   "c6_decryption_share@<set>"  { constraints, circuit_size, proved: true, prove_s, verify_gas, ... }
 *   "decryption@<set>/n=3"       prove_s_per_node (share + inputs + witness + proof)
 * into bench/results/zk.json (records.ts: this run's records over the file as it is). With `--c7`, the whole
 * decryption for n = 3: member 2's C6 too, the aggregator's C7 over both shares (combined and
 * checked against the message), and all three proofs verified in their deployed verifiers:
 *   "c7_decode@<set>/shares=2"   { constraints, circuit_size, proved: true, prove_s, verify_gas, ... }
 *   "decryption@<set>/n=3"       { proofs, constraints_total, prove_s_per_node, aggregate_verify_gas }
 *
 * Not in CI: at PRODUCTION_N8192 C6 is a 2^21 circuit — its first compile takes minutes to tens
 * of minutes and it needs the 2^21 + 1-point CRS (the development one is made once per machine).
 */
import { loadavg } from 'node:os';
import * as B from '@interfold/bfv';
import { Session, runDkg, decryptionShare } from '@interfold/threshold';
import { DecodeCircuit, DecryptionShareCircuit } from '../src/decryption/circuits.js';
import { combineVerifiedShares, verifyDecryption } from '../src/decryption/aggregate.js';
import { buildC6Inputs, ciphertextCommitment } from '../src/decryption/shareWitness.js';
import { centredOutput, centredPoly, shareWitness } from '../src/decryption/threshold.js';
import { childPeakRssMb, ownPeakRssMb } from './rss.js';
import { readZkRecords, writeZkRecords, ZK_RESULTS } from './records.js';

const SETS: Record<string, { params: B.BfvParametersLiteral; transport: B.BfvParametersLiteral }> = {
  PRODUCTION_N8192: { params: B.PRODUCTION, transport: B.SHARE_TRANSPORT },
  INSECURE_N512: { params: B.INSECURE_N512, transport: B.INSECURE_TRANSPORT_N512 },
  INSECURE_N1024: { params: B.INSECURE_N1024, transport: B.INSECURE_TRANSPORT_N1024 },
};

const s = (ms: number): number => Number((ms / 1000).toFixed(2));

const args = process.argv.slice(2);
const withC7 = args.includes('--c7');
const name = args.find((a) => !a.startsWith('--')) ?? 'PRODUCTION_N8192';
const set = SETS[name];
if (!set) throw new Error(`unknown set ${name}: one of ${Object.keys(SETS).join(', ')}`);
const params = B.bfvParameters(set.params);
const transport = B.bfvParameters(set.transport);
const load0 = loadavg()[0]!;

console.log(`${name}: DKG (n = 3, T = 1) ...`);
let t = performance.now();
// The node's defaults at production (64 inputs, λ = 100); the INSECURE sets cannot carry them.
const smudging = name.startsWith('INSECURE') ? { maxInputs: 4, lambda: 30 } : { maxInputs: 64 };
const dkg = runDkg(new Session({ params, transport, n: 3, T: 1, seed: `bench-c6/${name}`, ...smudging }));
const dkgMs = performance.now() - t;
const message = Array.from({ length: params.N }, (_, j) => BigInt(j % Number(params.t)));
const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, message));

console.log(`${name}: C6 compile + keys (cached after the first run) ...`);
t = performance.now();
const c6 = await DecryptionShareCircuit.load(params);
const setupMs = performance.now() - t;
try {
  const key = dkg.keyShares.get(1)!;
  const e3Id = 1n;
  console.log(`${name}: member 1 — share, inputs, witness, proof ...`);
  const loadAtProof = loadavg()[0]!;
  const t0 = performance.now();
  const share = decryptionShare(params, key, ct);
  const t1 = performance.now();
  const w = shareWitness(params, key, ct, share);
  const { inputs, publicInputs } = buildC6Inputs(w, c6.layout, { e3Id, party: 1 });
  const t2 = performance.now();
  const witness = await c6.circuit.witness(inputs);
  const t3 = performance.now();
  const proof = await c6.circuit.proveFromWitness(witness);
  const t4 = performance.now();
  if (publicInputs.ctCommitment !== ciphertextCommitment(centredOutput(params, ct), c6.layout)) throw new Error('C6 names another ciphertext');
  const v = await c6.verify(proof, publicInputs);
  if (!v.ok) throw new Error(`C6 proof rejected: ${v.reason}`);
  const c6Record = {
    constraints: c6.circuit.stats.gates,
    circuit_size: c6.circuit.stats.dyadic,
    proved: true,
    prove_s: s(t4 - t3),
    witness_s: s(t3 - t2),
    share_s: s(t1 - t0),
    inputs_s: s(t2 - t1),
    node_total_s: s(t4 - t0),
    verify_gas: Number(v.gasUsed),
    proof_bytes: proof.proof.length,
    bb_peak_rss_mb: childPeakRssMb(),
    node_peak_rss_mb: ownPeakRssMb(),
    setup_s_incl_compile_vk: s(setupMs),
    dkg_s: s(dkgMs),
    crs: 'development (INSECURE)',
    loadavg_1m_at_start: Number(load0.toFixed(2)),
    loadavg_1m_before_proof: Number(loadAtProof.toFixed(2)),
    loadavg_1m_after_proof: Number(loadavg()[0]!.toFixed(2)),
    measured_at: new Date().toISOString(),
  };
  console.log(`c6_decryption_share@${name}`, JSON.stringify(c6Record));
  const current = readZkRecords() as Record<string, Record<string, unknown>>;
  current[`c6_decryption_share@${name}`] = { ...current[`c6_decryption_share@${name}`], ...c6Record };
  // A gate-count-only record (the production set) gets its per-node time; a record the proved
  // bench (bench/decryption.ts) wrote keeps its own, consistent figures.
  const decKey = `decryption@${name}/n=3`;
  const dec = current[decKey] ?? {
    proofs: 3,
    constraints_total: null,
    aggregate_verify_gas: null,
    note: 'T + 1 = 2 C6 proofs and one C7 proof; C7 at this set not compiled here (estimated ≈ 1.8 M gates, docs/ZK.md), so the total and the aggregate gas are not measured',
    prove_s_per_node: null,
  };
  if (dec.prove_s_per_node === null) {
    current[decKey] = {
      ...dec,
      prove_s_per_node: c6Record.node_total_s,
      prove_s_per_node_note: `bench/c6.ts: one member's share + C6 inputs + witness + proof (${c6Record.prove_s} s of it in bb) at load ${c6Record.loadavg_1m_before_proof}–${c6Record.loadavg_1m_after_proof}`,
    };
  }
  if (withC7) {
    // Member 2's share and proof, then the aggregator: C7 over both, and the three verifications.
    console.log(`${name}: member 2 — share and C6 proof ...`);
    const key2 = dkg.keyShares.get(2)!;
    const u0 = performance.now();
    const share2 = decryptionShare(params, key2, ct);
    const p2 = await c6.prove(shareWitness(params, key2, ct, share2), { e3Id, party: 2 });
    const member2S = s(performance.now() - u0);
    console.log(`${name}: C7 compile + keys, then combine and prove ...`);
    const u1 = performance.now();
    const c7 = await DecodeCircuit.load(params, 2);
    const c7SetupS = s(performance.now() - u1);
    try {
      const ctx = {
        e3Id,
        ctCommitment: publicInputs.ctCommitment,
        T: 1,
        commitments: new Map([
          [1, { skCommitment: publicInputs.skCommitment, esmCommitment: publicInputs.esmCommitment }],
          [2, { skCommitment: p2.publicInputs.skCommitment, esmCommitment: p2.publicInputs.esmCommitment }],
        ]),
      };
      const received = [
        { party: 1, d: centredPoly(params, share.d), proof },
        { party: 2, d: centredPoly(params, share2.d), proof: p2.proof },
      ];
      const u2 = performance.now();
      const { decryption, decode } = await combineVerifiedShares(c6, c7, ctx, received);
      const aggregatorS = s(performance.now() - u2);
      if (decryption.plaintext.some((m, j) => m !== message[j])) throw new Error('decrypted plaintext differs');
      const all = await verifyDecryption(c6, c7, ctx, decryption);
      if (!all.ok) throw new Error(`verification failed: ${all.reason}`);
      const c7v = await c7.verify(decode.proof, decode.publicInputs);
      if (!c7v.ok) throw new Error(`C7 proof rejected: ${c7v.reason}`);
      current[`c7_decode@${name}/shares=2`] = {
        constraints: c7.circuit.stats.gates,
        circuit_size: c7.circuit.stats.dyadic,
        proved: true,
        aggregator_verify_combine_prove_s: aggregatorS,
        verify_gas: Number(c7v.gasUsed),
        setup_s_incl_compile_vk: c7SetupS,
        bb_peak_rss_mb: childPeakRssMb(),
        measured_at: new Date().toISOString(),
      };
      current[decKey] = {
        proofs: 3,
        constraints_total: 2 * c6.circuit.stats.gates + c7.circuit.stats.gates,
        prove_s_per_node: Number(((c6Record.node_total_s + member2S) / 2).toFixed(2)),
        aggregate_verify_gas: Number(all.gasUsed),
        T: 1,
        c6_node_s: [c6Record.node_total_s, member2S],
        aggregator_verify_combine_prove_c7_s: aggregatorS,
        verification: 'per proof (T + 1 C6 + 1 C7) in the deployed UltraHonk verifiers, gas summed; the plaintext equals the message',
        loadavg_1m_after: Number(loadavg()[0]!.toFixed(2)),
        measured_at: new Date().toISOString(),
      };
      console.log(`c7_decode@${name}/shares=2`, JSON.stringify(current[`c7_decode@${name}/shares=2`]));
      console.log(decKey, JSON.stringify(current[decKey]));
    } finally {
      await c7.close();
    }
  }
  // Only this run's records, written over the file as it is now (another bench may have written meanwhile).
  const mine: Record<string, unknown> = {};
  for (const k of [`c6_decryption_share@${name}`, decKey, `c7_decode@${name}/shares=2`]) if (current[k]) mine[k] = current[k];
  writeZkRecords(mine);
  console.log(`wrote ${ZK_RESULTS}`);
} finally {
  await c6.close();
}
