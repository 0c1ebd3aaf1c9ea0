/**
 * Decryption benchmark (issue 10), called from bench/zk.ts: C6 and C7 gate counts per parameter
 * set, and per committee size n in {3, 5, 9} (T = floor((n-1)/2), T + 1 decrypting shares) a record
 *   "decryption@<set>/n=<n>": { proofs, constraints_total, prove_s_per_node, aggregate_verify_gas }
 * Proved sets run the whole path: DKG (threshold), decryption shares, C6 witness + proof per node,
 * C7 proof, and the per-proof verification of all T + 2 proofs in the deployed verifiers
 * (no recursion: aggregate_verify_gas is the sum). Gate-only sets (production) compile and count.
 */
import { join } from 'node:path';
import * as B from '@interfold/bfv';
import { Session, runDkg, decryptionShare, defaultThreshold } from '@interfold/threshold';
import { resolveConfig } from '../src/config.js';
import { compileNoirPackage } from '../src/noir/compile.js';
import { BbSession, decodeAcir } from '../src/prover/barretenberg.js';
import { c7Layout, decryptionLayout, renderC6ParamsNr, renderC7ParamsNr } from '../src/decryption/layout.js';
import { DecryptionShareCircuit, DecodeCircuit } from '../src/decryption/circuits.js';
import { centredOutput, centredPoly, shareWitness } from '../src/decryption/threshold.js';
import { ciphertextCommitment } from '../src/decryption/shareWitness.js';
import { combineVerifiedShares, verifyDecryption } from '../src/decryption/aggregate.js';

const SIZES = [3, 5, 9];

async function gates(pkg: string, overlays: Record<string, string>): Promise<{ gates: number; dyadic: number; compile_ms: number }> {
  const cfg = resolveConfig();
  const t0 = performance.now();
  const { program } = await compileNoirPackage(pkg, cfg.cacheDir, overlays);
  const compileMs = performance.now() - t0;
  const bb = await BbSession.open(join(cfg.cacheDir, 'dev-crs'), cfg.threads);
  try {
    return { ...(await bb.gates(decodeAcir(program.bytecode))), compile_ms: Math.round(compileMs) };
  } finally {
    await bb.close();
  }
}

/** Gate counts only (the production set: compiling is minutes, proving needs a 2^21-point CRS). */
export async function benchDecryptionGates(lit: B.BfvParametersLiteral): Promise<Record<string, unknown>> {
  const params = B.bfvParameters(lit);
  const out: Record<string, unknown> = {};
  const c6 = await gates('c6_decryption_share', { 'c6_decryption_share/src/params.nr': renderC6ParamsNr(decryptionLayout(params)) });
  out[`c6_decryption_share@${lit.name}`] = { constraints: c6.gates, circuit_size: c6.dyadic, compile_ms: c6.compile_ms, proved: false };
  console.log(`c6@${lit.name}`, JSON.stringify(c6));
  for (const n of SIZES) {
    const S = defaultThreshold(n) + 1;
    const key = `c7_decode@${lit.name}/shares=${S}`;
    if (!out[key]) {
      const c7 = await gates('c7_decode', { 'c7_relations/src/params.nr': renderC7ParamsNr(c7Layout(params, S)) });
      out[key] = { constraints: c7.gates, circuit_size: c7.dyadic, compile_ms: c7.compile_ms, proved: false };
      console.log(key, JSON.stringify(c7));
    }
    const c7 = out[key] as { constraints: number };
    out[`decryption@${lit.name}/n=${n}`] = {
      proofs: S + 1,
      constraints_total: S * c6.gates + c7.constraints,
      prove_s_per_node: null,
      aggregate_verify_gas: null,
      note: 'gate counts only; per-proof verification gas is size-independent (see the INSECURE records)',
    };
  }
  return out;
}

