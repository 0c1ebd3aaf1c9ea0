/**
 * The plaintext publication through DecryptionProofAdapter (spec 003 P4, C6 + C7; issue 10;
 * docs/VERIFIABILITY.md, docs/ZK.md "Decryption proofs"), with proofs on and the E3's
 * decryptionVerifier = the deployment's adapter:
 *
 *  1. key-share table: once every member of A has a C4 proof that verified at the gate and links
 *     to the dealers' C2 commitments (proved.ts) — or, at the latest, when the output ciphertext is
 *     on chain, with the members linked by then — each member signs EIP-712 KeyShares(e3Id,
 *     keccak(abi.encode(parties, skCommitments, esmCommitments))) under the adapter's domain and
 *     gossips it (Phase.KeySharesAttestation). The adapter's one trusted step: T + 1 members
 *     attest what each checked off chain (the chain does not verify C4);
 *  2. the aggregator (fail-over order of A, as every publication) holding T + 1 matching
 *     attestations and T + 1 linked decryption shares of parties in the table asks for the C7
 *     proof over the smallest T + 1 ids (a `prove` action, made off the core like every proof);
 *  3. with it, it posts publishPlaintextOutput(abi.encode(bytes32[] C7 packed words),
 *     abi.encode(Bundle)) — the adapter verifies C7 and each C6 proof in its own verifier.
 *
 * Fold mode (the E3's decryptionVerifier = the deployment's DecryptionAggregateAdapter): the same
 * table, but every member's C6 slot also carries the noir-recursive twin of its proof, and in
 * step 2 the aggregator asks for the FOLD — T + 1 recursive C6 proofs verified inside one circuit
 * with C7's relations (packages/circuits src/aggregate/decryption.ts) — and posts that one proof:
 * one UltraHonk verification on chain instead of T + 2.
 */
import { encodeDecryptionAggregateBundle, encodeDecryptionBundle, encodePlaintextWords, keyShareTableHash, sortSigned, type KeyShareTable } from '@interfold/contracts';
import type { Ciphertext } from '@interfold/bfv';
import type { DecryptionShare, Session } from '@interfold/threshold';
import { bytesToHex, toHex, type Address, type Hex } from 'viem';
import { Phase, type CoreAction, type SignRequest } from '../types.js';
import { slotOf } from '../wire/envelope.js';
import type { KeySharesAttestation } from '../wire/payloads.js';
import { decodeProofBundle } from '../proofs/bundle.js';
import type { ProvedLinks } from './proved.js';
import { Quorum } from './quorum.js';

/** The `prove` slot of the C7 proof, or of the fold in fold mode (never sent: the proof goes on chain). */
export const C7_SLOT = slotOf(Phase.DecryptionAttestation, 1);

const w32 = (x: bigint): Hex => toHex(x, { size: 32 });

/** 'proofs': DecryptionProofAdapter (C7 + T + 1 C6 on chain); 'fold': DecryptionAggregateAdapter (one folded proof). */
export type DecryptionProofMode = 'proofs' | 'fold';

export type ProvedDecryptionContext = {
  readonly mode: DecryptionProofMode;
  readonly e3Id: bigint;
  readonly chainId: number;
  readonly adapter: Address;
  readonly session: Session;
  readonly me: number;
  /** What this step reads of the C2 → C4 → C6 links (proved.ts). */
  readonly links: Pick<ProvedLinks, 'checkAttestation' | 'keyShareRow' | 'shareProof'>;
  readonly out: CoreAction[];
  readonly addressOf: (party: number) => Address;
  readonly exclude: (party: number, reason: string, evidence: readonly Uint8Array[]) => void;
};

/** The key-share table this node signed, with the quorum of matching KeyShares signatures. */
type SignedTable = { readonly table: KeyShareTable; readonly hash: Hex; readonly quorum: Quorum };

export class ProvedDecryption {
  private table: SignedTable | undefined;
  private readonly attestations = new Map<number, KeySharesAttestation>();
  private readonly shares = new Map<number, DecryptionShare>();
  /** The aggregator's turn (fail-over), the C7 request, the transaction. */
  turn = false;
  private asked: readonly number[] | undefined;
  /** Fold mode: candidates of the last fold that could not be proved; ask again only with more. */
  private failed: readonly number[] = [];
  private sent = false;
  onChain = false;

  constructor(private readonly c: ProvedDecryptionContext) {}

