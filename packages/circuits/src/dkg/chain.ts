/**
 * Verification of the DKG commitment chain (spec 003 P1–P2; issue 9). Every proof is checked by its
 * deployed verifier against public inputs the VERIFIER assembles: the session id and the party id
 * it expects, the common polynomial's commitment it computes, and each input commitment taken
 * from the output of the earlier proof that produced it (C1 → C2, C2 → C4, C1 → C5). Only output
 * commitments come from the prover, and they are bound by its proof. So a proof replayed from
 * another E3 or party, a pk share not proved by its owner's C1 (the rogue key), a C4 over shares
 * that are not the dealers' committed ones, or a C5 over another set of members fails here, and
 * the failing step names its author (excluded from A).
 */
import type { Session } from '@interfold/threshold';
import { c1PublicList } from './c1.js';
import { c2PublicList, type SecretKind } from './c2.js';
import { c0PublicList, c4PublicList, c5PublicList } from './aggregate.js';
import { crpCommitment, sessionField } from './common.js';
import { SECRET_KINDS, type DealerProofs, type DkgCircuits, type Proved, type ReceiverProofs } from './circuits.js';
import type { C5Public } from './aggregate.js';

export type DkgTranscript = {
  /** The authorised set A the aggregate is over (ascending). */
  A: readonly number[];
  dealers: ReadonlyMap<number, DealerProofs>;
  receivers: ReadonlyMap<number, ReceiverProofs>;
  aggregate: Proved<C5Public>;
};

export type DkgFault = { party: number; step: 'C0' | 'C1' | 'C2a' | 'C2b' | 'C4a' | 'C4b' | 'C5' | 'missing'; reason: string };

export type ChainVerdict = {
  ok: boolean;
  /** What users encrypt under (the user-encryption pk commitment), when ok. */
  pkCommitment?: bigint;
  /** C4 outputs per party: what C6 takes (FORMATS.md). */
  keyShareCommitments: Map<number, { skAggCommitment: bigint; esmAggCommitment: bigint }>;
  faults: DkgFault[];
  gasUsed: bigint;
};

const step2 = (k: SecretKind): DkgFault['step'] => (k === 'sk' ? 'C2a' : 'C2b');
const step4 = (k: SecretKind): DkgFault['step'] => (k === 'sk' ? 'C4a' : 'C4b');

/**
 * Checks every proof of the transcript against the expected chain. `aggregator` is the party that
 * posted C5 (blamed if C5 fails).
 */
export async function verifyDkgChain(circuits: DkgCircuits, session: Session, t: DkgTranscript, aggregator: number): Promise<ChainVerdict> {
  const sid = sessionField(session.id);
  const crp = crpCommitment(session.params, session.a);
  const faults: DkgFault[] = [];
  let gasUsed = 0n;
  const A = [...t.A].sort((x, y) => x - y);
  const check = async (party: number, step: DkgFault['step'], ok: Promise<{ ok: boolean; gasUsed: bigint; reason?: string }>) => {
    const r = await ok;
    gasUsed += r.gasUsed;
    if (!r.ok) faults.push({ party, step, reason: r.reason ?? 'proof rejected' });
    return r.ok;
  };
  for (const i of A) {
    const d = t.dealers.get(i);
    if (!d) {
      faults.push({ party: i, step: 'missing', reason: 'no dealer proofs' });
      continue;
    }
    await check(i, 'C0', circuits.c0.verify(d.c0.proof, c0PublicList({ ...d.c0.publicInputs, session: sid, party: BigInt(i) })));
    const c1 = { ...d.c1.publicInputs, session: sid, party: BigInt(i), crpCommitment: crp };
    await check(i, 'C1', circuits.c1.verify(d.c1.proof, c1PublicList(c1)));
    for (const kind of SECRET_KINDS) {
      const secret = kind === 'sk' ? c1.skCommitment : c1.esmCommitment;
      const p = { ...d.c2[kind].publicInputs, session: sid, party: BigInt(i), secretCommitment: secret };
      await check(i, step2(kind), circuits.c2[kind].verify(d.c2[kind].proof, c2PublicList(p)));
    }
  }
  const keyShareCommitments = new Map<number, { skAggCommitment: bigint; esmAggCommitment: bigint }>();
  // A faulty dealer leaves A: C4 and C5 over this A are moot (they must be redone over A minus the
  // faulty dealers), and receivers are not blamed for shares of a dealer whose proofs failed.
  if (faults.length > 0) return { ok: false, keyShareCommitments, faults, gasUsed };
  for (const j of A) {
    const r = t.receivers.get(j);
    if (!r) {
      faults.push({ party: j, step: 'missing', reason: 'no receiver proofs' });
      continue;
    }
    const agg: Partial<Record<SecretKind, bigint>> = {};
    for (const kind of SECRET_KINDS) {
      // The commitments of the shares dealt to j, from each dealer's C2 output (index j − 1).
      const expected = A.map((i) => t.dealers.get(i)?.c2[kind].publicInputs.shareCommitments[j - 1] ?? 0n);
      const p = { ...r[kind].publicInputs, session: sid, party: BigInt(j), shareCommitments: expected };
      if (await check(j, step4(kind), circuits.c4[kind].verify(r[kind].proof, c4PublicList(p)))) agg[kind] = p.aggCommitment;
    }
    if (agg.sk !== undefined && agg.esm !== undefined) keyShareCommitments.set(j, { skAggCommitment: agg.sk, esmAggCommitment: agg.esm });
  }
  const pkShares = A.map((i) => t.dealers.get(i)?.c1.publicInputs.pkShareCommitment ?? 0n);
  const c5 = { ...t.aggregate.publicInputs, session: sid, crpCommitment: crp, pkShareCommitments: pkShares };
  const c5ok = await check(aggregator, 'C5', circuits.c5.verify(t.aggregate.proof, c5PublicList(c5)));
  const ok = faults.length === 0;
  return { ok, pkCommitment: ok && c5ok ? c5.pkCommitment : undefined, keyShareCommitments, faults, gasUsed };
}
