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
 */
import { encodeDecryptionBundle, encodePlaintextWords, keyShareTableHash, sortSigned, type KeyShareTable } from '@interfold/contracts';
import type { DecryptionShare, Session } from '@interfold/threshold';
import { bytesToHex, toHex, type Address, type Hex } from 'viem';
import { Phase, type CoreAction, type SignRequest } from '../types.js';
import { slotOf } from '../wire/envelope.js';
import type { KeySharesAttestation } from '../wire/payloads.js';
import { decodeProofBundle } from '../proofs/bundle.js';
import type { ProvedLinks } from './proved.js';
import { Quorum } from './quorum.js';

/** The `prove` slot of the C7 proof (never sent: the proof goes on chain). */
export const C7_SLOT = slotOf(Phase.DecryptionAttestation, 1);

const w32 = (x: bigint): Hex => toHex(x, { size: 32 });

export type ProvedDecryptionContext = {
  readonly e3Id: bigint;
  readonly chainId: number;
  readonly adapter: Address;
  readonly session: Session;
  readonly me: number;
  readonly links: ProvedLinks;
  readonly out: CoreAction[];
  readonly addressOf: (party: number) => Address;
  readonly exclude: (party: number, reason: string, evidence: readonly Uint8Array[]) => void;
};

export class ProvedDecryption {
  private table: { readonly table: KeyShareTable; readonly hash: Hex; readonly quorum: Quorum } | undefined;
  private readonly attestations = new Map<number, KeySharesAttestation>();
  private readonly shares = new Map<number, DecryptionShare>();
  /** The aggregator's turn (fail-over), the C7 request, the transaction. */
  turn = false;
  private asked: readonly number[] | undefined;
  private sent = false;
  onChain = false;

  constructor(private readonly c: ProvedDecryptionContext) {}

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

  /** Step 2: the aggregator asks for C7 when it holds T + 1 attestations and T + 1 usable shares. */
  tryPublish(): void {
    const t = this.table;
    if (!t || !this.turn || this.asked || this.onChain) return;
    for (const [party, a] of this.attestations) if (a.tableHash.toLowerCase() === t.hash.toLowerCase()) t.quorum.add(this.c.addressOf(party), a.signature);
    if (!t.quorum.ready) return;
    const inTable = new Set(t.table.parties.map(Number));
    const ids = [...this.shares.keys()].filter((p) => inTable.has(p) && this.c.links.shareProof(p)).sort((x, y) => x - y).slice(0, this.c.session.T + 1);
    if (ids.length < this.c.session.T + 1) return;
    this.asked = ids;
    const shares = ids.map((p) => this.shares.get(p)!);
    this.c.out.push({ kind: 'prove', e3Id: this.c.e3Id, phase: Phase.DecryptionAttestation, slot: C7_SLOT, statement: { circuit: 'C7', session: this.c.session, shares } });
  }

  /** Step 3: the C7 proof is back; post the plaintext with the bundle. False if `slot` is not C7's. */
  onProved(slot: bigint, proof: Uint8Array): boolean {
    if (slot !== C7_SLOT) return false;
    const t = this.table;
    const ids = this.asked;
    if (!t || !ids || this.sent || this.onChain || proof.length === 0) return true;
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
}
