/**
 * The DKG circuits of one session shape (issue 9): C0, C1, C2a/C2b, C4a/C4b, C5 compiled for the
 * session's parameter sets, n, T, |A| and smudging bound, and the per-node provers that build their
 * witnesses from `@interfold/threshold`'s values.
 */
import type { Session, DkgParty, PkShare } from '@interfold/threshold';
import type { ZkConfig } from '../config.js';
import type { Proof } from '../circuit.js';
import type { RnsPoly } from '../commitments/rns.js';
import { DkgCircuit } from './circuit.js';
import { buildC1Inputs, c1Layout, c1PublicList, c1WitnessFromDealer, renderC1Params, type C1Layout, type C1Public } from './c1.js';
import { buildC2Inputs, c2Layout, c2PublicList, c2WitnessFromSharing, renderC2Params, type C2Layout, type C2Public, type SecretKind } from './c2.js';
import {
  buildC0Inputs,
  buildC4Inputs,
  buildC5Inputs,
  c0PublicList,
  c4PublicList,
  c5PublicList,
  renderC0Params,
  renderC4Params,
  renderC5Params,
  sumLayout,
  type C0Public,
  type C4Public,
  type C5Public,
  type SumLayout,
} from './aggregate.js';
import { centred, partyField, sessionField } from './common.js';

export const SECRET_KINDS: readonly SecretKind[] = ['sk', 'esm'];

export type Proved<P> = { proof: Proof; publicInputs: P };
export type DealerProofs = { c0: Proved<C0Public>; c1: Proved<C1Public>; c2: Record<SecretKind, Proved<C2Public>> };
export type ReceiverProofs = Record<SecretKind, Proved<C4Public>>;

export type DkgLayouts = { c1: C1Layout; c2: Record<SecretKind, C2Layout>; sum: SumLayout };

export function dkgLayouts(session: Session, D = session.n): DkgLayouts {
  const { params, n, T } = session;
  const B = session.smudging.perParty;
  return {
    c1: c1Layout(params, B),
    c2: { sk: c2Layout(params, n, T, 'sk', B), esm: c2Layout(params, n, T, 'esm', B) },
    sum: sumLayout(params, D),
  };
}

export class DkgCircuits {
  private constructor(
    readonly session: Session,
    readonly layouts: DkgLayouts,
    readonly c0: DkgCircuit,
    readonly c1: DkgCircuit,
    readonly c2: Record<SecretKind, DkgCircuit>,
    readonly c4: Record<SecretKind, DkgCircuit>,
    readonly c5: DkgCircuit,
  ) {}

  /** Compiles (cached) every DKG circuit for `session` with |A| = D members. */
  static async load(session: Session, opts: { D?: number; config?: ZkConfig } = {}): Promise<DkgCircuits> {
    const l = dkgLayouts(session, opts.D);
    const cfg = opts.config ?? {};
    // Sequential: each load may start a bb process and compile; the machine is small.
    const c0 = await DkgCircuit.load('c0_transport_pk', renderC0Params(session.transport), cfg);
    const c1 = await DkgCircuit.load('c1_pk_share', renderC1Params(l.c1), cfg);
    const c2sk = await DkgCircuit.load('c2_shares', renderC2Params(l.c2.sk), cfg);
    const c2esm = await DkgCircuit.load('c2_shares', renderC2Params(l.c2.esm), cfg);
    const c4sk = await DkgCircuit.load('c4_aggregation', renderC4Params(l.sum, 'sk'), cfg);
    const c4esm = await DkgCircuit.load('c4_aggregation', renderC4Params(l.sum, 'esm'), cfg);
    const c5 = await DkgCircuit.load('c5_pk_aggregation', renderC5Params(l.sum), cfg);
    return new DkgCircuits(session, l, c0, c1, { sk: c2sk, esm: c2esm }, { sk: c4sk, esm: c4esm }, c5);
  }

  get all(): DkgCircuit[] {
    return [this.c0, this.c1, this.c2.sk, this.c2.esm, this.c4.sk, this.c4.esm, this.c5];
  }

  bind(party: number): { session: bigint; party: bigint } {
    return { session: sessionField(this.session.id), party: partyField(party, this.session.n) };
  }

  /** C0, C1, C2a, C2b of one dealer (after `party.generate()`): 4 proofs. */
  async proveDealer(party: DkgParty, pkShare: PkShare): Promise<DealerProofs> {
    const s = this.session;
    const bind = this.bind(party.id);
    const tpk = party.transportKey.pk;
    const c0in = buildC0Inputs(s.transport, { pk0: centred(s.transport, tpk.p0), pk1: centred(s.transport, tpk.p1) }, bind);
    const c0 = { proof: await this.c0.prove(c0in.inputs, c0PublicList(c0in.publicInputs)), publicInputs: c0in.publicInputs };
    const w1 = c1WitnessFromDealer(s, party.witness, pkShare);
    const c1in = buildC1Inputs(w1, this.layouts.c1, bind);
    const c1 = { proof: await this.c1.prove(c1in.inputs, c1PublicList(c1in.publicInputs)), publicInputs: c1in.publicInputs };
    const c2 = {} as Record<SecretKind, Proved<C2Public>>;
    for (const kind of SECRET_KINDS) {
      const w2 = c2WitnessFromSharing(s.params, kind === 'sk' ? w1.sk : w1.esm, party.witness.sharings[kind]);
      const c2in = buildC2Inputs(w2, this.layouts.c2[kind], bind);
      c2[kind] = { proof: await this.c2[kind].prove(c2in.inputs, c2PublicList(c2in.publicInputs)), publicInputs: c2in.publicInputs };
    }
    return { c0, c1, c2 };
  }

  /** C4a, C4b of one recipient over the authorised set A (ascending): 2 proofs. */
  async proveReceiver(party: DkgParty, A: readonly number[]): Promise<ReceiverProofs> {
    const out = {} as ReceiverProofs;
    for (const kind of SECRET_KINDS) {
      const received: RnsPoly[] = [...A].sort((x, y) => x - y).map((i) => {
        const r = party.revealShares(i);
        if (!r) throw new Error(`party ${party.id} holds no shares from dealer ${i}`);
        return centred(this.session.params, r.shares[kind]);
      });
      const b = buildC4Inputs(this.layouts.sum, kind, received, this.bind(party.id));
      out[kind] = { proof: await this.c4[kind].prove(b.inputs, c4PublicList(b.publicInputs)), publicInputs: b.publicInputs };
    }
    return out;
  }

  /** C5 by the aggregator over the pk shares of A (ascending ids). */
  async proveAggregate(pkShares: ReadonlyMap<number, PkShare>, A: readonly number[]): Promise<Proved<C5Public>> {
    const s = this.session;
    const p0s = [...A].sort((x, y) => x - y).map((i) => centred(s.params, pkShares.get(i)!.p0));
    const b = buildC5Inputs(this.layouts.sum, centred(s.params, s.a), p0s, sessionField(s.id));
    return { proof: await this.c5.prove(b.inputs, c5PublicList(b.publicInputs)), publicInputs: b.publicInputs };
  }

  async close(): Promise<void> {
    for (const c of this.all) await c.close();
  }
}
