/**
 * Fuzzes every decoder the node exposes to peers: the envelope (structural decode + context
 * checks) and each phase's payload decoder. Inputs: random bytes, bit flips of a valid encoding
 * (half of them in the first 64 bytes, where headers and lengths live), truncations and
 * extensions. Every rejection must be a typed WireError; anything else is a bug and is reported
 * with the input that caused it.
 *
 *   node --import tsx packages/node/scripts/fuzz.ts [--count=1000000] [--seed=fuzz] [--n512]
 *
 * Payloads at the fuzzing-only INSECURE_FUZZ_N16 set by default (same decoder code, small
 * inputs); --n512 fuzzes INSECURE_N512 payloads (32× larger polynomial-sized inputs).
 *
 * The randomness is a seeded stream (reproducible runs; nothing secret here).
 */
import { SeededSource } from '@interfold/ring';
import { getAddress, bytesToHex } from 'viem';
import { Phase, type PeerMessage } from '../src/types.js';
import {
  checkContext,
  decodeEnvelope,
  decodePayload,
  encodeEnvelope,
  envelopeContext,
  WireError,
  WIRE_VERSION,
  type PayloadContext,
} from '../src/wire/index.js';

export type FuzzTarget = { readonly name: string; readonly valid: Uint8Array; readonly decode: (bytes: Uint8Array) => unknown };
export type FuzzReport = { readonly name: string; readonly inputs: number; readonly accepted: number; readonly rejected: number; readonly ms: number };

/** A random stream with cheap integer draws. */
class Draw {
  private readonly buf = new Uint8Array(4096);
  private pos = 4096;
  constructor(private readonly src: SeededSource) {}
  byte(): number {
    if (this.pos === this.buf.length) {
      this.src.fill(this.buf);
      this.pos = 0;
    }
    return this.buf[this.pos++];
  }
  int(n: number): number {
    const x = ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
    return x % n;
  }
  bytes(n: number): Uint8Array {
    return this.src.fill(new Uint8Array(n));
  }
}

/** One mutated input derived from `valid`. */
function mutate(d: Draw, valid: Uint8Array): Uint8Array {
  switch (d.int(4)) {
    case 0:
      return d.bytes(d.int(Math.min(4096, 2 * valid.length + 1)));
    case 1: {
      const out = valid.slice();
      const flips = 1 + d.int(3);
      for (let k = 0; k < flips; k++) {
        const pos = d.int(2) === 0 ? d.int(Math.min(64, out.length)) : d.int(out.length);
        out[pos] ^= 1 << d.int(8);
      }
      return out;
    }
    case 2:
      return valid.slice(0, d.int(valid.length));
    default: {
      const out = new Uint8Array(valid.length + 1 + d.int(64));
      out.set(valid);
      out.set(d.bytes(out.length - valid.length), valid.length);
      return out;
    }
  }
}

/** Runs `count` inputs against one decoder; throws on the first untyped failure. */
export function fuzzTarget(t: FuzzTarget, count: number, seed: string): FuzzReport {
  const d = new Draw(new SeededSource(`${seed}/${t.name}`, 'interfold/node/fuzz'));
  let accepted = 0;
  // Stack traces of the (expected) typed errors dominate the cost of a rejection: off while fuzzing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const t0 = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const input = mutate(d, t.valid);
      try {
        t.decode(input);
        accepted++;
      } catch (e) {
        if (!(e instanceof WireError)) {
          const hex = bytesToHex(input.subarray(0, 256));
          throw new Error(`fuzz ${t.name}: untyped error on input ${i} (${input.length} bytes, starts ${hex}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
        }
      }
    }
  } finally {
    Error.stackTraceLimit = limit;
  }
  return { name: t.name, inputs: count, accepted, rejected: count - accepted, ms: performance.now() - t0 };
}

const ORCH = getAddress('0x00000000000000000000000000000000000000a1');
const SLASH = getAddress('0x00000000000000000000000000000000000000a2');
const MEMBERS = [1, 2, 3].map((i) => getAddress(`0x${i.toString(16).padStart(40, '0')}`));

/** The decoders a peer can reach: the envelope and one payload decoder per phase. */
export function fuzzTargets(payloads: ReadonlyMap<Phase, Uint8Array>, ctx: PayloadContext): FuzzTarget[] {
  const env = envelopeContext({ chainId: 31337, orchestrator: ORCH, slashingManager: SLASH, e3Id: 7n, committee: MEMBERS }, ctx);
  const message: PeerMessage = {
    version: WIRE_VERSION,
    chainId: 31337,
    orchestrator: ORCH,
    e3Id: 7n,
    phase: Phase.PkAttestation,
    slot: BigInt(Phase.PkAttestation) << 32n,
    sender: MEMBERS[1],
    payload: payloads.get(Phase.PkAttestation) as Uint8Array,
    proof: new Uint8Array(0),
    signature: `0x${'11'.repeat(64)}1b`,
  };
  const targets: FuzzTarget[] = [
    {
      name: 'envelope',
      valid: encodeEnvelope(message),
      decode: (b) => {
        const m = decodeEnvelope(b);
        checkContext(m, env);
        return m;
      },
    },
  ];
  for (const [phase, valid] of payloads) {
    targets.push({ name: `payload/${phase}`, valid, decode: (b) => decodePayload(phase, b, ctx, 1 << 20) });
  }
  return targets;
}

async function main(): Promise<void> {
  const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
  const count = Number(arg('count') ?? 1_000_000);
  const seed = arg('seed') ?? 'fuzz';
  const { validPayloads, payloadCtx, fuzzCtx } = await import('../test/wire-fixtures.js');
  const ctx = process.argv.includes('--n512') ? payloadCtx : fuzzCtx;
  const payloads = validPayloads(ctx);
  console.log(`fuzzing ${payloads.size + 1} decoders at ${ctx.params.name}, ${count} inputs each (seed "${seed}")`);
  for (const t of fuzzTargets(payloads, ctx)) {
    const r = fuzzTarget(t, count, seed);
    console.log(`  ${r.name.padEnd(12)} ${String(t.valid.length).padStart(8)} B valid  ${r.inputs} inputs  ${r.accepted} accepted  ${r.rejected} typed rejections  ${(r.ms / 1000).toFixed(1)} s`);
  }
  console.log('no untyped error');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
