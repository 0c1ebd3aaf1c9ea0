/**
 * A whole E3 in one process: DKG among n parties (P1), pk aggregation (P2), users encrypt (P3),
 * the sum runs on ciphertexts, T + 1 parties decrypt (P4). Prints each phase with its time.
 *
 *   npm run example:e3                          PRODUCTION (N = 8192, 4×50-bit limbs), n = 3
 *   npm run example:e3 -- --n=5 --users=50      other committee size / number of users
 *   npm run example:e3 -- --insecure            INSECURE_N1024 test set (fast; also E3_INSECURE=1)
 *   npm run example:e3 -- --fault               party 2 sends a corrupted share: it is detected and excluded
 */
import * as B from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import type { PublicKey } from '@interfold/bfv';
import { DkgParty, simulateE3, log2, type EncryptedShareBundle, type Session } from '../src/index.js';

const arg = (name: string) => process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const num = (name: string, dflt: number) => {
  const a = arg(name);
  const v = a?.includes('=') ? Number(a.split('=')[1]) : dflt;
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
};
const insecure = arg('insecure') !== undefined || process.env.E3_INSECURE === '1';
const fault = arg('fault') !== undefined;
const n = num('n', 3);
const users = num('users', 20);
const [lit, tlit] = insecure ? [B.INSECURE_N1024, B.INSECURE_TRANSPORT_N1024] : [B.PRODUCTION, B.SHARE_TRANSPORT];
const params = B.bfvParameters(lit);
const maxInputs = insecure ? 1000 : 1_000_000;

// Each user holds a private count in [0, 1000); the requester wants only the total.
const rnd = cryptoSource.fill(new Uint8Array(2 * users));
const inputs = Array.from({ length: users }, (_, i) => (rnd[2 * i] | (rnd[2 * i + 1] << 8)) % 1000);
const expected = inputs.reduce((a, b) => a + b, 0);

console.log(`Interfold TS — one E3 in one process`);
console.log(`  parameters : ${params.name} (N = ${params.N}, log2 Q = ${params.logQ}, t = ${params.t}) ${params.insecure ? '— INSECURE, for tests only' : ''}`);
console.log(`  transport  : ${tlit.name}`);
console.log(`  committee  : n = ${n}, T = ${Math.floor((n - 1) / 2)} (decryption by any ${Math.floor((n - 1) / 2) + 1})`);
console.log(`  users      : ${users}, program: sum, input cap ${maxInputs}`);
if (fault) console.log(`  fault      : party 2 sends party 3 a share that does not match its commitment`);
console.log('');

/** The demonstrated fault, injected from outside the protocol: a dealer that corrupts one bundle. */
class CorruptingDealer extends DkgParty {
  override encryptShares(keys: ReadonlyMap<number, PublicKey>): EncryptedShareBundle[] {
    return super.encryptShares(keys).map((b) => {
      if (b.recipient !== 3) return b;
      const c0 = b.sk[0].c0.clone();
      c0.limbs[0][0] = (c0.limbs[0][0] + 1) % c0.ctx.moduli[0].q;
      return { ...b, sk: [new B.Ciphertext(b.sk[0].params, [c0, b.sk[0].c1]), ...b.sk.slice(1)] };
    });
  }
}
const parties = fault
  ? (session: Session, id: number, src: RandomSource | undefined) => (id === 2 ? new CorruptingDealer(session, id, { src }) : new DkgParty(session, id, { src }))
  : undefined;

const t0 = performance.now();
const r = simulateE3({
  params: lit,
  transport: tlit,
  n,
  inputs,
  maxInputs,
  lambda: insecure ? 80 : undefined,
  parties,
  onPhase: (name, ms) => console.log(`  ${name.padEnd(72, '.')} ${(ms / 1000).toFixed(3).padStart(8)} s`),
});
const total = performance.now() - t0;
const sm = r.dkg.session.smudging;

console.log('');
console.log(`  authorised set A = {${r.dkg.authorised.join(', ')}}`);
for (const e of r.dkg.excluded) console.log(`  excluded party ${e.party} at ${e.stage}: ${e.reason}`);
console.log(`  decrypted by parties ${r.decryptors.join(', ')}`);
for (const [id, s] of r.dkg.stats) console.log(`  party ${id}: DKG bytes sent ${(s.bytesSent / 1e6).toFixed(2)} MB`);
console.log(`  smudging: λ = ${sm.lambda}, per-party bound 2^${log2(sm.perParty).toFixed(1)}; measured noise 2^${r.noise.measuredBits.toFixed(1)} ≤ bound 2^${r.noise.boundBits.toFixed(1)} < limit 2^${r.noise.limitBits.toFixed(1)}`);
console.log('');
// The plaintext space is Z_t (centred): a total above t/2 wraps (only on the INSECURE set, t = 12289).
const t = Number(params.t);
const want = ((expected % t) + t) % t > t / 2 ? (expected % t) - t : expected % t;
const ok = r.output[0] === want;
console.log(`  result: ${r.output[0]}   (expected ${expected}${want !== expected ? ` ≡ ${want} mod t` : ''}: ${ok ? 'correct' : 'WRONG'})`);
console.log(`  total: ${(total / 1000).toFixed(2)} s`);
if (!ok) process.exit(1);
