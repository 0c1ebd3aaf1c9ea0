/**
 * Constraint counts of the two RKG circuits (one RNS digit of a member's round-1 share,
 * rlk_contribution; of its round-2 share, rlk_round2 — a share takes L proofs of each):
 *   node --import tsx packages/circuits/src/rlk/measure.ts [INSECURE_N512 PRODUCTION ...]
 * Compiles (cached) for each named bfv set and prints bb's gate count and dyadic size. Before
 * counting, it executes the circuit on a real share (threshold rlk.ts) at every set with N ≤ 1024
 * (exact witness products are O(N²) BigInt work; at N = 8192 that is minutes, so skipped).
 */
import * as B from '@interfold/bfv';
import { RlkProtocol, rlkCommonPolys } from '@interfold/threshold';
import type { RnsPoly } from '@interfold/ring';
import { RlkContributionCircuit, RlkRound2Circuit } from './circuit.js';

const names = process.argv.slice(2).length ? process.argv.slice(2) : ['INSECURE_N512', 'INSECURE_N1024'];
const centred = (p: RnsPoly) => p.ctx.moduli.map((m, l) => Array.from(p.limbs[l], (v) => BigInt(m.center(v))));
for (const name of names) {
  const lit = (B.PARAMETER_SETS as Record<string, B.BfvParametersLiteral>)[name];
  if (!lit) throw new Error(`unknown parameter set ${name}`);
  const params = B.bfvParameters(lit);
  let t0 = performance.now();
  const c = await RlkContributionCircuit.compile(params);
  const compileS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const c2 = await RlkRound2Circuit.compile(params);
  const compile2S = (performance.now() - t0) / 1000;
  let execS: number | undefined, exec2S: number | undefined;
  if (params.N <= 1024) {
    const a = rlkCommonPolys(params, 'measure');
    const proto = new RlkProtocol(params, a);
    const sk = B.genSecretKey(params), u = proto.genEphemeral();
    const { share, noise } = proto.genShareRound1(1, sk, u);
    const other = proto.genShareRound1(2, B.genSecretKey(params), proto.genEphemeral()).share;
    const agg = proto.aggregateRound1([share, other]);
    const r2 = proto.genShareRound2(1, sk, u, agg);
    t0 = performance.now();
    const q = await c2.execute(
      { session: 1n, party: 1, agg0: agg.h0.map(centred), agg1: agg.h1.map(centred), h0: r2.share.h0.map(centred), h1: r2.share.h1.map(centred) },
      { sk: Array.from(sk.small!, BigInt), u: Array.from(u.small!, BigInt), e2: r2.noise.e2.map((e) => Array.from(e, BigInt)), e3: r2.noise.e3.map((e) => Array.from(e, BigInt)) },
      0,
    );
    if (q.returned.shareCommitment !== q.expected.shareCommitment) throw new Error('round 2: circuit and TypeScript disagree on the share commitment');
    exec2S = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const r = await c.execute(
      { session: 1n, party: 1, a: a.map(centred), h0: share.h0.map(centred), h1: share.h1.map(centred) },
      { sk: Array.from(sk.small!, BigInt), u: Array.from(u.small!, BigInt), e0: noise.e0.map((e) => Array.from(e, BigInt)), e1: noise.e1.map((e) => Array.from(e, BigInt)) },
      0,
    );
    if (r.returned.shareCommitment !== r.expected.shareCommitment) throw new Error('circuit and TypeScript disagree on the share commitment');
    execS = (performance.now() - t0) / 1000;
  }
  const r1 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
  const g = await c.gates();
  console.log(JSON.stringify({ circuit: 'rlk_contribution', set: params.name, N: params.N, L: params.L, gates: g.gates, dyadic: g.dyadic, compile_s: r1(compileS), witness_s: r1(execS) }));
  const g2 = await c2.gates();
  console.log(JSON.stringify({ circuit: 'rlk_round2', set: params.name, N: params.N, L: params.L, gates: g2.gates, dyadic: g2.dyadic, compile_s: r1(compile2S), witness_s: r1(exec2S) }));
}
