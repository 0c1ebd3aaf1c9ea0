/**
 * The relinearisation-key rounds with proofs on (issue 12; core/rlk.ts): three members' RlkStage
 * objects (the sans-I/O stage the DKG driver runs for depth ≥ 1), a host that stands for the rest
 * of the DKG, and the real CircuitProofSystem — every round-1 and round-2 share carries a real
 * UltraHonk proof (noir/rlk_contribution, noir/rlk_round2), proved from the `prove` statement the
 * stage asks for and verified as the daemon's gate does before the share reaches a stage. A tiny
 * INSECURE ring (N = 64) keeps proving in CI cheap; the statements are the production ones.
 *
 * Checked: the honest run ends with one rlk and the same committee masks (each mask with its
 * user-encryption proof) at every member; a member whose round-1 share differs
 * from the one its proof is for is excluded (gate), one whose round-1 proof is over another secret
 * than its C1 commitment is excluded (link, with its C1 message as evidence), one whose round-2
 * share uses another ephemeral u than its round-1 proof committed is excluded (link); each time the
 * others finish with an rlk over the smaller A; so is one whose mask is proved under another key,
 * or whose mask differs from the proved one. The proofs are cached on disk by content key.
 */
import { after, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as B from '@interfold/bfv';
import { c1Layout, resolveConfig, skCommitment } from '@interfold/circuits';
import { SeededSource } from '@interfold/ring';
import * as S from '@interfold/threshold';
import { RlkStage, type RlkHost, type RlkOutcome } from '../src/core/rlk.js';
import { CircuitProofSystem } from '../src/proofs/index.js';
import { Phase, type PeerMessage, type ProveStatement } from '../src/types.js';
import { decodeCommitteeMasks, encodeCommitteeMasks } from '../src/wire/rlk.js';
import { decodeEnvelope, encodeEnvelope, signEnvelope, slotOf, WIRE_VERSION } from '../src/wire/index.js';
import { addressOf, CHAIN_ID, keyOf, ORCHESTRATOR, SLASHING } from './core-harness.js';

const TINY = B.bfvParameters({ name: 'INSECURE_N64_RLK_TEST', N: 64, moduli: [1125899906840833n, 1125899906839937n], t: 257n, security: 'INSECURE: circuit tests only' });
const TINY_TRANSPORT = B.bfvParameters({ ...B.INSECURE_TRANSPORT_N512, name: 'INSECURE_TRANSPORT_N64_TEST', N: 64, security: 'INSECURE: share transport for this test' });
const session = new S.Session({ params: TINY, transport: TINY_TRANSPORT, n: 3, T: 1, seed: 'core-rlk-proofs', maxInputs: 1, lambda: 40 }); // the smudging λ is irrelevant to the rlk rounds; N = 64 only allows ≤ 69
const proofs = new CircuitProofSystem({ proofCacheDir: join(resolveConfig().cacheDir, 'node-proofs') });
after(() => proofs.close());

const E3 = 77n;
const keys = [1, 2, 3].map((i) => keyOf(700 + i));
/** A member after C1 + C2 (its sk contribution exists). */
function dealer(id: number, tag: string): S.DkgParty {
  return dealt(id, tag).party;
}
function dealt(id: number, tag: string): { party: S.DkgParty; pkShare: S.PkShare } {
  const party = new S.DkgParty(session, id, { src: new SeededSource(tag, 'test/core-rlk-proofs') });
  return { party, pkShare: party.generate().pkShare };
}
const members0 = [1, 2, 3].map((id) => dealt(id, `party/${id}`));
const parties = members0.map((m) => m.party);
/** The threshold key over A (C5), as the DKG driver's pkOver gives it. */
const pkOver = (A: readonly number[]) => new S.PkShareProtocol(TINY, session.a).aggregateShares(A.map((i) => members0[i - 1]!.pkShare));
/** What each member's C1 proof committed its sk to (the C1 link itself is core-proofs' and dkg.ts's). */
const c1Sk = parties.map((p) => skCommitment(Array.from(p.witness.skContribution.small as Int32Array, BigInt), c1Layout(TINY, 1000n)));
/** A signed PkShare stands for the member's C1 message in the evidence. */
const c1Envelope = (id: number) => sign(id, Phase.PkShare, 0, new Uint8Array([id]), new Uint8Array(0));

function sign(from: number, phase: Phase, sub: number, payload: Uint8Array, proof: Uint8Array): PeerMessage {
  return signEnvelope({ version: WIRE_VERSION, chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, e3Id: E3, phase, slot: slotOf(phase, sub), sender: addressOf(keys[from - 1]!), payload, proof }, SLASHING, keys[from - 1]!);
}

type Sent = { from: number; phase: Phase; sub: number; payload: Uint8Array; statement?: ProveStatement };
/** Rewrites member `from`'s outbound (payload, statement) before it is proved and signed. */
type Tamper = (s: Sent) => Sent;

type Member = {
  stage: RlkStage;
  A: Set<number>;
  excluded: { party: number; reason: string; evidence: readonly Uint8Array[] }[];
  finished?: { A: readonly number[]; rlk?: B.RelinKey; masks?: RlkOutcome['masks'] };
};

async function run(o: { tamper?: Map<number, Tamper>; party?: Map<number, S.DkgParty>; masks?: number; depth?: boolean } = {}): Promise<{ members: Member[]; rejected: string[] }> {
  const outbox: Sent[] = [];
  const rejected: string[] = [];
  const members: Member[] = [1, 2, 3].map((me) => {
    const m = { A: new Set([1, 2, 3]), excluded: [] } as unknown as Member;
    const host: RlkHost = {
      A: m.A,
      party: () => o.party?.get(me) ?? parties[me - 1]!,
      pkOver,
      send: (phase, sub, payload, statement) => outbox.push({ from: me, phase, sub, payload, ...(statement ? { statement } : {}) }),
      c1: (party) => ({ sk: c1Sk[party - 1]!, envelope: encodeEnvelope(c1Envelope(party)) }),
      exclude: (party, reason, evidence) => {
        m.A.delete(party);
        m.excluded.push({ party, reason, evidence: evidence ?? [] });
      },
      schedule: () => undefined,
      stillOn: () => m.A.size >= session.T + 1 && m.A.has(me),
      finish: (A: readonly number[], extras: RlkOutcome) => {
        m.finished = { A, ...(extras.rlk ? { rlk: extras.rlk } : {}), ...(extras.masks ? { masks: extras.masks } : {}) };
      },
    };
    m.stage = new RlkStage(session, me, new SeededSource(`rlk/${me}`, 'test/core-rlk-proofs'), { depth: o.depth ?? true, masks: o.masks ?? 0, timeout: 60_000 }, host, true);
    return m;
  });
  const now = 1_000;
  for (const m of members) m.stage.start(now);
  // Deliver until quiet: each sent share is proved (the daemon's `prove`), signed, then checked by
  // every other member's gate (ProofSystem.verify) before its stage sees it.
  while (outbox.length > 0) {
    let s = outbox.shift()!;
    s = o.tamper?.get(s.from)?.(s) ?? s;
    assert.ok(s.statement, 'every rlk share is sent with its statement when proofs are on');
    assert.equal(proofs.policy(s.phase), 'REQUIRED');
    const message = sign(s.from, s.phase, s.sub, s.payload, await proofs.prove(s.statement));
    for (const [i, m] of members.entries()) {
      const me = i + 1;
      if (me === s.from) continue;
      const why = await proofs.verify(message, { session, party: s.from });
      if (why) {
        rejected.push(`${me}<-${s.from}: ${why}`);
        m.stage.onBadProof(s.from, message, why);
      } else {
        const value = s.phase === Phase.RlkRound1 ? S.decodeRlkRound1Share(TINY, s.payload) : s.phase === Phase.RlkRound2 ? S.decodeRlkRound2Share(TINY, s.payload) : decodeCommitteeMasks(TINY, 3, s.payload);
        m.stage.onMessage(s.from, message, value);
      }
      m.stage.advance(now);
    }
  }
  return { members, rejected };
}

const sameRlk = (a: B.RelinKey, b: B.RelinKey) => a.k0.every((p, d) => p.limbs.every((l, j) => l.every((v, k) => v === b.k0[d]!.limbs[j]![k]))) && a.k1.every((p, d) => p.limbs.every((l, j) => l.every((v, k) => v === b.k1[d]!.limbs[j]![k])));

describe('core: the rlk rounds with proofs on (real UltraHonk at N = 64, n = 3, T = 1)', () => {
  it('every round-1 and round-2 share and every committee mask is proved and verified; the members finish with one rlk and the same masks over A = {1, 2, 3}', async () => {
    const { members, rejected } = await run({ masks: 2 });
    assert.deepEqual(rejected, []);
    for (const m of members) {
      assert.deepEqual(m.excluded, []);
      assert.deepEqual(m.finished?.A, [1, 2, 3]);
      assert.ok(m.finished?.rlk);
    }
    assert.ok(sameRlk(members[0]!.finished!.rlk!, members[1]!.finished!.rlk!) && sameRlk(members[0]!.finished!.rlk!, members[2]!.finished!.rlk!));
    const hashes = members.map((m) => RlkStage.masksHash(m.finished!.masks!));
    assert.equal(members[0]!.finished!.masks!.length, 3);
    assert.ok(hashes.every((h) => h === hashes[0]));
  });

  it('a round-1 share other than the one proved is refused at the gate; its sender is excluded on its signed envelope and the others finish over {1, 2}', async () => {
    const tamper: Tamper = (s) => {
      if (s.phase !== Phase.RlkRound1) return s;
      const share = S.decodeRlkRound1Share(TINY, s.payload);
      const h0 = share.h0.map((p) => p.clone());
      h0[0]!.limbs[0]![3] = (h0[0]!.limbs[0]![3]! + 1) % Number(TINY.moduli[0]);
      return { ...s, payload: S.encodeRlkRound1Share(TINY, { ...share, h0 }) };
    };
    const { members, rejected } = await run({ tamper: new Map([[3, tamper]]) });
    assert.equal(rejected.length, 2);
    for (const r of rejected) assert.match(r, /RKG round-1 proof \(digit 0\) rejected/);
    for (const m of members.slice(0, 2)) {
      assert.deepEqual(m.excluded.map((e) => e.party), [3]);
      assert.match(m.excluded[0]!.reason, /rlk round 1: proof rejected/);
      assert.equal(decodeEnvelope(m.excluded[0]!.evidence[0]!).phase, Phase.RlkRound1);
      assert.deepEqual(m.finished?.A, [1, 2]);
    }
    assert.ok(sameRlk(members[0]!.finished!.rlk!, members[1]!.finished!.rlk!));
  });

  it('a round-1 proof over another secret than the C1-committed one verifies but does not link: excluded with both signed messages', async () => {
    // member 3 runs the rlk rounds with a fresh secret (its C1 committed the original one)
    const other = dealer(3, 'another sk');
    const { members, rejected } = await run({ party: new Map([[3, other]]) });
    assert.deepEqual(rejected, [], 'the proof itself is valid');
    for (const m of members.slice(0, 2)) {
      assert.deepEqual(m.excluded.map((e) => e.party), [3]);
      assert.match(m.excluded[0]!.reason, /not over the C1-committed secret/);
      assert.deepEqual(m.excluded[0]!.evidence.map((e) => decodeEnvelope(e).phase), [Phase.RlkRound1, Phase.PkShare]);
      assert.deepEqual(m.finished?.A, [1, 2]);
    }
  });

  it('a round-2 share made with another ephemeral u than round 1 committed verifies but does not link: excluded, and round 2 re-runs over {1, 2}', async () => {
    const proto = new S.RlkProtocol(TINY, S.rlkCommonPolys(TINY, session.seed));
    const tamper: Tamper = (s) => {
      if (s.phase !== Phase.RlkRound2 || !s.statement || s.statement.circuit !== 'RLK2') return s;
      const st = s.statement;
      const u = proto.genEphemeral(new SeededSource('another u', 'test/core-rlk-proofs'));
      const { share, noise } = proto.genShareRound2(3, st.party.witness.skContribution, u, st.agg, new SeededSource('noise', 'test/core-rlk-proofs'));
      return { ...s, payload: S.encodeRlkRound2Share(TINY, share), statement: { ...st, u: Int32Array.from(u.small as Int32Array), share, noise } };
    };
    const { members, rejected } = await run({ tamper: new Map([[3, tamper]]) });
    assert.deepEqual(rejected, [], 'the proof itself is valid');
    for (const m of members.slice(0, 2)) {
      assert.deepEqual(m.excluded.map((e) => e.party), [3]);
      assert.match(m.excluded[0]!.reason, /rlk round 2 \(attempt 1\): RKG round 2 is not over the ephemeral round 1 committed/);
      assert.deepEqual(m.excluded[0]!.evidence.map((e) => decodeEnvelope(e).phase), [Phase.RlkRound2, Phase.RlkRound1]);
      assert.deepEqual(m.finished?.A, [1, 2]);
    }
    assert.ok(sameRlk(members[0]!.finished!.rlk!, members[1]!.finished!.rlk!));
  });

  it('a mask proved under another key than the one over A_k verifies but does not link; a mask changed after proving is refused at the gate: both excluded', async () => {
    const otherKey: Tamper = (s) => {
      if (s.phase !== Phase.CommitteeMasks || !s.statement || s.statement.circuit !== 'MASKS') return s;
      const src = new SeededSource('mask under another key', 'test/core-rlk-proofs');
      const made = s.statement.witnesses.map(() => B.encryptWithWitness(TINY, pkOver([1, 2]), B.encodeCoeffs(TINY, [5, 6, 7]), src));
      return { ...s, payload: encodeCommitteeMasks({ member: 3, ciphertexts: made.map((x) => x.ciphertext) }), statement: { ...s.statement, witnesses: made.map((x) => x.witness) } };
    };
    // masks only (a program that takes committee masks without multiplying), one per member (the
    // honest run above has the auction's rlk and two masks)
    const linked = await run({ depth: false, masks: 1, tamper: new Map([[3, otherKey]]) });
    assert.deepEqual(linked.rejected, [], 'the proofs themselves are valid');
    for (const m of linked.members.slice(0, 2)) {
      assert.deepEqual(m.excluded.map((e) => e.party), [3]);
      assert.match(m.excluded[0]!.reason, /committee masks \(attempt 1\): a mask is not proved under this attempt's key/);
      assert.deepEqual(m.finished?.A, [1, 2]);
      assert.equal(m.finished?.masks?.length, 2, 'the masks of members 1 and 2');
    }

    const changed: Tamper = (s) => {
      if (s.phase !== Phase.CommitteeMasks) return s;
      const masks = decodeCommitteeMasks(TINY, 3, s.payload);
      const c0 = masks.ciphertexts[0]!.polys[0]!.clone();
      c0.limbs[1]![9] = (c0.limbs[1]![9]! + 1) % Number(TINY.moduli[1]);
      const ct = new B.Ciphertext(TINY, [c0, masks.ciphertexts[0]!.polys[1]!]);
      return { ...s, payload: encodeCommitteeMasks({ member: 3, ciphertexts: [ct] }) };
    };
    const gated = await run({ depth: false, masks: 1, tamper: new Map([[3, changed]]) });
    assert.equal(gated.rejected.length, 2);
    for (const r of gated.rejected) assert.match(r, /mask 0 proof rejected/);
    for (const m of gated.members.slice(0, 2)) {
      assert.deepEqual(m.excluded.map((e) => e.party), [3]);
      assert.equal(decodeEnvelope(m.excluded[0]!.evidence[0]!).phase, Phase.CommitteeMasks);
      assert.deepEqual(m.finished?.A, [1, 2]);
    }
  });
});
