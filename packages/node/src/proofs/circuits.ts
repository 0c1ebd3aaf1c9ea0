/**
 * CircuitProofSystem: the node's ProofSystem backed by @interfold/circuits (spec 003 P1–P4;
 * issues 9, 10). Which circuit per phase:
 *
 *   TransportKey      C0          the transport pk's commitment
 *   PkShare           C1          pk share = −a·sk + e, sk ternary, e and esm in range; sk, esm committed
 *   ShareCommitments  C2a + C2b   the dealer's sk / esm shares are a degree-T codeword over C1's secret
 *   PkAttestation     C4a + C4b   the attester's key share / smudging share are the sums of the shares C2 committed
 *   DecryptionShare   C6          d = c0 + c1·s + esm (+ quotients) with s, esm the C4 commitments
 *   (aggregator)      C7          the plaintext decoded from T + 1 shares (never sent: goes on chain)
 *   (aggregator)      FOLD        DecryptionAggregateAdapter E3s: T + 1 noir-recursive C6 proofs verified
 *                                 in one circuit with C7's relations (never sent: goes on chain)
 *   (aggregator)      PKFOLD      PkAggregateAdapter E3s: the noir-recursive C1 proofs of A verified in
 *                                 one circuit with C5 (never sent: goes on chain; pk-fold.ts)
 *   RlkRound1         rlk_contribution  (depth ≥ 1) RKG round 1 over C1's sk and a ternary u; u committed
 *   RlkRound2         rlk_round2  RKG round 2 on the round-1 aggregate, over C1's sk and round 1's u
 *   CommitteeMasks    user_encryption (one per mask) each mask a well-formed encryption under the key over A_k
 *
 * `verify` rebuilds every public input the receiver can derive itself — the session id (which
 * hashes the E3's seed, parameters, n, T), the sender's party id, the E3 id, the common
 * polynomial's commitment (and the rlk ones) and the commitment of the payload the proof travels with — so a proof
 * replayed for another E3, another party or another payload fails on the deployed verifier. The
 * remaining public inputs are commitments of earlier steps: the core links them (links.ts).
 *
 * Circuits are compiled (disk-cached by @interfold/circuits) once per session shape and shared
 * by every E3 of that shape in the process. Proving is slow; the daemon runs it off the core.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BfvParameters } from '@interfold/bfv';
import {
  buildC0Inputs,
  buildC1Inputs,
  buildC2Inputs,
  buildC4Inputs,
  buildC6Inputs,
  buildC7Inputs,
  buildInputs,
  publicInputList,
  c0PublicList,
  c1PublicList,
  c1WitnessFromDealer,
  c2PublicList,
  c2WitnessFromSharing,
  c4PublicList,
  c6PublicInputList,
  c7PublicInputList,
  centredOutput,
  centredPoly,
  ciphertextCommitment,
  commitRnsPolys,
  crpCommitment,
  decodePublicInputs,
  decryptionShareCommitment,
  DecodeCircuit,
  DecryptionFoldCircuit,
  DecryptionShareCircuit,
  DkgCircuits,
  PkFoldCircuit,
  RecursiveProver,
  DOMAINS,
  encodePublicInputs,
  pkShareCommitment,
  resolveConfig,
  buildRlkInputs,
  buildRlk2Inputs,
  rlkPublicList,
  rlk2PublicList,
  rlk2ShareCommitment,
  rlkShareCommitment,
  RLK_DOMAINS,
  RlkContributionCircuit,
  RlkRound2Circuit,
  UserEncryption,
  toField,
  sessionField,
  shareWitness,
  type DkgCircuit,
  type ZkCircuit,
  type FoldableShare,
  type ZkConfig,
} from '@interfold/circuits';
import * as S from '@interfold/threshold';
import type { Session } from '@interfold/threshold';
import { Phase, type PeerMessage, type ProofContext, type ProofPolicy, type ProofSystem, type ProveStatement } from '../types.js';
import { ProofError } from '../wire/errors.js';
import { decodeProofBundle, encodeProofBundle, innerProofBytes, innerProofFields, type ProofItem } from './bundle.js';
import { decodeCommitteeMasks } from '../wire/rlk.js';
import { subSlotOf } from '../wire/envelope.js';
import { provePkFold } from './pk-fold.js';

/** The phases whose proof slot must carry a proof when proofs are on. */
export const PROVED_PHASES: ReadonlySet<Phase> = new Set([
  Phase.TransportKey,
  Phase.PkShare,
  Phase.ShareCommitments,
  Phase.PkAttestation,
  Phase.DecryptionShare,
  Phase.RlkRound1,
  Phase.RlkRound2,
  Phase.CommitteeMasks,
]);

