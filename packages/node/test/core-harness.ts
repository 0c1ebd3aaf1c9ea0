/**
 * Test harness for the protocol core: n cores, an in-memory router (every message goes through
 * the real wire path: sign, encode, verify, decode), a virtual clock with timers, and a
 * simulated orchestrator that checks what the contracts check (quorum signatures of
 * CommitteeQuorumVerifier, the input accumulator, the compute provider, sign-once), with no chain
 * and no sockets. Fault injection lives here, in `outbound` hooks, never in the core.
 */
import { bfvParameters, decodePublicKey, encodeCoeffs, encrypt, INSECURE_N512, INSECURE_TRANSPORT_N512, decodeCoeffs } from '@interfold/bfv';
import {
  AttestationKind,
  decryptionAttestationHash,
  encodeQuorumInput,
  nextInputRoot,
  paramSetId,
  pkAttestationHash,
  ZERO_ROOT,
} from '@interfold/contracts';
import { SeededSource } from '@interfold/ring';
import { decodeAbiParameters, getAddress, hashTypedData, keccak256, bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { attestationTypes, rejectOutputTypes } from '@interfold/contracts';
import { ProtocolCore, ProgramRegistry, sumProgram, ciphertextToBytes, signRequestDigest, type CoreTimeouts } from '../src/core/index.js';
import type { ChainEvent, ChainTx, CoreAction, CoreInput, OutboundMessage, PeerMessage, ProofSystem } from '../src/types.js';
import { encodeEnvelope, envelopeContext, noProofsYet, recoverDigestSigner, signDigest, signEnvelope, verifyEnvelope, verifyProofSlot, WIRE_VERSION, type EnvelopeContext } from '../src/wire/index.js';

export const CHAIN_ID = 31337;
export const ORCHESTRATOR = getAddress('0x00000000000000000000000000000000000000a1');
export const SLASHING = getAddress('0x00000000000000000000000000000000000000a2');
export const PK_VERIFIER = getAddress('0x00000000000000000000000000000000000000a3');
export const DEC_VERIFIER = getAddress('0x00000000000000000000000000000000000000a4');
export const PROGRAM_ID = 1n;
export const T0 = 1_700_000_000;
const params = bfvParameters(INSECURE_N512);
const transport = bfvParameters(INSECURE_TRANSPORT_N512);

export const TIMEOUTS: Partial<CoreTimeouts> = { c0: 5_000, c12: 5_000, c3: 5_000, c4: 5_000, dispute: 5_000, failover: 3_000, deadlineGrace: 1_000 };

export function keyOf(i: number): Uint8Array {
  return hexToBytes(keccak256(new TextEncoder().encode(`operator-${i}`)));
}
export const addressOf = (key: Uint8Array): Address => privateKeyToAddress(bytesToHex(key));

/** A fault-injection hook: returns the message to send (possibly mutated) or null to withhold. */
export type Outbound = (m: OutboundMessage, to: Address | undefined) => OutboundMessage | null;

export type NodeState = {
  readonly key: Uint8Array;
  readonly address: Address;
  core: ProtocolCore;
  /** Every input fed, in order (the daemon's append-only log). */
  readonly log: CoreInput[];
  /** The store: secret snapshots, sign-once records by slot and decryption share. */
  readonly secrets: Map<bigint, Uint8Array>;
  readonly sentBySlot: Map<string, Uint8Array>;
  readonly decShare: Map<bigint, Hex>;
  readonly sends: OutboundMessage[];
  outbound?: Outbound;
  /** Transactions of these functions from this node never reach the chain (a crashed aggregator). */
  dropTx?: ReadonlySet<ChainTx['fn']>;
  /** Also deliver a copy of every envelope with one bit flipped (the wire must drop it). */
  tamperCopies?: boolean;
  offline: boolean;
};

type Timer = { at: number; node: number; e3Id: bigint; name: string; seq: number };

export class Network {
  now = T0 * 1000;
  readonly nodes: NodeState[] = [];
  readonly provider: NodeState;
  private queue: { node: number; input: CoreInput }[] = [];
  private timers: Timer[] = [];
  private seq = 0;
  private logIndex = 0;
  readonly events: ChainEvent[] = [];
  readonly excluded = new Map<number, Set<Address>>();
  // simulated orchestrator state
  stage: 'requested' | 'committee' | 'key' | 'ciphertext' | 'complete' | 'failed' = 'requested';
  readonly members: Address[];
  private inputRoot: Hex = ZERO_ROOT;
  private inputCount = 0n;
  plaintext: Hex | undefined;
  readonly txs: { from: Address; tx: ChainTx }[] = [];
  readonly rejected: string[] = [];
  /** Envelopes the receivers' wire checks rejected. */
  wireRejections = 0;
  /** Proofs the receivers' gate rejected (proofs on): receiver index, sender, phase, reason. */
  readonly proofRejections: { node: number; sender: Address; phase: number; reason: string }[] = [];
  /** Every `exclude` action with its evidence (proofs on). */
  readonly exclusions: { node: number; party: Address; reason: string; evidence: readonly Uint8Array[] }[] = [];
  /** `prove` actions not answered yet, in order (the daemon proves one at a time per node). */
  private proving: { node: number; action: Extract<CoreAction, { kind: 'prove' }> }[] = [];
  /** Every `prove` action the cores asked for (proved or skipped). */
  readonly proveAsks: { node: number; action: Extract<CoreAction, { kind: 'prove' }> }[] = [];
  /** `prove` actions to leave unanswered (a test that stops after the DKG), by circuit. */
  skipProving: ReadonlySet<string> = new Set();
  /** Prove this node's jobs before the others' (a test that needs its message to arrive first). */
  proveFirst: number | undefined;
  proofsMade = 0;
  /** E3s a node has erased: their queued proofs are dropped, as the pipeline drops them. */
  private readonly erasedAt = new Set<string>();

  constructor(
    readonly n: number,
    readonly T: number,
    readonly e3Id = 1n,
    private readonly seedTag = 'net',
    /** Proofs on: a real ProofSystem; run with runProved (proving and verification are async). */
    readonly proofs: ProofSystem = noProofsYet,
    /** keyFold: the E3's pk verifier is the cores' PkAggregateAdapter (core/key-fold.ts). */
    private readonly opts: { readonly keyFold?: boolean } = {},
  ) {
    for (let i = 1; i <= n; i++) this.nodes.push(this.makeNode(keyOf(i)));
    this.provider = this.makeNode(keyOf(1000));
    this.members = this.nodes.map((x) => x.address);
  }

  private generation = 0;

  /** Each core gets its own stream (a restarted process draws fresh randomness, like the OS CSPRNG). */
  private coreFor(key: Uint8Array, snapshots?: Map<bigint, Uint8Array>): ProtocolCore {
    return new ProtocolCore(
      {
        self: addressOf(key),
        chainId: CHAIN_ID,
        orchestrator: ORCHESTRATOR,
        slashingManager: SLASHING,
        random: freshDraws(`${this.seedTag}/${addressOf(key)}/${this.generation++}`),
        programs: new ProgramRegistry([sumProgram(PROGRAM_ID)]),
        proofs: this.proofs,
        timeouts: TIMEOUTS,
        ...(this.opts.keyFold ? { pkAggregateAdapter: PK_VERIFIER } : {}),
      },
      { snapshots },
    );
  }

  private makeNode(key: Uint8Array): NodeState {
    return {
      key,
      address: addressOf(key),
      core: this.coreFor(key),
      log: [],
      secrets: new Map(),
      sentBySlot: new Map(),
      decShare: new Map(),
      sends: [],
      offline: false,
    };
  }

  indexOf(node: NodeState): number {
    return node === this.provider ? -1 : this.nodes.indexOf(node);
  }
  private nodeAt(i: number): NodeState {
    return i === -1 ? this.provider : this.nodes[i];
  }

  envelopeCtx(): EnvelopeContext {
    return envelopeContext(
      { chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, slashingManager: SLASHING, e3Id: this.e3Id, committee: this.members },
      { params, transport, n: this.n, T: this.T },
    );
  }

  // ------------------------------------------------------------------------------ chain

  emit(ev: Omit<ChainEvent, 'blockNumber' | 'logIndex' | 'blockTimestamp'>): void {
    const full = { ...ev, blockNumber: BigInt(this.logIndex + 1), logIndex: this.logIndex++, blockTimestamp: BigInt(Math.floor(this.now / 1000)) } as ChainEvent;
    this.events.push(full);
    for (let i = -1; i < this.nodes.length; i++) this.queue.push({ node: i, input: { kind: 'chain', now: this.now, event: full } });
  }

  request(): void {
    const e3Id = this.e3Id;
    this.emit({
      name: 'E3Requested',
      e3Id,
      requester: this.provider.address,
      params: {
        programId: PROGRAM_ID,
        paramSet: paramSetId('INSECURE_N512'),
        committeeSize: this.n,
        threshold: this.T,
        inputStart: BigInt(T0),
        inputEnd: BigInt(T0 + 2000),
        sortitionWindow: 60n,
        dkgWindow: 3600n,
        computeWindow: 2000n,
        decryptionWindow: 2000n,
        computeProvider: this.provider.address,
        pkVerifier: PK_VERIFIER,
        inputVerifier: PK_VERIFIER,
        decryptionVerifier: DEC_VERIFIER,
        fee: 0n,
      },
      schedule: {
        requestBlock: 1n,
        seedBlock: 2n,
        sortitionDeadline: BigInt(T0 + 60),
        keyDeadline: BigInt(T0 + 1800),
        inputStart: BigInt(T0),
        inputEnd: BigInt(T0 + 2000),
        computeDeadline: BigInt(T0 + 4000),
        decryptionDeadline: BigInt(T0 + 6000),
      },
    } as Omit<ChainEvent, 'blockNumber' | 'logIndex' | 'blockTimestamp'>);
    this.emit({ name: 'CommitteeFinalized', e3Id, members: this.members, threshold: this.T, seed: keccak256(new TextEncoder().encode(`seed-${this.seedTag}`)) } as Omit<ChainEvent, 'blockNumber' | 'logIndex' | 'blockTimestamp'>);
    this.stage = 'committee';
  }

  /** CommitteeQuorumVerifier._quorum: T + 1 distinct members signed the attestation. */
  private quorumOk(kind: number, verifier: Address, dataHash: Hex, proof: Hex): boolean {
    const [sigs] = decodeAbiParameters([{ type: 'bytes[]' }], proof);
    const digest = hashTypedData({ domain: { name: 'Interfold', version: '1', chainId: CHAIN_ID, verifyingContract: verifier }, types: attestationTypes, primaryType: 'Attestation', message: { e3Id: this.e3Id, kind, dataHash } });
    const signers = new Set<string>();
    let last = -1n;
    for (const s of sigs) {
      const a = recoverDigestSigner(digest, s);
      if (BigInt(a) <= last || !this.members.includes(a)) return false;
      last = BigInt(a);
      signers.add(a);
    }
    return signers.size >= this.T + 1;
  }

  private onTx(from: Address, tx: ChainTx): void {
    this.txs.push({ from, tx });
    const e3Id = this.e3Id;
    switch (tx.fn) {
      case 'publishPublicKey':
        if (this.stage !== 'committee') return void this.rejected.push('publishPublicKey: wrong stage');
        if (!this.quorumOk(AttestationKind.PublicKey, PK_VERIFIER, pkAttestationHash(tx.pkCommitment, tx.publicKey), tx.proof)) return void this.rejected.push('publishPublicKey: quorum');
        this.stage = 'key';
        this.emit({ name: 'PublicKeyPublished', e3Id, publicKey: tx.publicKey, pkCommitment: tx.pkCommitment, pkHash: keccak256(tx.publicKey) } as never);
        return;
      case 'publishCiphertextOutput':
        if (this.providerCheat) tx = this.providerCheat(tx);
        if (this.stage !== 'key' || from !== this.provider.address || tx.inputRoot !== this.inputRoot) return void this.rejected.push('publishCiphertextOutput');
        this.stage = 'ciphertext';
        this.ciphertextCommitment = tx.ciphertextCommitment;
        this.ciphertextHash = keccak256(tx.ciphertext);
        this.emit({ name: 'CiphertextOutputPublished', e3Id, ciphertext: tx.ciphertext, ciphertextCommitment: tx.ciphertextCommitment, inputRoot: tx.inputRoot, inputCount: this.inputCount } as never);
        return;
      case 'publishPlaintextOutput':
        if (this.stage !== 'ciphertext') return void this.rejected.push('publishPlaintextOutput: wrong stage');
        if (!this.quorumOk(AttestationKind.Decryption, DEC_VERIFIER, decryptionAttestationHash(this.ciphertextCommitment as Hex, tx.plaintext), tx.proof)) return void this.rejected.push('publishPlaintextOutput: quorum');
        this.stage = 'complete';
        this.plaintext = tx.plaintext;
        this.emit({ name: 'PlaintextOutputPublished', e3Id, plaintext: tx.plaintext } as never);
        this.emit({ name: 'E3Completed', e3Id, committeePay: 0n, protocolPay: 0n } as never);
        return;
      case 'rejectCiphertextOutput': {
        if (this.stage !== 'ciphertext') return void this.rejected.push('rejectCiphertextOutput: wrong stage');
        const digest = hashTypedData({
          domain: { name: 'Interfold', version: '1', chainId: CHAIN_ID, verifyingContract: ORCHESTRATOR },
          types: rejectOutputTypes,
          primaryType: 'RejectOutput',
          message: { e3Id, ciphertextHash: this.ciphertextHash as Hex },
        });
        let last = -1n;
        for (const sig of tx.signatures) {
          const a = recoverDigestSigner(digest, sig);
          if (BigInt(a) <= last || !this.members.includes(a)) return void this.rejected.push('rejectCiphertextOutput: signer');
          last = BigInt(a);
        }
        if (tx.signatures.length < this.T + 1) return void this.rejected.push('rejectCiphertextOutput: quorum');
        this.stage = 'failed';
        this.emit({ name: 'E3Failed', e3Id, failedAt: 4, reason: 5, fault: 2, refund: 0n, committeePay: 0n } as never);
        return;
      }
      case 'markFailed':
        {
          // E3Settlement.markFailed: only once the current stage's deadline has passed.
          const t = Math.floor(this.now / 1000);
          const deadline = { committee: T0 + 1800, key: T0 + 4000, ciphertext: T0 + 6000 } as Record<string, number>;
          if (!(this.stage in deadline) || t <= deadline[this.stage]) return void this.rejected.push(`markFailed: not failable at ${this.stage}`);
        }
        this.stage = 'failed';
        this.emit({ name: 'E3Failed', e3Id, failedAt: 2, reason: 3, fault: 1, refund: 0n, committeePay: 0n } as never);
        return;
      default:
        return;
    }
  }
  private ciphertextCommitment: Hex | undefined;
  private ciphertextHash: Hex | undefined;
  /** Rewrites the compute provider's output before it reaches the chain (a cheating provider). */
  providerCheat?: (tx: Extract<ChainTx, { fn: 'publishCiphertextOutput' }>) => Extract<ChainTx, { fn: 'publishCiphertextOutput' }>;

  /** Users encrypt `values` under the published key and publish them (inside the input window). */
  publishInputs(values: readonly number[], userSeed = 'users'): void {
    const ev = this.events.find((e) => e.name === 'PublicKeyPublished');
    if (!ev || ev.name !== 'PublicKeyPublished') throw new Error('no key on chain');
    const pk = decodePublicKey(params, hexToBytes(ev.publicKey));
    const src = new SeededSource(userSeed, 'test/users');
    for (const v of values) {
      const ct = encrypt(params, pk, encodeCoeffs(params, [v]), src);
      const data = encodeQuorumInput(bytesToHex(ciphertextToBytes(ct)), '0x');
      const index = this.inputCount;
      this.inputRoot = nextInputRoot(this.inputRoot, index, data);
      this.inputCount++;
      this.emit({ name: 'InputPublished', e3Id: this.e3Id, index, sender: this.provider.address, data, inputHash: keccak256(data), inputRoot: this.inputRoot } as never);
    }
  }

  /** The plaintext's first coefficient (the sum), from the published abi.encode(bytes32[]). */
  result(): bigint | undefined {
    if (!this.plaintext) return undefined;
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], this.plaintext);
    return BigInt(words[0]);
  }

  // ------------------------------------------------------------------------------ nodes

  /** Feeds one input to a node as the daemon would: log it, run the core, execute the actions. */
  feed(i: number, input: CoreInput): void {
    const node = this.nodeAt(i);
    if (node.offline) return;
    node.log.push(input);
    this.execute(i, node.core.handle(input));
  }

  private execute(i: number, actions: readonly CoreAction[]): void {
    const node = this.nodeAt(i);
    for (const a of actions) {
      switch (a.kind) {
        case 'persist':
          if (a.record.type === 'secret') node.secrets.set(a.e3Id, a.record.bytes);
          if (a.record.type === 'decryptionShare') {
            const prev = node.decShare.get(a.e3Id);
            if (prev && prev !== a.record.shareHash) throw new Error(`node ${i}: two different decryption shares for one E3`);
            node.decShare.set(a.e3Id, a.record.shareHash);
          }
          break;
        case 'send':
          this.send(i, a.message, a.to);
          break;
        case 'sign': {
          const signature = signDigest(signRequestDigest(a.request), node.key);
          this.queue.push({ node: i, input: { kind: 'signed', now: this.now, e3Id: a.e3Id, id: a.id, signer: node.address, signature } });
          break;
        }
        case 'schedule':
          this.timers = this.timers.filter((t) => !(t.node === i && t.e3Id === a.e3Id && t.name === a.name));
          this.timers.push({ at: a.at, node: i, e3Id: a.e3Id, name: a.name, seq: this.seq++ });
          break;
        case 'tx':
          if (!node.dropTx?.has(a.tx.fn)) this.onTx(node.address, a.tx);
          break;
        case 'prove':
          this.proveAsks.push({ node: i, action: a });
          if (!this.skipProving.has(a.statement.circuit)) this.proving.push({ node: i, action: a });
          break;
        case 'exclude': {
          this.exclusions.push({ node: i, party: a.party, reason: a.reason, evidence: a.evidence ?? [] });
          const s = this.excluded.get(i) ?? new Set();
          s.add(a.party);
          this.excluded.set(i, s);
          break;
        }
        case 'erase':
          node.secrets.delete(a.e3Id);
          this.erasedAt.add(`${i}/${a.e3Id}`);
          break;
        default:
          break;
      }
    }
  }

  private send(i: number, msg: OutboundMessage, to: Address | undefined): void {
    const node = this.nodeAt(i);
    const slotKey = `${this.e3Id}/${msg.slot}`;
    const prev = node.sentBySlot.get(slotKey);
    // Sign-once (the store's record): the same bytes are not re-sent, different bytes are refused.
    if (prev) {
      if (!equal(prev, msg.payload)) throw new Error(`node ${i}: a second, different message for slot ${msg.slot}`);
      return;
    }
    node.sentBySlot.set(slotKey, msg.payload);
    node.sends.push(msg);
    const m = node.outbound ? node.outbound(msg, to) : msg;
    if (!m) return;
    const signed = signEnvelope({ version: WIRE_VERSION, chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, e3Id: this.e3Id, sender: node.address, ...m }, SLASHING, node.key);
    const bytes = encodeEnvelope(signed);
    const copies = [bytes];
    if (node.tamperCopies) {
      const bad = bytes.slice();
      bad[(this.seq * 7919) % bad.length] ^= 1 << (this.seq % 8);
      copies.unshift(bad);
    }
    const ctx = this.envelopeCtx();
    this.nodes.forEach((r, k) => {
      if (k === i || (to && r.address !== to)) return;
      for (const b of copies) {
        let received: PeerMessage;
        try {
          received = verifyEnvelope(b, ctx);
        } catch {
          this.wireRejections++;
          continue; // dropped by the wire
        }
        this.queue.push({ node: k, input: { kind: 'message', now: this.now, message: received } });
      }
    });
  }

  /** Runs until nothing is queued and no timer is due before `until` (virtual ms). */
  run(until = this.now + 10_000_000, stop?: () => boolean): void {
    for (;;) {
      while (this.queue.length) {
        const { node, input } = this.queue.shift() as { node: number; input: CoreInput };
        this.feed(node, { ...input, now: this.now } as CoreInput);
        if (stop?.()) return;
      }
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.timers[0];
      if (!t || t.at > until) return;
      this.timers.shift();
      this.now = Math.max(this.now, t.at);
      this.feed(t.node, { kind: 'timer', now: this.now, e3Id: t.e3Id, name: t.name });
      if (stop?.()) return;
    }
  }

  /**
   * `run` with proofs on, as the daemon's pipeline does it: a received message of a proved phase is
   * verified (ProofSystem.verify) before it reaches the core, and fed as `rejected` when it fails;
   * `prove` actions are proved one at a time (in no virtual time) and answered with `proved`.
   */
  async runProved(until = this.now + 10_000_000, stop?: () => boolean): Promise<void> {
    for (;;) {
      while (this.queue.length) {
        const { node, input } = this.queue.shift() as { node: number; input: CoreInput };
        let next = { ...input, now: this.now } as CoreInput;
        if (next.kind === 'message' && this.proofs.policy(next.message.phase) === 'REQUIRED') {
          const m = next.message;
          const ctx = this.nodeAt(node).core.proofContext(this.e3Id, m.sender);
          const reason = ctx ? await verifyProofSlot(this.proofs, m, ctx) : 'no proof context';
          if (reason) {
            this.proofRejections.push({ node, sender: m.sender, phase: m.phase, reason });
            next = { kind: 'rejected', now: this.now, message: m, reason };
          }
        }
        this.feed(node, next);
        if (stop?.()) return;
      }
      const first = this.proving.findIndex((j) => j.node === this.proveFirst);
      const job = this.proving.splice(first >= 0 ? first : 0, 1)[0];
      if (job && this.erasedAt.has(`${job.node}/${job.action.e3Id}`)) continue;
      if (job) {
        const proof = await this.proofs.prove(job.action.statement);
        this.proofsMade++;
        this.queue.push({ node: job.node, input: { kind: 'proved', now: this.now, e3Id: job.action.e3Id, slot: job.action.slot, proof } });
        continue;
      }
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.timers[0];
      if (!t || t.at > until) return;
      this.timers.shift();
      this.now = Math.max(this.now, t.at);
      this.feed(t.node, { kind: 'timer', now: this.now, e3Id: t.e3Id, name: t.name });
      if (stop?.()) return;
    }
  }

  /** Advance the clock to `ms` running every timer on the way. */
  advanceTo(ms: number): void {
    this.run(ms);
    this.now = Math.max(this.now, ms);
  }

  /** Discards node i's core and rebuilds it from its store's snapshots by replaying its log. */
  restart(i: number): CoreAction[] {
    const node = this.nodes[i];
    node.core = this.coreFor(node.key, new Map(node.secrets));
    const actions: CoreAction[] = [];
    for (const input of node.log) actions.push(...node.core.handle(input));
    return actions;
  }

  /** Executes a replay's actions (the sign-once records refuse a different message for a slot). */
  executeReplay(i: number, actions: readonly CoreAction[]): void {
    this.execute(i, actions);
  }
}