/** The whole path, proved, for each n (INSECURE sets). */
export async function benchDecryptionProved(lit: B.BfvParametersLiteral, transportLit: B.BfvParametersLiteral): Promise<Record<string, unknown>> {
  const params = B.bfvParameters(lit);
  const transport = B.bfvParameters(transportLit);
  const out: Record<string, unknown> = {};
  const c6 = await DecryptionShareCircuit.load(params);
  try {
    out[`c6_decryption_share@${lit.name}`] = { constraints: c6.circuit.stats.gates, circuit_size: c6.circuit.stats.dyadic, proved: true };
    for (const n of SIZES) {
      const T = defaultThreshold(n);
      const S = T + 1;
      const dkg = runDkg(new Session({ params, transport, n, T, seed: `bench-decryption/${n}`, maxInputs: 4, lambda: 30 }));
      const message = Array.from({ length: params.N }, (_, j) => BigInt(j % Number(params.t)));
      const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, message));
      const e3Id = BigInt(n);
      const ctx = {
        e3Id,
        ctCommitment: ciphertextCommitment(centredOutput(params, ct), c6.layout),
        T,
        commitments: new Map<number, { skCommitment: bigint; esmCommitment: bigint }>(),
      };
      const received = [];
      const nodeSeconds: number[] = [];
      for (const j of dkg.authorised.slice(0, S)) {
        const key = dkg.keyShares.get(j)!;
        const t0 = performance.now();
        const share = decryptionShare(params, key, ct);
        const p = await c6.prove(shareWitness(params, key, ct, share), { e3Id, party: j });
        nodeSeconds.push((performance.now() - t0) / 1000);
        ctx.commitments.set(j, { skCommitment: p.publicInputs.skCommitment, esmCommitment: p.publicInputs.esmCommitment });
        received.push({ party: j, d: centredPoly(params, share.d), proof: p.proof });
      }
      const c7 = await DecodeCircuit.load(params, S);
      try {
        const t1 = performance.now();
        const { decryption } = await combineVerifiedShares(c6, c7, ctx, received);
        const combineS = (performance.now() - t1) / 1000;
        if (decryption.plaintext.some((m, j) => m !== message[j])) throw new Error('decrypted plaintext differs');
        const v = await verifyDecryption(c6, c7, ctx, decryption);
        if (!v.ok) throw new Error(`verification failed: ${v.reason}`);
        out[`c7_decode@${lit.name}/shares=${S}`] = { constraints: c7.circuit.stats.gates, circuit_size: c7.circuit.stats.dyadic, proved: true };
        const rec = {
          proofs: S + 1,
          constraints_total: S * c6.circuit.stats.gates + c7.circuit.stats.gates,
          prove_s_per_node: Number((nodeSeconds.reduce((a, b) => a + b, 0) / nodeSeconds.length).toFixed(2)),
          aggregate_verify_gas: Number(v.gasUsed),
          // Details.
          T,
          c6_prove_s: nodeSeconds.map((x) => Number(x.toFixed(2))),
          aggregator_verify_combine_prove_c7_s: Number(combineS.toFixed(2)),
          verification: 'per proof (T + 1 C6 + 1 C7) in the deployed UltraHonk verifiers, gas summed; no recursion',
          measured_at: new Date().toISOString(),
        };
        out[`decryption@${lit.name}/n=${n}`] = rec;
        console.log(`decryption@${lit.name}/n=${n}`, JSON.stringify(rec));
      } finally {
        await c7.close();
      }
    }
  } finally {
    await c6.close();
  }
  return out;
}

const TRANSPORT: Record<string, B.BfvParametersLiteral> = {
  INSECURE_N512: B.INSECURE_TRANSPORT_N512,
  INSECURE_N1024: B.INSECURE_TRANSPORT_N1024,
};

/** What bench/zk.ts runs per set: proved on the INSECURE sets, gate counts on the others. */
export async function benchDecryption(lit: B.BfvParametersLiteral): Promise<Record<string, unknown>> {
  const transport = TRANSPORT[lit.name];
  return transport ? benchDecryptionProved(lit, transport) : benchDecryptionGates(lit);
}
