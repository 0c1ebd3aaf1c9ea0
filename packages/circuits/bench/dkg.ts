/**
 * DKG figures for `npm run bench:zk` (issue 9): for each parameter set and n ∈ {3, 5, 9}, the gate
 * count of every DKG circuit (compiled for that session shape), and at the INSECURE sets with
 * n = 3 a real DKG proved end to end (every node's 6 proofs + C5) and verified through the chain
 * verifier in the in-process EVM. Records
 *   "dkg@<set>/n=<n>": { proofs_per_node, constraints_per_node, constraints_total, prove_s_per_node,
 *                        aggregate_proof_constraints, aggregate_verify_gas, ... }
 * and "<circuit>@<set>/n=<n>" per circuit. Proving at PRODUCTION_N8192 only with DKG_BENCH_PROVE=1 (=0: no proving at all);
 * DKG_BENCH_N=3,5 restricts the committee sizes.
 */
import { bfvParameters, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { Session, runDkg } from '@interfold/threshold';
import { resolveConfig } from '../src/config.js';
import { compileNoirPackage } from '../src/noir/compile.js';
import { dkgParamsPath, type DkgCircuitName } from '../src/dkg/circuit.js';
import { BbSession, decodeAcir } from '../src/prover/barretenberg.js';
import { join } from 'node:path';
import { DkgCircuits, dkgLayouts, type DealerProofs, type ReceiverProofs } from '../src/dkg/circuits.js';
import { c1PublicList } from '../src/dkg/c1.js';
import { verifyDkgChain } from '../src/dkg/chain.js';
import { renderC1Params } from '../src/dkg/c1.js';
import { renderC2Params } from '../src/dkg/c2.js';
import { renderC0Params, renderC4Params, renderC5Params } from '../src/dkg/aggregate.js';
import { childPeakRssMb, ownPeakRssMb } from './rss.js';

const TRANSPORT: Record<string, string> = {
  INSECURE_N512: 'INSECURE_TRANSPORT_N512',
  INSECURE_N1024: 'INSECURE_TRANSPORT_N1024',
  PRODUCTION_N8192: 'SHARE_TRANSPORT_N8192',
};

/** The DKG bench's session of `set` with n members (also the key-fold bench's: same circuits). */
export function dkgBenchSession(set: string, n: number): Session {
  const all = Object.values(PARAMETER_SETS) as BfvParametersLiteral[];
  const lit = all.find((s) => s.name === set);
  const tr = all.find((s) => s.name === TRANSPORT[set]);
  if (!lit || !tr) throw new Error(`no DKG parameter sets for ${set}`);
  const insecure = set.startsWith('INSECURE');
  return new Session({ params: bfvParameters(lit), transport: bfvParameters(tr), n, seed: `bench/${set}/${n}`, maxInputs: insecure ? 16 : 1000, lambda: insecure ? 30 : undefined });
}

/** Gate counts of the 7 DKG circuits of a session shape (compile + bb circuit stats; no CRS). */
async function gateCounts(s: Session): Promise<Record<string, number>> {
  const cfg = resolveConfig();
  const l = dkgLayouts(s);
  const pkgs: [string, DkgCircuitName, string][] = [
    ['C0', 'c0_transport_pk', renderC0Params(s.transport)],
    ['C1', 'c1_pk_share', renderC1Params(l.c1)],
    ['C2a', 'c2_shares', renderC2Params(l.c2.sk)],
    ['C2b', 'c2_shares', renderC2Params(l.c2.esm)],
    ['C4a', 'c4_aggregation', renderC4Params(l.sum, 'sk')],
    ['C4b', 'c4_aggregation', renderC4Params(l.sum, 'esm')],
    ['C5', 'c5_pk_aggregation', renderC5Params(l.sum)],
  ];
  const bb = await BbSession.open(join(cfg.cacheDir, 'dev-crs'));
  const out: Record<string, number> = {};
  try {
    for (const [name, pkg, params] of pkgs) {
      const { program } = await compileNoirPackage(pkg, cfg.cacheDir, { [dkgParamsPath(pkg)]: params });
      out[name] = (await bb.gates(decodeAcir(program.bytecode))).gates;
      console.log(`  ${name} ${pkg}: ${out[name]} gates`);
    }
  } finally {
    await bb.close();
  }
  return out;
}

/** One DKG proved end to end (n nodes + aggregator), verified through the chain verifier. */
const round2 = (x: number): number => Number(x.toFixed(2));

interface ProvedDkg {
  proveSPerNode: number;
  nodeS: number[];
  split: { dealer_s: number; receiver_s: number }[];
  aggregateS: number;
  verifyGasTotal: number;
  gasPerProof: Record<string, number>;
  peakRss: { bb_mb: number; node_mb: number };
}

async function proveDkg(s: Session): Promise<ProvedDkg> {
  const dkg = runDkg(s, { sources: (id: number) => new SeededSource(`bench/${id}`, 'bench/dkg') });
  const zk = await DkgCircuits.load(s);
  try {
    const dealers = new Map<number, DealerProofs>();
    const receivers = new Map<number, ReceiverProofs>();
    const times: number[] = [];
    const split: { dealer_s: number; receiver_s: number }[] = [];
    for (const i of dkg.authorised) {
      const p = dkg.parties.get(i)!;
      const t0 = performance.now();
      dealers.set(i, await zk.proveDealer(p, dkg.pkShares.get(i)!));
      const t1 = performance.now();
      receivers.set(i, await zk.proveReceiver(p, dkg.authorised));
      const t2 = performance.now();
      times.push((t2 - t0) / 1000);
      split.push({ dealer_s: round2((t1 - t0) / 1000), receiver_s: round2((t2 - t1) / 1000) });
      console.log(`  node ${i}: dealer (C0, C1, C2a, C2b) ${split.at(-1)!.dealer_s} s, receiver (C4a, C4b) ${split.at(-1)!.receiver_s} s`);
    }
    const t3 = performance.now();
    const aggregate = await zk.proveAggregate(dkg.pkShares, dkg.authorised);
    const aggregateS = round2((performance.now() - t3) / 1000);
    const v = await verifyDkgChain(zk, s, { A: dkg.authorised, dealers, receivers, aggregate }, 1);
    if (!v.ok) throw new Error(`bench DKG failed verification: ${JSON.stringify(v.faults)}`);
    const gasPerProof: Record<string, number> = {};
    const d1 = dealers.get(dkg.authorised[0]!)!;
    gasPerProof.C1 = Number((await zk.c1.verify(d1.c1.proof, c1PublicList(d1.c1.publicInputs))).gasUsed);
    return {
      proveSPerNode: Math.max(...times),
      nodeS: times.map(round2),
      split,
      aggregateS,
      verifyGasTotal: Number(v.gasUsed),
      gasPerProof,
      peakRss: { bb_mb: childPeakRssMb(), node_mb: ownPeakRssMb() },
    };
  } finally {
    await zk.close();
    for (const p of dkg.parties.values()) p.dispose();
  }
}

export async function benchDkg(sets: readonly string[], results: Record<string, unknown>, save: () => void): Promise<void> {
  for (const set of sets) {
    if (!TRANSPORT[set]) continue;
    const ns = (process.env.DKG_BENCH_N ?? '3,5,9').split(',').map(Number);
    for (const n of ns) {
      console.log(`dkg@${set}/n=${n}: gate counts ...`);
      const s = dkgBenchSession(set, n);
      const g = await gateCounts(s);
      for (const [k, v] of Object.entries(g)) results[`${k}@${set}/n=${n}`] = { constraints: v };
      const perNode = g.C0! + g.C1! + g.C2a! + g.C2b! + g.C4a! + g.C4b!;
      const rec: Record<string, unknown> = {
        proofs_per_node: 6,
        constraints_per_node: perNode,
        constraints_total: n * perNode + g.C5!,
        prove_s_per_node: null,
        aggregate_proof_constraints: null,
        aggregate_verify_gas: null,
        proofs_total: 6 * n + 1,
        circuits: g,
        T: s.T,
        measured_at: new Date().toISOString(),
      };
      const env = process.env.DKG_BENCH_PROVE;
      const prove = n === 3 && env !== '0' && (set.startsWith('INSECURE') || env === '1');
      if (prove) {
        const p = await proveDkg(s);
        rec.prove_s_per_node = Number(p.proveSPerNode.toFixed(2));
        rec.node_s = p.nodeS;
        rec.node_split_s = p.split;
        rec.aggregator_c5_s = p.aggregateS;
        rec.peak_rss_mb = p.peakRss;
        rec.per_node_proofs_verify_gas_total = p.verifyGasTotal;
        rec.verify_gas_one_proof = p.gasPerProof;
      }
      results[`dkg@${set}/n=${n}`] = rec;
      console.log(JSON.stringify(rec));
      save();
    }
  }
}
