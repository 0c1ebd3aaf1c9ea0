/**
 * Proving cost of one RNS digit of each RKG round at a parameter set (a member makes L of each):
 *   node --import tsx packages/circuits/src/rlk/prove-digit.ts [PRODUCTION]
 * Makes a real round-1 share and a round-2 share on a two-member aggregate (threshold rlk.ts),
 * then for digits 0 and 1 of each: witness inputs (exact Z[X] products, O(N²) BigInt per limb),
 * the UltraHonk proof (noir_js witness + native bb; the first proof also loads the prover: vk,
 * Solidity verifier), and verification on the deployed Solidity verifier. Prints one JSON line per
 * proof. Uses the development CRS unless one is configured.
 */
import * as B from '@interfold/bfv';
import type { RnsPoly } from '@interfold/ring';
import { RlkProtocol, rlkCommonPolys } from '@interfold/threshold';
import type { Proof } from '../circuit.js';
import type { VerifyResult } from '../verifier/evm.js';
import { RlkContributionCircuit, RlkRound2Circuit, rlkPublicList, rlk2PublicList } from './circuit.js';
import { buildRlkInputs } from './witness.js';
import { buildRlk2Inputs } from './round2.js';

const name = process.argv[2] ?? 'PRODUCTION';
const lit = (B.PARAMETER_SETS as Record<string, B.BfvParametersLiteral>)[name];
if (!lit) throw new Error(`unknown parameter set ${name}`);
const params = B.bfvParameters(lit);
const centred = (p: RnsPoly) => p.ctx.moduli.map((m, l) => Array.from(p.limbs[l], (v) => BigInt(m.center(v))));
const big = (es: readonly Int32Array[]) => es.map((e) => Array.from(e, BigInt));
const secs = (t: number) => Math.round((performance.now() - t) / 100) / 10;
const rss = () => Math.round(process.memoryUsage().rss / 1e7) / 100;

const a = rlkCommonPolys(params, 'prove-digit');
const proto = new RlkProtocol(params, a);
const sk = B.genSecretKey(params), u = proto.genEphemeral();
const r1 = proto.genShareRound1(1, sk, u);
const agg = proto.aggregateRound1([r1.share, proto.genShareRound1(2, B.genSecretKey(params), proto.genEphemeral()).share]);
const r2 = proto.genShareRound2(1, sk, u, agg);
const skB = Array.from(sk.small!, BigInt), uB = Array.from(u.small!, BigInt);

/**
 * Digits 0 and 1 of one round: build the inputs, prove (the first proof also loads the prover),
 * verify on the deployed verifier; one JSON line each.
 */
async function measure<P>(
  circuit: string,
  c: { proveInputs(i: Record<string, string | string[]>, e: readonly bigint[]): Promise<Proof>; verify(p: Proof, e: P): Promise<VerifyResult>; close(): Promise<void> },
  build: (d: number) => { inputs: Record<string, string | string[]>; pub: P },
  list: (p: P) => bigint[],
): Promise<void> {
  for (const d of [0, 1]) {
    let t = performance.now();
    const { inputs, pub } = build(d);
    const inputsS = secs(t);
    t = performance.now();
    const proof = await c.proveInputs(inputs, list(pub));
    const proveS = secs(t);
    t = performance.now();
    const v = await c.verify(proof, pub);
    console.log(JSON.stringify({ circuit, set: params.name, digit: d, first: d === 0, inputs_s: inputsS, prove_s: proveS, verify_s: secs(t), ok: v.ok, gas: Number(v.gasUsed), proof_bytes: proof.proof.length, node_rss_gb: rss() }));
  }
  await c.close();
}

const c1 = await RlkContributionCircuit.compile(params);
const s1 = { session: 1n, party: 1, a: a.map(centred), h0: r1.share.h0.map(centred), h1: r1.share.h1.map(centred) };
await measure('rlk_contribution', c1, (d) => buildRlkInputs(c1.layout, s1, { sk: skB, u: uB, e0: big(r1.noise.e0), e1: big(r1.noise.e1) }, d), rlkPublicList);
const c2 = await RlkRound2Circuit.compile(params);
const s2 = { session: 1n, party: 1, agg0: agg.h0.map(centred), agg1: agg.h1.map(centred), h0: r2.share.h0.map(centred), h1: r2.share.h1.map(centred) };
await measure('rlk_round2', c2, (d) => buildRlk2Inputs(c2.layout, s2, { sk: skB, u: uB, e2: big(r2.noise.e2), e3: big(r2.noise.e3) }, d), rlk2PublicList);
