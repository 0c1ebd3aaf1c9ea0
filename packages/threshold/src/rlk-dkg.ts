/**
 * The rlk protocol (rlk.ts) run by the authorised set A of a finished DKG, on the members'
 * secret-key contributions sk_i, through a public board like dkg.ts: every share is serialised by
 * its sender and decoded and structurally checked by the board (so the sizes are real).
 *
 * Scheduling in a node (spec 003 P1/P2): round 1 needs only sk_i and the E3 seed, so it is
 * published with (or right after) the C1 pk share; round 2 needs the round-1 aggregate over the
 * final A, so it runs after the DKG's disputes settle A. A member that fails to publish either
 * round (or whose proof fails) is excluded like a DKG dealer: A shrinks, the pk and key shares are
 * re-aggregated over the new A (DkgParty.finalize), round 1 is re-aggregated without it and
 * round 2 is re-run (its inputs changed). The ephemeral u_i is kept (encrypted at rest) from
 * round 1 to round 2 and then overwritten.
 */
import type { RelinKey } from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import type { DkgResult } from './dkg.js';
import { ProtocolError } from './rlk-errors.js';
import { RlkProtocol, rlkCommonPolys, type RlkRound1Aggregate, type RlkRound1Noise, type RlkRound2Noise } from './rlk.js';
import { decodeRlkRound1Share, decodeRlkRound2Share, encodeRlkRound1Share, encodeRlkRound2Share } from './rlk-serialize.js';

export type RlkRunOptions = {
  /** Per-party randomness (reproducible tests); the OS CSPRNG by default. */
  readonly sources?: (id: number) => RandomSource;
  readonly onPhase?: (name: string, ms: number) => void;
};

export type RlkRunResult = {
  readonly rlk: RelinKey;
  readonly protocol: RlkProtocol;
  readonly aggregate: RlkRound1Aggregate;
  /** Per party: wall time of its two rounds (ms) and bytes it published. */
  readonly stats: ReadonlyMap<number, { ms: number; bytesSent: number }>;
  /** The round noises per party (witnesses for the proofs; the caller overwrites them). */
  readonly noise: ReadonlyMap<number, RlkRound1Noise & RlkRound2Noise>;
};

export function runRlk(dkg: DkgResult, opts: RlkRunOptions = {}): RlkRunResult {
  const { session } = dkg;
  const params = session.params;
  const proto = new RlkProtocol(params, rlkCommonPolys(params, session.seed));
  const stats = new Map<number, { ms: number; bytesSent: number }>();
  const noise = new Map<number, RlkRound1Noise & RlkRound2Noise>();
  const members = dkg.authorised.map((id) => {
    const party = dkg.parties.get(id);
    if (!party) throw new ProtocolError('No DKG party for an authorised member', { details: `party ${id}` });
    const src = opts.sources?.(id) ?? cryptoSource;
    stats.set(id, { ms: 0, bytesSent: 0 });
    return { id, sk: party.witness.skContribution, src, u: proto.genEphemeral(src) };
  });
  const timed = <T>(id: number, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    stats.get(id)!.ms += performance.now() - t0;
    return r;
  };

  let t0 = performance.now();
  const round1 = members.map((m) => {
    const bytes = timed(m.id, () => {
      const { share, noise: nz } = proto.genShareRound1(m.id, m.sk, m.u, m.src);
      noise.set(m.id, { ...nz, e2: [], e3: [] });
      return encodeRlkRound1Share(params, share);
    });
    stats.get(m.id)!.bytesSent += bytes.length;
    const share = decodeRlkRound1Share(params, bytes);
    proto.checkShare(share, m.id);
    return share;
  });
  const aggregate = proto.aggregateRound1(round1);
  opts.onPhase?.('rlk round 1', performance.now() - t0);

  t0 = performance.now();
  const round2 = members.map((m) => {
    const bytes = timed(m.id, () => {
      const { share, noise: nz } = proto.genShareRound2(m.id, m.sk, m.u, aggregate, m.src);
      const prev = noise.get(m.id)!;
      noise.set(m.id, { ...prev, ...nz });
      m.u.dispose();
      return encodeRlkRound2Share(params, share);
    });
    stats.get(m.id)!.bytesSent += bytes.length;
    const share = decodeRlkRound2Share(params, bytes);
    proto.checkShare(share, m.id);
    return share;
  });
  const rlk = proto.finalize(aggregate, round2);
  opts.onPhase?.('rlk round 2 + finalize', performance.now() - t0);
  return { rlk, protocol: proto, aggregate, stats, noise };
}
