/**
 * A whole DKG (spec 003, P1 + P2) among the parties of one process, with a public bulletin board:
 * every message is serialised by its sender and decoded by its readers (so the sizes are real), and
 * every public check is run by the board as any verifier would.
 *
 *   C0   every party publishes its transport public key
 *   C1+C2 every party publishes its pk share and its share commitments; the board checks the pk
 *        share (common a, party id) and that the commitments cover exactly the other members of A
 *   γ    the codeword challenge is derived from that transcript (consistency.ts)
 *   C3   every dealer publishes one encrypted bundle per recipient, and its masked polynomial Z
 *   C4   every recipient decrypts, checks range, commitment and Z; complains on failure
 *   disputes: the dealer opens (complaint.ts) or the accuser reveals (consistency.ts); the board
 *        excludes whoever is at fault
 *   C4 aggregation: each member of the final A sums its shares from A
 *   C5   pk = (Σ_{i ∈ A} p0_i, a)
 *
 * The authorised set A only shrinks; below T + 1 members the DKG fails with QuorumError.
 */
import type { PublicKey } from '@interfold/bfv';
import type { RandomSource } from '@interfold/ring';
import { resolveComplaint, type ComplaintVerdict } from './complaint.js';
import { deriveChallenge, resolveCodewordComplaint } from './consistency.js';
import { QuorumError } from './errors.js';
import type { ThresholdKeyShare } from './keyshare.js';
import { ComplaintReason, type Complaint, type EncryptedShareBundle, type MaskedPolynomial, type PkShare, type ShareCommitments } from './messages.js';
import { DkgParty } from './party.js';
import { PkShareProtocol } from './pk-share.js';
import * as S from './serialize.js';
import type { Session } from './session.js';

export const DKG_STEPS = ['transportKey', 'generate', 'encrypt', 'receive', 'dispute', 'aggregate'] as const;
export type DkgStep = (typeof DKG_STEPS)[number];

export type PartyStats = { ms: Record<DkgStep, number>; bytesSent: number };

export type Exclusion = { readonly party: number; readonly stage: string; readonly reason: string };

export type DkgOptions = {
  /**
   * Builds the party object of `id` (default: an honest DkgParty). Tests inject deviating
   * subclasses here (test/adversary.ts): fault injection stays out of the protocol objects.
   */
  readonly parties?: (session: Session, id: number, src: RandomSource | undefined) => DkgParty;
  /** Per-party randomness (reproducible tests); the OS CSPRNG by default. */
  readonly sources?: (id: number) => RandomSource;
  /** Called after each phase with its wall time. */
  readonly onPhase?: (name: string, ms: number) => void;
};

export type DkgResult = {
  readonly session: Session;
  readonly pk: PublicKey;
  /** The final authorised set A, ascending. */
  readonly authorised: readonly number[];
  readonly keyShares: ReadonlyMap<number, ThresholdKeyShare>;
  readonly pkShares: ReadonlyMap<number, PkShare>;
  readonly excluded: readonly Exclusion[];
  /** The party objects (witnesses); the caller disposes them. */
  readonly parties: ReadonlyMap<number, DkgParty>;
  readonly stats: ReadonlyMap<number, PartyStats>;
  readonly phases: readonly { name: string; ms: number }[];
};

const now = () => performance.now();

