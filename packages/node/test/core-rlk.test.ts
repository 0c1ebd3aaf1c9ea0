/**
 * The DKG of a depth-1 program through the protocol core (no I/O): n = 3, T = 1, INSECURE_N1024
 * (INSECURE_N512 has no smudging budget at depth 1: λ_max = 0). The program is the sealed-bid
 * auction's daemon module (apps/auction/src/module.ts: depth 1, two masks per member). Every
 * message goes through the real wire (sign, encode, verify, decode); a small orchestrator here
 * follows the E3 (key → inputs → output → plaintext). Checked: the rlk rounds run, every member
 * computes with the same rlk and masks (persisted hashes), and the output decrypts to the
 * plaintext auction's winner and price; a member whose rlk share fails threshold's check (it
 * claims another party) is excluded by the others with its signed envelope, and one that
 * withholds its round-2 share is excluded and round 2 re-run over the smaller A. A core rebuilt from
 * its log and secret snapshot re-emits its rlk shares and masks byte for byte.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { bfvParameters, decodePublicKey, encodeCoeffs, INSECURE_N1024, INSECURE_TRANSPORT_N1024 } from '@interfold/bfv';
import { encodeAuctionBidInput, nextInputRoot, paramSetId, ZERO_ROOT } from '@interfold/contracts';
import { SeededSource } from '@interfold/ring';
import * as S from '@interfold/threshold';
import { bytesToHex, decodeAbiParameters, getAddress, hexToBytes, keccak256, type Address, type Hex } from 'viem';
import { ProgramRegistry, ProtocolCore, ciphertextToBytes, signRequestDigest } from '../src/core/index.js';
import { Phase, type ChainEvent, type CoreAction, type CoreInput, type OutboundMessage } from '../src/types.js';
import { encodeEnvelope, envelopeContext, noProofsYet, signDigest, signEnvelope, verifyEnvelope, WIRE_VERSION } from '../src/wire/index.js';
import { addressOf, CHAIN_ID, DEC_VERIFIER, keyOf, ORCHESTRATOR, PK_VERIFIER, SLASHING, T0 } from './core-harness.js';
import { createProgram, moduleLayout } from '../../../apps/auction/src/module.js';
import { decodeAuction, encodeBid, encryptBid, plainAuction, type AuctionOutcome } from '../../../apps/auction/src/index.js';

const params = bfvParameters(INSECURE_N1024);
const transport = bfvParameters(INSECURE_TRANSPORT_N1024);
const PROGRAM = 7n;
const TIMEOUTS = { c0: 5_000, c12: 5_000, c3: 5_000, c4: 5_000, dispute: 5_000, failover: 3_000, deadlineGrace: 1_000, rlk: 5_000 };
type Hook = (m: OutboundMessage) => OutboundMessage | null;

class RlkNet {
  now = T0 * 1000;
  readonly keys: Uint8Array[];
  readonly members: Address[];
  readonly cores: ProtocolCore[];
  readonly hooks = new Map<number, Hook>();
  readonly exclusions: { node: number; party: Address; reason: string; evidence: readonly Uint8Array[] }[] = [];
  readonly progress: Record<string, unknown>[][] = [];
  /** Per node: every input fed (the daemon's log), the secret snapshot, every message sent. */
  readonly logs: CoreInput[][];
  readonly snapshots: (Uint8Array | undefined)[];
  readonly sent: OutboundMessage[][];
  private queue: { node: number; input: CoreInput }[] = [];
  private timers: { at: number; node: number; name: string; seq: number }[] = [];
  private seq = 0;
  private log = 0;
  private root: Hex = ZERO_ROOT;
  private count = 0n;
  plaintext: Hex | undefined;
  pk: Hex | undefined;

  constructor(readonly n: number, readonly T: number, readonly e3Id: bigint, tag: string) {
    this.keys = Array.from({ length: n }, (_, i) => keyOf(500 + i));
    this.members = this.keys.map(addressOf);
    this.cores = this.keys.map(
      (k, i) =>
        new ProtocolCore({
          self: addressOf(k),
          chainId: CHAIN_ID,
          orchestrator: ORCHESTRATOR,
          slashingManager: SLASHING,
          random: new SeededSource(`${tag}/${i}`, 'test/core-rlk'),
          programs: new ProgramRegistry([createProgram(PROGRAM)]),
          proofs: noProofsYet,
          timeouts: TIMEOUTS,
        }),
    );
    this.progress = this.keys.map(() => []);
    this.logs = this.keys.map(() => []);
    this.snapshots = this.keys.map(() => undefined);
    this.sent = this.keys.map(() => []);
  }

  /** A fresh core for node i (another random source: only the snapshot can give it the same secrets). */
  rebuild(i: number, snapshot: Uint8Array | undefined): ProtocolCore {
    return new ProtocolCore(
      { self: this.members[i]!, chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, slashingManager: SLASHING, random: new SeededSource(`rebuilt/${i}`, 'test/core-rlk'), programs: new ProgramRegistry([createProgram(PROGRAM)]), proofs: noProofsYet, timeouts: TIMEOUTS },
      snapshot ? { snapshots: new Map([[this.e3Id, snapshot]]) } : {},
    );
  }

  emit(ev: Record<string, unknown>): void {
    const full = { ...ev, e3Id: this.e3Id, blockNumber: BigInt(this.log + 1), logIndex: this.log++, blockTimestamp: BigInt(Math.floor(this.now / 1000)) } as unknown as ChainEvent;
    for (let i = 0; i < this.n; i++) this.queue.push({ node: i, input: { kind: 'chain', now: this.now, event: full } });
  }

  start(): void {
    // The first member computes: a depth-1 program needs the committee's rlk and masks.
    this.emit({
      name: 'E3Requested',
      requester: this.members[0],
      params: { programId: PROGRAM, paramSet: paramSetId('INSECURE_N1024'), committeeSize: this.n, threshold: this.T, computeProvider: this.members[0], pkVerifier: PK_VERIFIER, inputVerifier: PK_VERIFIER, decryptionVerifier: DEC_VERIFIER },
      schedule: { keyDeadline: BigInt(T0 + 1800), inputStart: BigInt(T0), inputEnd: BigInt(T0 + 2000), computeDeadline: BigInt(T0 + 4000), decryptionDeadline: BigInt(T0 + 6000) },
    });
    this.emit({ name: 'CommitteeFinalized', members: this.members, threshold: this.T, seed: keccak256(new TextEncoder().encode(`seed-${this.e3Id}`)) });
  }

  private execute(i: number, actions: readonly CoreAction[]): void {
    for (const a of actions) {
      if (a.kind === 'send') {
        this.sent[i]!.push(a.message);
        this.route(i, a.message, a.to);
      } else if (a.kind === 'persist' && a.record.type === 'secret') this.snapshots[i] = a.record.bytes;
      else if (a.kind === 'sign') this.queue.push({ node: i, input: { kind: 'signed', now: this.now, e3Id: a.e3Id, id: a.id, signer: this.members[i]!, signature: signDigest(signRequestDigest(a.request), this.keys[i]!) } });
      else if (a.kind === 'schedule') {
        this.timers = this.timers.filter((t) => !(t.node === i && t.name === a.name));
        this.timers.push({ at: a.at, node: i, name: a.name, seq: this.seq++ });
      } else if (a.kind === 'exclude') this.exclusions.push({ node: i, party: a.party, reason: a.reason, evidence: a.evidence ?? [] });
      else if (a.kind === 'persist' && a.record.type === 'progress') this.progress[i]!.push(a.record.data);
      else if (a.kind === 'tx') this.onTx(a.tx);
    }
  }

  private onTx(tx: Extract<CoreAction, { kind: 'tx' }>['tx']): void {
    if (tx.fn === 'publishPublicKey' && !this.pk) {
      this.pk = tx.publicKey;
      this.emit({ name: 'PublicKeyPublished', publicKey: tx.publicKey, pkCommitment: tx.pkCommitment, pkHash: keccak256(tx.publicKey) });
    } else if (tx.fn === 'publishCiphertextOutput') {
      this.emit({ name: 'CiphertextOutputPublished', ciphertext: tx.ciphertext, ciphertextCommitment: tx.ciphertextCommitment, inputRoot: tx.inputRoot, inputCount: this.count });
    } else if (tx.fn === 'publishPlaintextOutput' && !this.plaintext) {
      this.plaintext = tx.plaintext;
      this.emit({ name: 'PlaintextOutputPublished', plaintext: tx.plaintext });
      this.emit({ name: 'E3Completed', committeePay: 0n, protocolPay: 0n });
    }
  }

  private route(i: number, msg: OutboundMessage, to: Address | undefined): void {
    const hook = this.hooks.get(i);
    const m = hook ? hook(msg) : msg;
    if (!m) return;
    const signed = signEnvelope({ version: WIRE_VERSION, chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, e3Id: this.e3Id, sender: this.members[i]!, ...m }, SLASHING, this.keys[i]!);
    const ctx = envelopeContext({ chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, slashingManager: SLASHING, e3Id: this.e3Id, committee: this.members }, { params, transport, n: this.n, T: this.T });
    const received = verifyEnvelope(encodeEnvelope(signed), ctx);
    for (let k = 0; k < this.n; k++) if (k !== i && (!to || getAddress(to) === this.members[k])) this.queue.push({ node: k, input: { kind: 'message', now: this.now, message: received } });
  }

  /** Runs until `until` holds or nothing is left (timers advance the clock). */
  run(until: () => boolean, maxSteps = 100_000): void {
    for (let steps = 0; steps < maxSteps && !until(); steps++) {
      const next = this.queue.shift();
      if (next) {
        this.logs[next.node]!.push(next.input);
        this.execute(next.node, this.cores[next.node]!.handle(next.input));
        continue;
      }
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.timers.shift();
      if (!t) return;
      this.now = Math.max(this.now, t.at);
      const input: CoreInput = { kind: 'timer', now: this.now, e3Id: this.e3Id, name: t.name };
      this.logs[t.node]!.push(input);
      this.execute(t.node, this.cores[t.node]!.handle(input));
    }
  }

  /** Bidders encrypt under the published pk; each bid is one input carrying X, W, Y. */
  bid(levels: readonly number[]): void {
    const pk = decodePublicKey(params, hexToBytes(this.pk as Hex));
    const layout = moduleLayout(params);
    const src = new SeededSource(`bidders-${this.e3Id}`, 'test/core-rlk');
    levels.forEach((level, j) => {
      const b = encryptBid(params, pk, encodeBid(params, layout, level, j + 1), j + 1, src);
      // AuctionBidAdapter's layout (the bid proof is checked on chain, not by the core: empty here).
      const hex = (ct: typeof b.x) => bytesToHex(ciphertextToBytes(ct));
      const data = encodeAuctionBidInput({ x: hex(b.x), w: hex(b.w), y: hex(b.y), proof: '0x', alpha: [0n, 0n, 0n], gamma: [0n, 0n, 0n], submitter: this.members[0]! });
      const index = this.count++;
      this.root = nextInputRoot(this.root, index, data);
      this.emit({ name: 'InputPublished', index, sender: this.members[0], data, inputHash: keccak256(data), inputRoot: this.root });
    });
  }

  outcome(): AuctionOutcome {
    const [words] = decodeAbiParameters([{ type: 'bytes32[]' }], this.plaintext as Hex);
    return decodeAuction(moduleLayout(params), encodeCoeffs(params, words.map((w) => BigInt(w))));
  }
}


