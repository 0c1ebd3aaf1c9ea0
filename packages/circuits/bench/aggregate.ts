/**
 * Benchmark of the decryption fold (src/aggregate/decryption.ts; issue 10): per parameter set and
 * T, the fold's gates and circuit size, the per-node C6 proving time in the recursive target, the
 * fold's proving time, and its verifier's gas. Record `decryption_aggregate@<set>/T=<T>`.
 * Standalone: node --import tsx packages/circuits/bench/aggregate.ts [SET=INSECURE_N512] [T=1]
 * (merges into bench/results/zk.json); `npm run bench:zk` calls benchDecryptionFold too.
 */
import { fileURLToPath } from 'node:url';
import { writeZkRecords } from './records.js';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { Session, runDkg, decryptionShare } from '@interfold/threshold';
import { DecryptionFoldCircuit, type FoldableShare } from '../src/aggregate/decryption.js';
import { centredOutput, shareWitness } from '../src/decryption/threshold.js';
import { ciphertextCommitment } from '../src/decryption/shareWitness.js';

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));

export async function benchDecryptionFold(setName: string, T: number): Promise<Record<string, unknown>> {
  const lit = (Object.values(B.PARAMETER_SETS) as B.BfvParametersLiteral[]).find((x) => x.name === setName);
  if (!lit) throw new Error(`unknown parameter set ${setName}`);
  const params = B.bfvParameters(lit);
  const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
  const n = 2 * T + 1;
  const session = new Session({ params, transport, n, T, seed: 'bench-fold', maxInputs: 4, lambda: 30 });
  const dkg = runDkg(session, { sources: (id) => new SeededSource(`bench-fold/${id}`, 'bench') });
  const ct = B.encrypt(params, dkg.pk, B.encodeCoeffs(params, [1n, 2n, 3n]));
  let t0 = performance.now();
  const fold = await DecryptionFoldCircuit.load(params, T);
  const setupS = seconds(t0);
  try {
    const ids = Array.from({ length: T + 1 }, (_, i) => i + 1);
    const shares: FoldableShare[] = [];
    const proveS: number[] = [];
    const ctx = { e3Id: 1n, ctCommitment: ciphertextCommitment(centredOutput(params, ct), fold.c6.layout), commitments: new Map<number, { skCommitment: bigint; esmCommitment: bigint }>() };
    for (const j of ids) {
      const key = dkg.keyShares.get(j)!;
      t0 = performance.now();
      const s = await fold.proveShare(shareWitness(params, key, ct, decryptionShare(params, key, ct)), { e3Id: 1n, party: j });
      proveS.push(seconds(t0));
      shares.push(s);
      ctx.commitments.set(j, { skCommitment: s.proof.publicInputs[1]!, esmCommitment: s.proof.publicInputs[2]! });
    }
    t0 = performance.now();
    const folded = await fold.fold(ctx, shares);
    const foldS = seconds(t0);
    const v = await fold.verify(folded.proof, folded.statement);
    if (!v.ok) throw new Error(`fold rejected by its verifier: ${v.reason}`);
    return {
      [`decryption_aggregate@${setName}/T=${T}`]: {
        inner_proofs: T + 1,
        inner_c6_gates: fold.c6.circuit.stats.gates,
        gates: fold.outer.stats.gates,
        circuit_size: fold.outer.stats.dyadic,
        public_inputs: folded.publicInputs.length,
        prove_s_per_node_c6_recursive: proveS,
        fold_prove_s: foldS,
        setup_s_incl_compile_crs_vk: setupS,
        verify_gas: Number(v.gasUsed),
        proof_bytes: folded.proof.length,
        crs: fold.outer.crs.kind,
        measured_at: new Date().toISOString(),
      },
    };
  } finally {
    await fold.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const set = process.argv[2] ?? 'INSECURE_N512';
  const T = Number(process.argv[3] ?? '1');
  const r = await benchDecryptionFold(set, T);
  console.log(JSON.stringify(r, null, 2));
  writeZkRecords(r);
}