/** A seeded source that keeps nothing of what it returned (each draw from a throw-away stream). */
function freshDraws(tag: string) {
  let k = 0;
  return { secure: false, fill: (out: Uint8Array) => new SeededSource(`${tag}/${k++}`, 'test/core').fill(out) };
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

export const sumOf = (values: readonly number[]) => BigInt(values.reduce((s, v) => s + v, 0)) % params.t;
export { params as N512, decodeCoeffs };

/** runToCompletion with proofs on (Network.runProved). */
export async function runProvedToCompletion(net: Network, values: readonly number[]): Promise<bigint | undefined> {
  await net.runProved(T0 * 1000 + 600_000, () => net.stage === 'key' || net.stage === 'failed');
  if (net.stage !== 'key') throw new Error(`key not published (stage ${net.stage}): ${net.rejected.join('; ')}`);
  net.publishInputs(values);
  await net.runProved((T0 + 2001) * 1000);
  net.now = Math.max(net.now, (T0 + 2001) * 1000);
  await net.runProved(T0 * 1000 + 7_000_000, () => net.stage === 'complete' || net.stage === 'failed');
  await net.runProved(T0 * 1000 + 7_000_000);
  return net.result();
}

/** Runs a requested E3 to completion: key, inputs, compute, decryption; returns the decoded sum. */
export function runToCompletion(net: Network, values: readonly number[]): bigint | undefined {
  net.run(T0 * 1000 + 600_000, () => net.stage === 'key' || net.stage === 'failed');
  if (net.stage !== 'key') throw new Error(`key not published (stage ${net.stage}): ${net.rejected.join('; ')}`);
  net.publishInputs(values);
  net.advanceTo((T0 + 2001) * 1000);
  net.run(T0 * 1000 + 7_000_000, () => net.stage === 'complete' || net.stage === 'failed');
  net.run(T0 * 1000 + 7_000_000);
  return net.result();
}
