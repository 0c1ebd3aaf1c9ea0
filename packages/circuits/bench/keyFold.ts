/**
 * Benchmark of the key fold (src/aggregate/pk.ts; issue 9): per parameter set and n (|A| = n, the
 * honest case), the fold's gates and circuit size, each member's C1 proving time in the recursive
 * target, the fold's proving time, its verifier's gas, and PkAggregateAdapter's whole
 * verifyPublicKey (one verification + n member signatures) in the in-process EVM. Record
 * `dkg_pk_aggregate@<set>/n=<n>`, and the `aggregate_proof_constraints` / `aggregate_verify_gas`
 * fields of `dkg@<set>/n=<n>` (bench/dkg.ts) when that record exists.
 * Standalone: node --import tsx packages/circuits/bench/keyFold.ts [SET=INSECURE_N512] [n=3]
 * (merges into bench/results/zk.json).
 */
import { fileURLToPath } from 'node:url';
import { readZkRecords, writeZkRecords } from './records.js';
import { SeededSource } from '@interfold/ring';
import { runDkg } from '@interfold/threshold';
import { dkgBenchSession } from './dkg.js';
import { bytesToHex, encodeDeployData, encodeFunctionData, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { encodePkAggregateBundle, fixedCommitteeViewAbi, fixedCommitteeViewBytecode, pkAggregateAdapterAbi, pkAggregateAdapterBytecode, signPkShare } from '@interfold/contracts';
import { PkFoldCircuit, type FoldableC1 } from '../src/aggregate/pk.js';
import { fieldToHex } from '../src/poseidon2/field.js';

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));

export async function benchKeyFold(setName: string, n: number): Promise<Record<string, unknown>> {
  // The DKG bench's session shape, so the production C1 is the one compiled there.
  const session = dkgBenchSession(setName, n);
  const T = session.T;
  const dkg = runDkg(session, { sources: (id) => new SeededSource(`bench-key-fold/${id}`, 'bench') });
  let t0 = performance.now();
  const fold = await PkFoldCircuit.load(session, dkg.authorised.length);
  const setupS = seconds(t0);
  try {
    const c1s: FoldableC1[] = [];
    const proveS: number[] = [];
    for (const j of dkg.authorised) {
      t0 = performance.now();
      c1s.push(await fold.proveC1(dkg.parties.get(j)!, dkg.pkShares.get(j)!));
      proveS.push(seconds(t0));
    }
    t0 = performance.now();
    const folded = await fold.fold(c1s, dkg.pkShares);
    const foldS = seconds(t0);
    const v = await fold.verify(folded.proof, folded.statement);
    if (!v.ok) throw new Error(`key fold rejected by its verifier: ${v.reason}`);

    // The whole on-chain check: PkAggregateAdapter over a fixed committee, every member signing.
    const { host, address: verifier } = await fold.outer.deployed();
    const hex = (a: { bytes: Uint8Array }): Hex => bytesToHex(a.bytes);
    const members = Array.from({ length: n }, () => privateKeyToAccount(generatePrivateKey()));
    const view = await host.deployCode(encodeDeployData({ abi: fixedCommitteeViewAbi, bytecode: fixedCommitteeViewBytecode, args: [members.map((m) => m.address), T] }).slice(2));
    const adapter = await host.deployCode(encodeDeployData({ abi: pkAggregateAdapterAbi, bytecode: pkAggregateAdapterBytecode, args: [hex(view), [BigInt(fold.D)], [hex(verifier)]] }).slice(2));
    const s = folded.statement;
    const w32 = (x: bigint): Hex => fieldToHex(x) as Hex;
    const bundle = encodePkAggregateBundle({
      session: w32(s.session),
      crpCommitment: w32(s.crpCommitment),
      ids: s.ids.map(BigInt),
      pkShareCommitments: s.pkShareCommitments.map(w32),
      shareSignatures: await Promise.all(
        s.ids.map((j, i) => signPkShare(members[j - 1]!, { chainId: 1, adapter: hex(adapter), e3Id: 1n, party: BigInt(j), session: w32(s.session), pkShareCommitment: w32(s.pkShareCommitments[i]!) })),
      ),
      foldProof: bytesToHex(folded.proof),
    });
    const data = encodeFunctionData({ abi: pkAggregateAdapterAbi, functionName: 'verifyPublicKey', args: [1n, w32(s.pkCommitment), '0x', bundle] });
    const a = await host.callBool(adapter, Buffer.from(data.slice(2), 'hex'));
    if (!a.ok) throw new Error(`PkAggregateAdapter rejected the key: ${a.reason}`);
    return {
      [`dkg_pk_aggregate@${setName}/n=${n}`]: {
        members: fold.D,
        inner_c1_gates: fold.c1.gates,
        gates: fold.outer.stats.gates,
        circuit_size: fold.outer.stats.dyadic,
        public_inputs: folded.publicInputs.length,
        prove_s_per_node_c1_recursive: proveS,
        fold_prove_s: foldS,
        setup_s_incl_compile_crs_vk: setupS,
        verify_gas: Number(v.gasUsed),
        adapter_verify_public_key_gas: Number(a.gasUsed),
        proof_bytes: folded.proof.length,
        crs: fold.outer.crs.kind,
        solidity_verifier: 'bb optimized ZK (optimizedSolidityVerifier)',
        measured_at: new Date().toISOString(),
      },
    };
  } finally {
    await fold.close();
    for (const p of dkg.parties.values()) p.dispose();
  }
}

/** Fills the key-fold fields of the `dkg@<set>/n=<n>` record (bench/dkg.ts) from a key-fold record. */
export function mergeKeyFold(results: Record<string, unknown>, setName: string, n: number): void {
  const k = results[`dkg_pk_aggregate@${setName}/n=${n}`] as { gates: number; adapter_verify_public_key_gas: number } | undefined;
  const d = results[`dkg@${setName}/n=${n}`] as Record<string, unknown> | undefined;
  if (!k || !d) return;
  d.aggregate_proof_constraints = k.gates;
  d.aggregate_verify_gas = k.adapter_verify_public_key_gas;
  d.aggregate_covers = 'the key fold: C1 of every member of A and C5 (not C0, C2, C4): docs/ZK.md "The key fold"';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const set = process.argv[2] ?? 'INSECURE_N512';
  const n = Number(process.argv[3] ?? '3');
  const r = await benchKeyFold(set, n);
  console.log(JSON.stringify(r, null, 2));
  const records = { ...readZkRecords(), ...r };
  mergeKeyFold(records, set, n);
  writeZkRecords(records);
}