function fullE3(net: RlkNet, levels: readonly number[]): AuctionOutcome {
  net.start();
  net.run(() => net.pk !== undefined);
  assert.ok(net.pk, 'the key was published');
  net.bid(levels);
  net.run(() => net.plaintext !== undefined);
  assert.ok(net.plaintext, 'the plaintext was published');
  return net.outcome();
}

describe('core: DKG with the relinearisation key and committee masks (depth-1 program)', () => {
  it('runs the rlk rounds; every member holds the same rlk and masks; the auction output is the plaintext auction’s', () => {
    const net = new RlkNet(3, 1, 41n, 'ok');
    const levels = [13, 16, 3];
    assert.deepEqual(fullE3(net, levels), plainAuction(levels));
    const rec = net.progress.map((p) => p.find((r) => r.stage === 'rlk-complete'));
    assert.ok(rec.every((r) => r && typeof r.rlkHash === 'string' && typeof r.masksHash === 'string'));
    assert.equal(new Set(rec.map((r) => r!.rlkHash)).size, 1, 'one rlk for all members');
    assert.equal(new Set(rec.map((r) => r!.masksHash)).size, 1, 'one mask set for all members');
    assert.deepEqual(net.exclusions, []);
    // Replay: node 2's log into a fresh core with its snapshot re-emits its rlk shares and masks
    // byte for byte (same secret stream); without the snapshot its first message already differs.
    const replay = (snapshot: Uint8Array | undefined) => {
      const core = net.rebuild(1, snapshot);
      return net.logs[1]!.flatMap((input) => core.handle(input)).flatMap((a) => (a.kind === 'send' ? [a.message] : []));
    };
    const rlkPhases = new Set<number>([Phase.RlkRound1, Phase.RlkRound2, Phase.CommitteeMasks]);
    const original = net.sent[1]!.filter((m) => rlkPhases.has(m.phase));
    assert.equal(original.length, 3, 'round 1, round 2 and the masks');
    const again = replay(net.snapshots[1]).filter((m) => rlkPhases.has(m.phase));
    assert.deepEqual(again.map((m) => [m.slot, keccak256(m.payload)]), original.map((m) => [m.slot, keccak256(m.payload)]));
    const fresh = replay(undefined);
    assert.notEqual(keccak256(fresh[0]!.payload), keccak256(net.sent[1]![0]!.payload));
  });

  it('an rlk round-1 share that fails threshold’s check (claims another party) excludes its sender with the signed envelope; completes', () => {
    const net = new RlkNet(3, 1, 42n, 'bad1');
    net.hooks.set(2, (m) => {
      if (m.phase !== Phase.RlkRound1) return m;
      const s = S.decodeRlkRound1Share(params, m.payload);
      return { ...m, payload: S.encodeRlkRound1Share(params, { ...s, party: 1 }) };
    });
    const levels = [5, 9];
    assert.deepEqual(fullE3(net, levels), plainAuction(levels));
    for (const node of [0, 1]) {
      assert.deepEqual([...net.cores[node]!.authorisedOf(42n)], [1, 2]);
      const ex = net.exclusions.filter((e) => e.node === node);
      assert.equal(ex.length, 1);
      assert.equal(ex[0]!.party, net.members[2]);
      assert.match(ex[0]!.reason, /rlk round 1: rlk share from the wrong party/);
      // The evidence is node 3's own signed envelope: it verifies and carries the bad share.
      const ctx = envelopeContext({ chainId: CHAIN_ID, orchestrator: ORCHESTRATOR, slashingManager: SLASHING, e3Id: 42n, committee: net.members }, { params, transport, n: 3, T: 1 });
      const m = verifyEnvelope(ex[0]!.evidence[0]!, ctx);
      assert.equal(getAddress(m.sender), net.members[2]);
      assert.equal(S.decodeRlkRound1Share(params, m.payload).party, 1);
    }
  });

  it('a member withholding its round-2 share is excluded; round 2 and the masks are re-run over the smaller A; completes', () => {
    const net = new RlkNet(3, 1, 43n, 'silent2');
    net.hooks.set(1, (m) => (m.phase === Phase.RlkRound2 ? null : m));
    const levels = [14, 12, 14, 2];
    assert.deepEqual(fullE3(net, levels), plainAuction(levels));
    for (const node of [0, 2]) {
      assert.deepEqual([...net.cores[node]!.authorisedOf(43n)], [1, 3]);
      const ex = net.exclusions.filter((e) => e.node === node);
      assert.equal(ex.length, 1);
      assert.match(ex[0]!.reason, /rlk round 2 \(attempt 1\): nothing before the deadline/);
    }
  });
});