export function runDkg(session: Session, opts: DkgOptions = {}): DkgResult {
  const { params, transport, committee, T } = session;
  const A = new Set<number>(committee.ids);
  const excluded: Exclusion[] = [];
  const exclude = (party: number, stage: string, reason: string) => {
    if (!A.has(party)) return;
    A.delete(party);
    excluded.push(Object.freeze({ party, stage, reason }));
  };
  const stats = new Map<number, PartyStats>();
  for (const id of committee.ids) stats.set(id, { ms: { transportKey: 0, generate: 0, encrypt: 0, receive: 0, dispute: 0, aggregate: 0 }, bytesSent: 0 });
  const st = (id: number) => stats.get(id) as PartyStats;
  const phases: { name: string; ms: number }[] = [];
  let phaseStart = now();
  const endPhase = (name: string) => {
    const ms = now() - phaseStart;
    phases.push({ name, ms });
    opts.onPhase?.(name, ms);
    phaseStart = now();
  };
  const timed = <R>(id: number, step: DkgStep, f: () => R): R => {
    const t0 = now();
    const r = f();
    st(id).ms[step] += now() - t0;
    return r;
  };
  const send = (id: number, bytes: Uint8Array) => {
    st(id).bytesSent += bytes.length;
    return bytes;
  };
  const sorted = () => [...A].sort((a, b) => a - b);

  // C0: individual key pairs.
  const parties = new Map<number, DkgParty>();
  const transportKeys = new Map<number, PublicKey>();
  for (const id of committee.ids) {
    const p = timed(id, 'transportKey', () => (opts.parties ? opts.parties(session, id, opts.sources?.(id)) : new DkgParty(session, id, { src: opts.sources?.(id) })));
    parties.set(id, p);
    const bytes = send(id, timed(id, 'transportKey', () => S.encodeTransportPublicKey(params, p.transportPublicKey())));
    try {
      const m = S.decodeTransportPublicKey(params, transport, bytes);
      if (m.party !== id) throw new Error(`claims party ${m.party}`);
      transportKeys.set(id, m.pk);
    } catch (e) {
      exclude(id, 'C0 transport key', e instanceof Error ? e.message : String(e));
    }
  }
  endPhase('C0 transport keys');

  // C1 + C2: contributions, pk shares, sharings, commitments.
  const proto = new PkShareProtocol(params, session.a);
  const pkShares = new Map<number, PkShare>();
  const commitments = new Map<number, ShareCommitments>();
  for (const id of sorted()) {
    const out = timed(id, 'generate', () => {
      const g = (parties.get(id) as DkgParty).generate();
      return { pk: S.encodePkShare(params, g.pkShare), cm: S.encodeShareCommitments(params, g.commitments) };
    });
    send(id, out.pk);
    send(id, out.cm);
    try {
      const share = S.decodePkShare(params, out.pk);
      proto.checkShare(share, id);
      pkShares.set(id, share);
    } catch (e) {
      exclude(id, 'C1 pk share', e instanceof Error ? e.message : String(e));
      continue;
    }
    try {
      const c = S.decodeShareCommitments(params, out.cm);
      if (c.dealer !== id) throw new Error(`commitments claim dealer ${c.dealer}`);
      commitments.set(id, c);
    } catch (e) {
      exclude(id, 'C2 commitments', e instanceof Error ? e.message : String(e));
    }
  }
  for (const id of sorted()) {
    const want = sorted().filter((k) => k !== id);
    const got = (commitments.get(id) as ShareCommitments).entries.map((e) => e.recipient);
    const missing = want.filter((k) => !got.includes(k));
    if (missing.length) exclude(id, 'C2 commitments', `no commitment for recipients ${missing.join(', ')}`);
  }
  endPhase('C1+C2 contributions, pk shares, Shamir sharing, commitments');

  // Fiat–Shamir challenge of the codeword check, from the published transcript.
  const challenge = deriveChallenge(session, sorted().map((i) => pkShares.get(i) as PkShare), sorted().map((i) => commitments.get(i) as ShareCommitments));

  // C3: encrypted bundles and masked polynomials.
  const bundleBytes = new Map<string, Uint8Array>();
  const masked = new Map<number, MaskedPolynomial>();
  const keysOfA = new Map(sorted().map((k) => [k, transportKeys.get(k) as PublicKey]));
  for (const id of sorted()) {
    const p = parties.get(id) as DkgParty;
    const { bundles, Zb } = timed(id, 'encrypt', () => {
      const bs = p.encryptShares(keysOfA).map((b) => ({ r: b.recipient, bytes: S.encodeEncryptedShareBundle(params, b) }));
      return { bundles: bs, Zb: S.encodeMaskedPolynomial(params, p.maskedPolynomial(challenge)) };
    });
    for (const b of bundles) bundleBytes.set(`${id}>${b.r}`, send(id, b.bytes));
    send(id, Zb);
    try {
      const Z = S.decodeMaskedPolynomial(params, T, Zb);
      if (Z.dealer !== id) throw new Error(`masked polynomial claims dealer ${Z.dealer}`);
      masked.set(id, Z);
    } catch (e) {
      exclude(id, 'C3 masked polynomial', e instanceof Error ? e.message : String(e));
    }
  }
  endPhase('C3 share encryption');

  // C4 checks: every recipient decrypts and checks what it received.
  const decodedBundles = new Map<string, EncryptedShareBundle | undefined>();
  const bundleOf = (i: number, k: number) => {
    const key = `${i}>${k}`;
    if (!decodedBundles.has(key)) {
      const bytes = bundleBytes.get(key);
      let b: EncryptedShareBundle | undefined;
      try {
        b = bytes ? S.decodeEncryptedShareBundle(params, transport, bytes) : undefined;
        if (b && (b.dealer !== i || b.recipient !== k)) b = undefined;
      } catch {
        b = undefined;
      }
      decodedBundles.set(key, b);
    }
    return decodedBundles.get(key);
  };
  const complaints: Complaint[] = [];
  const members = sorted();
  for (const k of members) {
    const p = parties.get(k) as DkgParty;
    for (const i of members) {
      if (i === k) continue;
      const c = timed(k, 'receive', () => p.receive(commitments.get(i) as ShareCommitments, bundleOf(i, k), challenge, masked.get(i)));
      if (c) complaints.push(S.decodeComplaint(params, send(k, S.encodeComplaint(params, c))));
    }
  }
  endPhase('C4 share decryption and checks');

  // Disputes: decided by the board from the dealer's opening or the accuser's reveal.
  const verdicts: { c: Complaint; v: ComplaintVerdict }[] = [];
  for (const c of complaints) {
    if (!A.has(c.dealer) || !A.has(c.accuser)) continue;
    if (c.reason === ComplaintReason.CodewordMismatch) {
      const accuser = parties.get(c.accuser) as DkgParty;
      let reveal;
      const r = timed(c.accuser, 'dispute', () => accuser.revealShares(c.dealer));
      if (r) {
        try {
          reveal = S.decodeShareReveal(params, send(c.accuser, S.encodeShareReveal(params, r)));
        } catch {
          reveal = undefined;
        }
      }
      verdicts.push({ c, v: resolveCodewordComplaint(session, challenge, c, reveal, commitments.get(c.dealer), masked.get(c.dealer)) });
    } else {
      const dealer = parties.get(c.dealer) as DkgParty;
      let opening;
      const o = timed(c.dealer, 'dispute', () => dealer.answerComplaint(c));
      if (o) {
        try {
          opening = S.decodeShareOpening(params, transport, send(c.dealer, S.encodeShareOpening(params, o)));
        } catch {
          opening = undefined;
        }
      }
      const bundle = bundleOf(c.dealer, c.accuser);
      verdicts.push({ c, v: resolveComplaint(session, c, opening, commitments.get(c.dealer), bundle, transportKeys.get(c.accuser) as PublicKey) });
    }
  }
  for (const { c, v } of verdicts) {
    const who = v.faulty === 'dealer' ? c.dealer : c.accuser;
    exclude(who, `complaint ${c.accuser}→${c.dealer}`, v.reason);
  }
  endPhase('disputes');

  const authorised = sorted();
  if (authorised.length < T + 1) {
    for (const p of parties.values()) p.dispose();
    throw new QuorumError('Too few authorised parties remain after the DKG checks', {
      details: `|A| = ${authorised.length} < T + 1 = ${T + 1}; excluded: ${excluded.map((e) => `${e.party} (${e.stage}: ${e.reason})`).join('; ')}`,
    });
  }

  // C4 aggregation and C5.
  const keyShares = new Map<number, ThresholdKeyShare>();
  for (const k of authorised) keyShares.set(k, timed(k, 'aggregate', () => (parties.get(k) as DkgParty).finalize(authorised)));
  const pk = proto.aggregateShares(authorised.map((i) => pkShares.get(i) as PkShare));
  endPhase('C4 aggregation + C5 pk aggregation');

  return { session, pk, authorised, keyShares, pkShares, excluded, parties, stats, phases };
}