export const MASK_CONTEXT_DOMAIN = 'interfold/node/mask-context/v1';

/**
 * The user-encryption `context` a committee mask is proved for: SHA-256 of the domain, the session
 * id, the member, the attempt (sub-slot) and the mask's index, reduced into the field — so a mask
 * proof cannot be replayed for another E3, member, attempt or position.
 */
export function maskContext(session: Session, party: number, attempt: number, index: number): bigint {
  const h = createHash('sha256').update(MASK_CONTEXT_DOMAIN).update(session.id);
  const b = Buffer.alloc(9);
  b.writeUInt16BE(party, 0), b.writeUInt32BE(attempt, 2), b.writeUInt8(index, 6);
  return toField(BigInt(`0x${h.update(b).digest('hex')}`));
}

export type CircuitProofOptions = {
  readonly config?: ZkConfig;
  /**
   * Tests only: keep proofs on disk by content key (circuit artifact + witness inputs), so a rerun
   * of a seeded scenario proves nothing twice. Never in a daemon: the key is a hash of secrets.
   */
  readonly proofCacheDir?: string;
};

type Kind = 'sk' | 'esm';
const KINDS: readonly Kind[] = ['sk', 'esm'];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The k-element subsets of 0..m-1, in lexicographic order (the smallest ids first). */
function* subsets(m: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (k <= m) {
    yield [...idx];
    let i = k - 1;
    while (i >= 0 && idx[i] === m - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}
/** The cached load of `key`, started once (a failed load is forgotten, so the next call retries). */
function loadOnce<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/**
 * A fold E3's twin (absent: undefined) must claim exactly what the verified EVM-target proof
 * proved and be well-formed field elements (else ProofError: `verify` reports it unverifiable);
 * its validity can only be checked inside the fold (bb's native verifier pins the ceremony CRS).
 */
function twinMismatch(step: string, twin: ProofItem | undefined, expected: readonly bigint[]): string | undefined {
  if (!twin) return undefined;
  if (twin.publicInputs.length !== expected.length || twin.publicInputs.some((v, i) => v !== expected[i])) return `${step} recursive proof claims other public inputs`;
  innerProofFields(twin.proof);
  return undefined;
}

/** A session's circuit shape with |A| = D: what the DKG circuits and the key fold depend on. */
const shapeKey = (s: Session, D: number) => [hex(s.params.fingerprint), hex(s.transport.fingerprint), s.n, s.T, s.smudging.perParty, D].join('/');

/** A compiled program's identity for the test proof cache (its bytecode's hash). */
const programKey = (p: { bytecode: string }) => createHash('sha256').update(p.bytecode).digest('hex');

export class CircuitProofSystem implements ProofSystem {
  readonly name = 'circuits';
  private readonly dkg = new Map<string, Promise<DkgCircuits>>();
  private readonly c6 = new Map<string, Promise<DecryptionShareCircuit>>();
  private readonly c7 = new Map<string, Promise<DecodeCircuit>>();
  /** C6 in bb's noir-recursive target (fold E3s); the fold itself (aggregator only), per (params, T). */
  private readonly c6Recursive = new Map<string, Promise<RecursiveProver>>();
  private readonly folds = new Map<string, Promise<DecryptionFoldCircuit>>();
  /** C1 in the noir-recursive target (key-fold E3s), per C1 artifact; the key fold per (session shape, |A|). */
  private readonly c1Recursive = new Map<string, Promise<RecursiveProver>>();
  private readonly pkFolds = new Map<string, Promise<PkFoldCircuit>>();
  private readonly rlk = new Map<string, Promise<{ r1: RlkContributionCircuit; r2: RlkRound2Circuit }>>();
  private readonly userEnc = new Map<string, Promise<UserEncryption>>();
  private readonly derived = new WeakMap<Session, { sid: bigint; crp: bigint }>();
  /** The E3's rlk common polynomials a_1..a_L (centred) and the commitment of each, per session. */
  private readonly rlkCrp = new WeakMap<Session, { a: bigint[][][]; commitments: bigint[] }>();

  constructor(private readonly opts: CircuitProofOptions = {}) {}

  policy(phase: Phase): ProofPolicy {
    return PROVED_PHASES.has(phase) ? 'REQUIRED' : 'NO_PROOF_YET';
  }

  // ------------------------------------------------------------------------------ loading

  /** The DKG circuits of the session's shape with |A| = D (C4 and C5 depend on D). */
  private circuits(session: Session, D = session.n): Promise<DkgCircuits> {
    return loadOnce(this.dkg, shapeKey(session, D), () => DkgCircuits.load(session, { D, config: this.opts.config }));
  }

  /** A bb process proving C1 in the noir-recursive target (the vk the key fold pins). */
  private recursiveC1(c1: DkgCircuit): Promise<RecursiveProver> {
    return loadOnce(this.c1Recursive, c1.circuit.artifactHash, () => RecursiveProver.open(c1.circuit));
  }

  /** The key fold for |A| = D (loaded once per session shape; each E3's session is passed to fold). */
  private pkFold(session: Session, D: number): Promise<PkFoldCircuit> {
    return loadOnce(this.pkFolds, shapeKey(session, D), () => PkFoldCircuit.load(session, D, this.opts.config));
  }

  private decryption(params: BfvParameters): Promise<DecryptionShareCircuit> {
    return loadOnce(this.c6, hex(params.fingerprint), () => DecryptionShareCircuit.load(params, this.opts.config));
  }

  /** C7 for decrypting sets of `shares` = T + 1 parties (the aggregator only). */
  private decode(params: BfvParameters, shares: number): Promise<DecodeCircuit> {
    return loadOnce(this.c7, `${hex(params.fingerprint)}/${shares}`, () => DecodeCircuit.load(params, shares, this.opts.config));
  }

  /** A bb process proving C6 in the noir-recursive target (the vk the fold pins). */
  private recursiveC6(params: BfvParameters): Promise<RecursiveProver> {
    return loadOnce(this.c6Recursive, hex(params.fingerprint), async () => RecursiveProver.open((await this.decryption(params)).circuit));
  }

  /** The decryption fold for threshold T (compiled with C7's constants for T + 1 and C6's recursive vk). */
  private fold(params: BfvParameters, T: number): Promise<DecryptionFoldCircuit> {
    return loadOnce(this.folds, `${hex(params.fingerprint)}/${T}`, () => DecryptionFoldCircuit.load(params, T, this.opts.config));
  }

  /** Both RKG circuits of a parameter set (depth ≥ 1 programs only). */
  private rlkCircuits(params: BfvParameters): Promise<{ r1: RlkContributionCircuit; r2: RlkRound2Circuit }> {
    return loadOnce(this.rlk, hex(params.fingerprint), async () => {
      const [r1, r2] = await Promise.all([RlkContributionCircuit.compile(params, this.opts.config), RlkRound2Circuit.compile(params, this.opts.config)]);
      return { r1, r2 };
    });
  }

  /** The user-encryption circuit of a parameter set (the committee masks' proofs). */
  private encryption(params: BfvParameters): Promise<UserEncryption> {
    return loadOnce(this.userEnc, hex(params.fingerprint), () => UserEncryption.load(params, this.opts.config));
  }

  private rlkCommon(session: Session): { a: bigint[][][]; commitments: bigint[] } {
    let d = this.rlkCrp.get(session);
    if (!d) {
      const a = S.rlkCommonPolys(session.params, session.seed).map((x) => centredPoly(session.params, x));
      this.rlkCrp.set(session, (d = { a, commitments: a.map((a_d) => commitRnsPolys(RLK_DOMAINS.CRP, [a_d], session.params.moduli, session.params.N)) }));
    }
    return d;
  }

  private fixed(session: Session): { sid: bigint; crp: bigint } {
    let d = this.derived.get(session);
    if (!d) this.derived.set(session, (d = { sid: sessionField(session.id), crp: crpCommitment(session.params, session.a) }));
    return d;
  }

  // ------------------------------------------------------------------------------ proving

  async prove(st: ProveStatement): Promise<Uint8Array> {
    const s = st.session;
    if (st.circuit === 'C6') {
      const c6 = await this.decryption(s.params);
      const w = shareWitness(s.params, st.keyShare, st.ciphertext, st.share);
      const binding = { e3Id: st.e3Id, party: st.share.party };
      const { inputs, publicInputs } = buildC6Inputs(w, c6.layout, binding);
      const expected = c6PublicInputList(publicInputs);
      const items = [await this.cached(c6.circuit.artifactHash, inputs, expected, async () => (await c6.prove(w, binding)).proof.proof)];
      // The same statement for the aggregator's fold (DecryptionAggregateAdapter E3s).
      if (st.recursive) items.push(await this.recursiveTwin('C6', await this.recursiveC6(s.params), c6.circuit, inputs, expected));
      return encodeProofBundle(items);
    }
    if (st.circuit === 'FOLD') return this.proveFold(st);
    if (st.circuit === 'PKFOLD') return provePkFold(await this.pkFold(s, st.authorised.length), st);
    if (st.circuit === 'C7') {
      // The aggregator's decode proof (DecryptionProofAdapter): public inputs [ids, dCommitments, packed plaintext].
      const c7 = await this.decode(s.params, st.shares.length);
      const ids = st.shares.map((x) => x.party);
      const polys = st.shares.map((x) => centredPoly(s.params, x.d));
      const { inputs, publicInputs } = buildC7Inputs(ids, polys, c7.layout);
      const expected = c7PublicInputList(publicInputs);
      return encodeProofBundle([await this.cached(c7.circuit.artifactHash, inputs, expected, async () => (await c7.prove(ids, polys)).proof.proof)]);
    }
    if (st.circuit === 'RLK1' || st.circuit === 'RLK2') return this.proveRlk(st);
    if (st.circuit === 'MASKS') return this.proveMasks(st);
    const zk = await this.circuits(s, st.circuit === 'C4' ? st.authorised.length : s.n);
    const party = st.party;
    const bind = zk.bind(party.id);
    switch (st.circuit) {
      case 'C0': {
        const tpk = party.transportKey.pk;
        const b = buildC0Inputs(s.transport, { pk0: centredPoly(s.transport, tpk.p0), pk1: centredPoly(s.transport, tpk.p1) }, bind);
        return encodeProofBundle([await this.dkgProof(zk.c0, b.inputs, c0PublicList(b.publicInputs))]);
      }
      case 'C1': {
        const w1 = c1WitnessFromDealer(s, party.witness, st.pkShare);
        const b = buildC1Inputs(w1, zk.layouts.c1, bind);
        const expected = c1PublicList(b.publicInputs);
        const items = [await this.dkgProof(zk.c1, b.inputs, expected)];
        // The same statement for the aggregator's key fold (PkAggregateAdapter E3s).
        if (st.recursive) items.push(await this.recursiveTwin('C1', await this.recursiveC1(zk.c1), zk.c1.circuit, b.inputs, expected));
        return encodeProofBundle(items);
      }
      case 'C2': {
        const w1 = c1WitnessFromDealer(s, party.witness, st.pkShare);
        const out: ProofItem[] = [];
        for (const kind of KINDS) {
          const w2 = c2WitnessFromSharing(s.params, kind === 'sk' ? w1.sk : w1.esm, party.witness.sharings[kind]);
          const b = buildC2Inputs(w2, zk.layouts.c2[kind], bind);
          out.push(await this.dkgProof(zk.c2[kind], b.inputs, c2PublicList(b.publicInputs)));
        }
        return encodeProofBundle(out);
      }
      case 'C4': {
        const A = [...st.authorised].sort((x, y) => x - y);
        const out: ProofItem[] = [];
        for (const kind of KINDS) {
          const received = A.map((i) => {
            const r = party.revealShares(i);
            if (!r) throw new ProofError('C4: no shares held from an authorised dealer', { details: `dealer ${i}, party ${party.id}` });
            return centredPoly(s.params, r.shares[kind]);
          });
          const b = buildC4Inputs(zk.layouts.sum, kind, received, bind);
          out.push(await this.dkgProof(zk.c4[kind], b.inputs, c4PublicList(b.publicInputs)));
        }
        return encodeProofBundle(out);
      }
    }
  }

  /**
   * The decryption fold over the first T + 1 of `st.shares` (ascending ids) whose fold verifies on
   * the fold's own verifier; a later subset only if an earlier one fails. Why a failure can happen
   * at all: peers check a share's EVM-target C6 proof at the gate, but its noir-recursive twin
   * can only be checked by verifying it in a circuit — bb's native verifier needs the ceremony
   * CRS (recursive.ts) — so a member may send a good EVM proof and a bad recursive one. Such a
   * share is left out (each failed attempt costs one fold proof); it is not excluded, since only
   * this fold, not the chain, shows the fault.
   */
  private async proveFold(st: Extract<ProveStatement, { circuit: 'FOLD' }>): Promise<Uint8Array> {
    const s = st.session;
    const fold = await this.fold(s.params, s.T);
    const ctx = {
      e3Id: st.e3Id,
      ctCommitment: ciphertextCommitment(centredOutput(s.params, st.ciphertext), fold.c6.layout),
      commitments: new Map([...st.keys].map(([p, k]) => [p, { skCommitment: k.skCommitment, esmCommitment: k.esmCommitment }])),
    };
    const shares: FoldableShare[] = [];
    st.shares.forEach((share, i) => {
      const its = st.proofs[i] ? decodeProofBundle(st.proofs[i]!) : [];
      if (its.length !== 2) return;
      shares.push({ party: share.party, d: centredPoly(s.params, share.d), proof: { fields: innerProofFields(its[1]!.proof), publicInputs: [...its[1]!.publicInputs] } });
    });
    shares.sort((a, b) => a.party - b.party);
    const failures: string[] = [];
    const failed = new Set(st.failed ?? []);
    for (const pick of subsets(shares.length, s.T + 1)) {
      const used = pick.map((i) => shares[i]!);
      if (used.every((u) => failed.has(u.party))) continue; // an earlier attempt tried this set
      try {
        const folded = await fold.fold(ctx, used);
        const r = await fold.verify(folded.proof, folded.statement);
        if (r.ok) return encodeProofBundle([{ publicInputs: folded.publicInputs.map((x) => BigInt(x)), proof: folded.proof }]);
        failures.push(`{${folded.statement.ids.join(', ')}}: ${r.reason ?? 'verifier returned false'}`);
      } catch (e) {
        if (!(e instanceof Error && 'shortMessage' in e)) throw e;
        failures.push(`{${used.map((u) => u.party).join(', ')}}: ${(e as Error & { shortMessage: string }).shortMessage}`);
      }
    }
    throw new ProofError('no T + 1 shares fold into a proof the fold verifier accepts', { details: failures.join('; ') || `${shares.length} foldable shares` });
  }

  /** RKG round 1 or 2 of `st.party` (its sk is the C1 secret), one proof per RNS digit; the noise copies are zeroed once used. */
  private async proveRlk(st: Extract<ProveStatement, { circuit: 'RLK1' | 'RLK2' }>): Promise<Uint8Array> {
    const s = st.session;
    const { r1, r2 } = await this.rlkCircuits(s.params);
    const sk = Array.from(st.party.witness.skContribution.small as Int32Array, BigInt);
    const u = Array.from(st.u, BigInt);
    const big = (es: readonly Int32Array[]) => es.map((e) => Array.from(e, BigInt));
    const c = (p: S.RlkRound1Share['h0']) => p.map((x) => centredPoly(s.params, x));
    const session = sessionField(s.id);
    try {
      // Centred once; each digit's proof reads its own slice.
      const share = { session, party: st.party.id, h0: c(st.share.h0), h1: c(st.share.h1) };
      const r1Inputs = st.circuit === 'RLK1' ? { s: { ...share, a: this.rlkCommon(s).a }, w: { sk, u, e0: big(st.noise.e0), e1: big(st.noise.e1) } } : undefined;
      const r2Inputs = st.circuit === 'RLK2' ? { s: { ...share, agg0: c(st.agg.h0), agg1: c(st.agg.h1) }, w: { sk, u, e2: big(st.noise.e2), e3: big(st.noise.e3) } } : undefined;
      const out: ProofItem[] = [];
      for (let d = 0; d < s.params.L; d++) {
        if (r1Inputs) {
          const { inputs, pub } = buildRlkInputs(r1.layout, r1Inputs.s, r1Inputs.w, d);
          const expected = rlkPublicList(pub);
          out.push(await this.cached(programKey(r1.program), inputs, expected, async () => (await r1.proveInputs(inputs, expected)).proof));
        } else if (r2Inputs) {
          const { inputs, pub } = buildRlk2Inputs(r2.layout, r2Inputs.s, r2Inputs.w, d);
          const expected = rlk2PublicList(pub);
          out.push(await this.cached(programKey(r2.program), inputs, expected, async () => (await r2.proveInputs(inputs, expected)).proof));
        }
      }
      return encodeProofBundle(out);
    } finally {
      for (const e of 'e0' in st.noise ? [...st.noise.e0, ...st.noise.e1] : [...st.noise.e2, ...st.noise.e3]) e.fill(0);
      sk.fill(0n), u.fill(0n), st.u.fill(0);
    }
  }

  /** One user-encryption proof per mask ciphertext; the witnesses (mask values, randomness) are zeroed once used. */
  private async proveMasks(st: Extract<ProveStatement, { circuit: 'MASKS' }>): Promise<Uint8Array> {
    const ue = await this.encryption(st.session.params);
    try {
      const out: ProofItem[] = [];
      for (const [j, w] of st.witnesses.entries()) {
        const binding = { context: maskContext(st.session, st.party, st.attempt, j) };
        const built = buildInputs(w, ue.circuit.layout, binding);
        const expected = publicInputList(built.publicInputs);
        // Proves the inputs built here (proveWitness would build them a second time).
        out.push(await this.cached(ue.circuit.circuit.artifactHash, built.inputs, expected, async () => (await ue.circuit.circuit.prove(built.inputs)).proof));
      }
      return encodeProofBundle(out);
    } finally {
      for (const w of st.witnesses) for (const v of [w.m, w.u, w.e0, w.e1, w.k1]) v.fill(0n);
    }
  }

  /** A fold's inner proof: the statement proved again in bb's noir-recursive target, over exactly `expected`. */
  private recursiveTwin(step: string, inner: RecursiveProver, circuit: ZkCircuit, inputs: Parameters<ZkCircuit['witness']>[0], expected: readonly bigint[]): Promise<ProofItem> {
    return this.cached(`${circuit.artifactHash}/noir-recursive`, inputs, expected, async () => {
      const p = await inner.prove(await circuit.witness(inputs));
      if (p.publicInputs.length !== expected.length || p.publicInputs.some((x, i) => x !== expected[i])) throw new ProofError(`recursive ${step} proof carries unexpected public inputs`);
      return innerProofBytes(p.fields);
    });
  }

  private dkgProof(c: DkgCircuit, inputs: Parameters<DkgCircuit['prove']>[0], expected: bigint[]): Promise<ProofItem> {
    return this.cached(c.circuit.artifactHash, inputs, expected, async () => (await c.prove(inputs, expected)).proof);
  }

  /** Proves (or, in tests with a proof cache, loads a proof made earlier for the same circuit and witness). */
  private async cached(artifact: string, inputs: unknown, expected: readonly bigint[], prove: () => Promise<Uint8Array>): Promise<ProofItem> {
    const dir = this.opts.proofCacheDir;
    const path = dir ? join(dir, `${createHash('sha256').update(artifact).update(JSON.stringify(inputs)).digest('hex')}.proof`) : undefined;
    if (path) {
      try {
        const [item] = decodeProofBundle(readFileSync(path));
        if (item && item.publicInputs.length === expected.length && item.publicInputs.every((v, i) => v === expected[i])) return item;
      } catch {
        // absent or unreadable: prove
      }
    }
    const item: ProofItem = { publicInputs: expected, proof: await prove() };
    if (dir && path) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${path}.tmp`, encodeProofBundle([item]));
      renameSync(`${path}.tmp`, path);
    }
    return item;
  }

  // ------------------------------------------------------------------------------ verification

  async verify(m: PeerMessage, ctx: ProofContext): Promise<string | undefined> {
    const s = ctx.session;
    let its: ProofItem[];
    try {
      its = decodeProofBundle(m.proof);
    } catch (e) {
      if (e instanceof ProofError) return e.shortMessage;
      throw e;
    }
    const { sid, crp } = this.fixed(s);
    const party = BigInt(ctx.party);
    const count =
      m.phase === Phase.ShareCommitments || m.phase === Phase.PkAttestation
        ? 2
        : m.phase === Phase.CommitteeMasks
          ? its.length
          : m.phase === Phase.PkShare
            ? Math.min(its.length, 2) // the EVM-target proof, and for key-fold E3s its noir-recursive twin
          : m.phase === Phase.RlkRound1 || m.phase === Phase.RlkRound2
            ? s.params.L
            : m.phase === Phase.DecryptionShare
              ? Math.min(its.length, 2) // the EVM-target proof, and for fold E3s its noir-recursive twin
              : 1;
    if (its.length !== count) return `expected ${count} proof(s), got ${its.length}`;
    // Public inputs the receiver fixes itself; the rest is taken from the bundle (the core links it).
    const force = (it: ProofItem, fixed: readonly (bigint | undefined)[]): bigint[] => it.publicInputs.map((v, i) => fixed[i] ?? v);
    try {
      switch (m.phase) {
        case Phase.TransportKey: {
          const tpk = S.decodeTransportPublicKey(s.params, s.transport, m.payload);
          const c = commitRnsPolys(DOMAINS.C0_TRANSPORT_PK, [centredPoly(s.transport, tpk.pk.p0), centredPoly(s.transport, tpk.pk.p1)], s.transport.moduli, s.transport.N);
          const zk = await this.circuits(s);
          return this.check('C0', zk.c0, its[0], [sid, party, c], 3);
        }
        case Phase.PkShare: {
          const share = S.decodePkShare(s.params, m.payload);
          const zk = await this.circuits(s);
          const pkc = pkShareCommitment(centredPoly(s.params, share.p0), zk.layouts.c1);
          const expected = [sid, party, crp, its[0].publicInputs[3], its[0].publicInputs[4], pkc];
          // With its twin (key-fold E3s), which only the aggregator's key fold can verify (pk-fold.ts).
          return (await this.check('C1', zk.c1, its[0], expected, 6)) ?? twinMismatch('C1', its[1], expected);
        }
        case Phase.ShareCommitments: {
          const zk = await this.circuits(s);
          for (const [k, kind] of KINDS.entries()) {
            const why = await this.check(kind === 'sk' ? 'C2a' : 'C2b', zk.c2[kind], its[k], force(its[k], [sid, party]), 3 + s.n);
            if (why) return why;
          }
          return undefined;
        }
        case Phase.PkAttestation: {
          const D = its[0].publicInputs.length - 3;
          if (D < s.T + 1 || D > s.n || its[1].publicInputs.length !== D + 3) return `C4: |A| = ${D} out of range`;
          const zk = await this.circuits(s, D);
          for (const [k, kind] of KINDS.entries()) {
            const why = await this.check(kind === 'sk' ? 'C4a' : 'C4b', zk.c4[kind], its[k], force(its[k], [sid, party]), 3 + D);
            if (why) return why;
          }
          return undefined;
        }
        case Phase.DecryptionShare: {
          const share = S.decodeDecryptionShare(s.params, m.payload);
          const c6 = await this.decryption(s.params);
          const d = decryptionShareCommitment(centredPoly(s.params, share.d), c6.layout);
          const it = its[0];
          if (it.publicInputs.length !== 6) return 'C6: expected 6 public inputs';
          const expected = force(it, [undefined, undefined, undefined, m.e3Id, party, d]);
          const r = await c6.verify({ proof: it.proof, publicInputs: encodePublicInputs(expected) }, {
            ctCommitment: expected[0],
            skCommitment: expected[1],
            esmCommitment: expected[2],
            e3Id: expected[3],
            party: expected[4],
            dCommitment: expected[5],
          });
          if (!r.ok) return `C6 proof rejected: ${r.reason ?? 'verifier returned false'}`;
          // With its twin (fold E3s), which only the aggregator's fold can verify (proveFold).
          return twinMismatch('C6', its[1], expected);
        }
        case Phase.RlkRound1:
        case Phase.RlkRound2: {
          // One proof per RNS digit d. The receiver fixes session, party, d, the commitment of
          // digit d of the share and (round 1) of the E3's a_d; sk (C1's), u (round 1's) and the
          // aggregate are linked by the core (rlk.ts).
          const round = m.phase === Phase.RlkRound1 ? 1 : 2;
          if (its.some((it) => it.publicInputs.length !== 7)) return `RKG round ${round}: expected 7 public inputs per proof`;
          const { r1, r2 } = await this.rlkCircuits(s.params);
          const c = (p: S.RlkRound1Share['h0']) => p.map((x) => centredPoly(s.params, x));
          const share = round === 1 ? S.decodeRlkRound1Share(s.params, m.payload) : S.decodeRlkRound2Share(s.params, m.payload);
          const h0 = c(share.h0), h1 = c(share.h1);
          for (const [d, it] of its.entries()) {
            const digit = BigInt(d);
            if (round === 1) {
              const shareC = rlkShareCommitment(r1.layout, h0[d]!, h1[d]!);
              const e = force(it, [sid, party, digit, this.rlkCommon(s).commitments[d], undefined, undefined, shareC]);
              const r = await r1.verify({ proof: it.proof, publicInputs: encodePublicInputs(e) }, { session: e[0], party: e[1], digit: e[2], crpCommitment: e[3], skCommitment: e[4], uCommitment: e[5], shareCommitment: e[6] });
              if (!r.ok) return `RKG round-1 proof (digit ${d}) rejected: ${r.reason ?? 'verifier returned false'}`;
            } else {
              const e = force(it, [sid, party, digit, undefined, undefined, undefined, rlk2ShareCommitment(r2.layout, h0[d]!, h1[d]!)]);
              const r = await r2.verify({ proof: it.proof, publicInputs: encodePublicInputs(e) }, { session: e[0], party: e[1], digit: e[2], aggCommitment: e[3], skCommitment: e[4], uCommitment: e[5], shareCommitment: e[6] });
              if (!r.ok) return `RKG round-2 proof (digit ${d}) rejected: ${r.reason ?? 'verifier returned false'}`;
            }
          }
          return undefined;
        }
        case Phase.CommitteeMasks: {
          // The receiver fixes each proof's context (session, sender, attempt, index) and the
          // ciphertext (digest and evaluation recomputed from the payload); the key commitment is
          // linked by the core to its own key over A_k (rlk.ts).
          const masks = decodeCommitteeMasks(s.params, s.n, m.payload);
          if (its.length !== masks.ciphertexts.length) return `committee masks: ${masks.ciphertexts.length} ciphertexts, ${its.length} proofs`;
          const ue = await this.encryption(s.params);
          for (const [j, it] of its.entries()) {
            if (it.publicInputs.length !== 6) return 'committee masks: expected 6 public inputs per proof';
            const r = await ue.verifyInput(it.publicInputs[0], masks.ciphertexts[j], { proof: it.proof, publicInputs: encodePublicInputs(it.publicInputs) }, maskContext(s, ctx.party, subSlotOf(m.slot), j));
            if (!r.ok) return `mask ${j} proof rejected: ${r.reason ?? 'verifier returned false'}`;
          }
          return undefined;
        }
        default:
          return `phase ${m.phase} carries no proof`;
      }
    } catch (e) {
      // An undecodable payload or an impossible witness shape: the message is not provable as sent.
      if (e instanceof Error && 'shortMessage' in e) return `unverifiable: ${(e as Error & { shortMessage: string }).shortMessage}`;
      throw e;
    }
  }

  private async check(step: string, c: DkgCircuit, it: ProofItem, expected: readonly bigint[], count: number): Promise<string | undefined> {
    if (it.publicInputs.length !== count || expected.length !== count) return `${step}: expected ${count} public inputs, got ${it.publicInputs.length}`;
    const r = await c.verify({ proof: it.proof, publicInputs: encodePublicInputs(expected) }, [...expected]);
    return r.ok ? undefined : `${step} proof rejected: ${r.reason ?? 'verifier returned false'}`;
  }

  /** Stops every prover process (bb) this system started. */
  async close(): Promise<void> {
    const recursive = [...this.c6Recursive.values(), ...this.folds.values(), ...this.c1Recursive.values(), ...this.pkFolds.values()];
    this.c6Recursive.clear();
    this.folds.clear();
    this.c1Recursive.clear();
    this.pkFolds.clear();
    for (const p of recursive) await (await p.catch(() => undefined))?.close();
    const all = [...this.dkg.values(), ...this.c6.values(), ...this.c7.values()];
    const rlk = [...this.rlk.values()];
    const enc = [...this.userEnc.values()];
    this.userEnc.clear();
    for (const p of enc) await (await p.catch(() => undefined))?.close();
    this.dkg.clear();
    this.c6.clear();
    this.c7.clear();
    this.rlk.clear();
    for (const p of all) await (await p.catch(() => undefined))?.close();
    for (const p of rlk) {
      const c = await p.catch(() => undefined);
      await c?.r1.close();
      await c?.r2.close();
    }
  }

  get cacheDir(): string {
    return resolveConfig(this.opts.config).cacheDir;
  }
}

/** The public inputs of a proof item as the circuits library decodes them (tests). */
export const itemPublicInputs = (it: ProofItem): bigint[] => decodePublicInputs({ proof: it.proof, publicInputs: encodePublicInputs(it.publicInputs) });