  get mode(): DecryptionProofMode {
    return this.c.mode;
  }

  /** Step 1: sign the table once all of A linked its C4 (or `force`: the output is on chain). */
  signTable(A: readonly number[], force: boolean): void {
    if (this.table) return;
    const rows: { party: number; sk: bigint; esm: bigint }[] = [];
    for (const party of [...A].sort((x, y) => x - y)) {
      const v = this.c.links.checkAttestation(party, A);
      if (v === 'pending' && !force) return;
      if (typeof v === 'object') this.c.exclude(party, `key-share table: ${v.reason}`, v.evidence);
      const row = v === 'ok' ? this.c.links.keyShareRow(party) : undefined;
      if (row) rows.push({ party, ...row });
    }
    if (!rows.some((r) => r.party === this.c.me) || rows.length < this.c.session.T + 1) return;
    const table: KeyShareTable = { parties: rows.map((r) => BigInt(r.party)), skCommitments: rows.map((r) => w32(r.sk)), esmCommitments: rows.map((r) => w32(r.esm)) };
    const hash = keyShareTableHash(table);
    const request: SignRequest = {
      primaryType: 'KeyShares',
      domain: { name: 'Interfold', version: '1', chainId: this.c.chainId, verifyingContract: this.c.adapter },
      message: { e3Id: this.c.e3Id, tableHash: hash },
    };
    this.table = { table, hash, quorum: new Quorum(request, this.c.session.T + 1) };
    this.c.out.push({ kind: 'sign', e3Id: this.c.e3Id, id: 'keyshares', request });
  }

  /** This node's own signature (the daemon signed): counted, and the payload to gossip. */
  onSigned(signer: Address, signature: Hex): KeySharesAttestation | undefined {
    if (!this.table || !this.table.quorum.add(signer, signature)) return undefined;
    return { tableHash: this.table.hash, signature };
  }

  onAttestation(party: number, a: KeySharesAttestation): void {
    if (!this.attestations.has(party)) this.attestations.set(party, a);
  }

  /** Decryption shares whose C6 proof verified and linked (the core's tryCombine). */
  noteShares(linked: readonly DecryptionShare[]): void {
    for (const s of linked) if (!this.shares.has(s.party)) this.shares.set(s.party, s);
  }

  /** Fold mode: the slot carries the noir-recursive twin (the gate checked its claims). */
  private foldable(party: number): boolean {
    const slot = this.c.links.shareProof(party);
    return slot !== undefined && decodeProofBundle(slot).length === 2;
  }

  /**
   * Step 2: the aggregator asks for C7 (or the fold) when it holds T + 1 attestations and T + 1
   * usable shares. `ct` is the output ciphertext this node recomputed (the fold's statement).
   */
  tryPublish(ct: Ciphertext | undefined): void {
    const t = this.table;
    if (!t || !this.turn || this.asked || this.onChain) return;
    for (const [party, a] of this.attestations) if (a.tableHash.toLowerCase() === t.hash.toLowerCase()) t.quorum.add(this.c.addressOf(party), a.signature);
    if (!t.quorum.ready) return;
    const inTable = new Set(t.table.parties.map(Number));
    const T = this.c.session.T;
    const usable = [...this.shares.keys()].filter((p) => inTable.has(p) && this.c.links.shareProof(p)).sort((x, y) => x - y);
    if (this.c.mode === 'fold') {
      // Every usable share goes to the prover: it folds the first T + 1 that verify (proveFold).
      const ids = usable.filter((p) => this.foldable(p));
      if (ids.length < T + 1 || ids.length <= this.failed.length || !ct) return;
      this.asked = ids;
      const keys = new Map(t.table.parties.map((p, i) => [Number(p), { skCommitment: BigInt(t.table.skCommitments[i]!), esmCommitment: BigInt(t.table.esmCommitments[i]!) }]));
      this.c.out.push({
        kind: 'prove',
        e3Id: this.c.e3Id,
        phase: Phase.DecryptionAttestation,
        slot: C7_SLOT,
        statement: {
          circuit: 'FOLD',
          session: this.c.session,
          e3Id: this.c.e3Id,
          ciphertext: ct,
          shares: ids.map((p) => this.shares.get(p)!),
          proofs: ids.map((p) => this.c.links.shareProof(p)!),
          keys,
          ...(this.failed.length > 0 ? { failed: this.failed } : {}),
        },
      });
      return;
    }
    const ids = usable.slice(0, T + 1);
    if (ids.length < T + 1) return;
    this.asked = ids;
    const shares = ids.map((p) => this.shares.get(p)!);
    this.c.out.push({ kind: 'prove', e3Id: this.c.e3Id, phase: Phase.DecryptionAttestation, slot: C7_SLOT, statement: { circuit: 'C7', session: this.c.session, shares } });
  }

  /** Step 3: the C7 proof (or the fold) is back; post the plaintext with the bundle. False if `slot` is not C7's. */
  onProved(slot: bigint, proof: Uint8Array): boolean {
    if (slot !== C7_SLOT) return false;
    const t = this.table;
    const ids = this.asked;
    if (!t || !ids || this.sent || this.onChain) return true;
    if (proof.length === 0) {
      // The fold failed over every T + 1 of `ids` (a bad recursive twin): try again with more shares.
      if (this.c.mode === 'fold') {
        this.failed = ids;
        this.asked = undefined;
        this.c.out.push({ kind: 'phase', e3Id: this.c.e3Id, phase: 'decryption', detail: `no fold over shares {${ids.join(', ')}}: waiting for more` });
      }
      return true;
    }
    if (this.c.mode === 'fold') {
      this.postFold(t, proof);
      return true;
    }
    const [c7] = decodeProofBundle(proof);
    const S = ids.length;
    const pi = c7.publicInputs;
    const c6 = ids.map((p) => decodeProofBundle(this.c.links.shareProof(p)!)[0]);
    const dCommitments = c6.map((it) => it.publicInputs[5]);
    // C7's public inputs are [ids, dCommitments, words]: the same shares the C6 proofs committed.
    if (pi.length <= 2 * S || ids.some((p, i) => pi[i] !== BigInt(p) || pi[S + i] !== dCommitments[i])) {
      this.c.out.push({ kind: 'phase', e3Id: this.c.e3Id, phase: 'decryption', detail: 'C7 proof is not over the shares its C6 proofs committed: not posted' });
      return true;
    }
    const words = pi.slice(2 * S).map(w32);
    const bundle = encodeDecryptionBundle({
      ...t.table,
      keySignatures: sortSigned(t.quorum.quorum()),
      ids: ids.map(BigInt),
      dCommitments: dCommitments.map(w32),
      shareProofs: c6.map((it) => bytesToHex(it.proof)),
      decodeProof: bytesToHex(c7.proof),
    });
    this.sent = true;
    this.c.out.push({ kind: 'tx', e3Id: this.c.e3Id, tx: { fn: 'publishPlaintextOutput', e3Id: this.c.e3Id, plaintext: encodePlaintextWords(words), proof: bundle } });
    return true;
  }

  /**
   * The fold's public inputs are [e3Id, ctCommitment, ids, skCommitments(ids), esmCommitments(ids),
   * words] (DecryptionAggregateAdapter rebuilds them from the chain and the table): posted only if
   * they name this E3 and the attested table's commitments, so a prover fault costs no gas.
   */
  private postFold(t: SignedTable, proof: Uint8Array): void {
    const [fold] = decodeProofBundle(proof);
    const S = this.c.session.T + 1;
    const pi = fold.publicInputs;
    const row = new Map(t.table.parties.map((p, i) => [p, i]));
    const ids = pi.slice(2, 2 + S);
    const matches =
      pi.length > 2 + 3 * S &&
      pi[0] === this.c.e3Id &&
      ids.every((p, i) => {
        const k = row.get(p);
        return k !== undefined && (i === 0 || p > ids[i - 1]!) && BigInt(t.table.skCommitments[k]!) === pi[2 + S + i] && BigInt(t.table.esmCommitments[k]!) === pi[2 + 2 * S + i];
      });
    if (!matches) {
      this.c.out.push({ kind: 'phase', e3Id: this.c.e3Id, phase: 'decryption', detail: 'the fold is not over this E3 and the attested key-share table: not posted' });
      return;
    }
    const bundle = encodeDecryptionAggregateBundle({ ...t.table, keySignatures: sortSigned(t.quorum.quorum()), ids, foldProof: bytesToHex(fold.proof) });
    this.sent = true;
    this.c.out.push({ kind: 'tx', e3Id: this.c.e3Id, tx: { fn: 'publishPlaintextOutput', e3Id: this.c.e3Id, plaintext: encodePlaintextWords(pi.slice(2 + 3 * S).map(w32)), proof: bundle } });
  }
}
