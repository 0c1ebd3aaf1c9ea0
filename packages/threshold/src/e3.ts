/**
 * A whole E3 in one process (SYSTEM.md §3, without chain or network): DKG among n parties (P1),
 * pk aggregation (P2), users encrypt their inputs under pk (P3), the program runs on the
 * ciphertexts, and T + 1 (or any chosen) authorised parties decrypt (P4).
 */
import {
  addMany,
  asBfvParameters,
  decodeCoeffs,
  encodeCoeffs,
  encrypt,
  measurePhaseNoise,
  type BfvParameters,
  type BfvParametersLiteral,
  type Ciphertext,
  type Plaintext,
} from '@interfold/bfv';
import { cryptoSource, type RandomSource } from '@interfold/ring';
import { combineDecryptionShares, decryptionShare } from './decryption.js';
import { runDkg, type DkgResult } from './dkg.js';
import { InvalidParameterError, QuorumError } from './errors.js';
import type { DkgOptions } from './dkg.js';
import * as S from './serialize.js';
import { Session } from './session.js';
import { log2 } from './smudging.js';

/** The program run over the input ciphertexts: the built-in sum, or any function to one ciphertext. */
export type E3Program = 'sum' | ((params: BfvParameters, inputs: readonly Ciphertext[]) => Ciphertext);

export type SimulateE3Options = {
  readonly params: BfvParameters | BfvParametersLiteral;
  readonly transport: BfvParameters | BfvParametersLiteral;
  readonly n: number;
  readonly T?: number;
  /** One entry per user: a value (coefficient 0) or a vector of coefficients. */
  readonly inputs: readonly (number | bigint | readonly (number | bigint)[])[];
  readonly program?: E3Program;
  /** The E3 seed (public); random by default. */
  readonly seed?: Uint8Array | string;
  /** Statistical security of smudging (smudging.ts default when omitted). */
  readonly lambda?: number;
  /** Input cap fixed at DKG time (default: the number of inputs). */
  readonly maxInputs?: number;
  /** Which authorised parties send decryption shares (default: the T + 1 lowest ids of A). */
  readonly decryptors?: readonly number[];
  /** Party objects (tests inject deviating ones; see DkgOptions.parties). */
  readonly parties?: DkgOptions['parties'];
  readonly sources?: (id: number) => RandomSource;
  /** Randomness of the users' encryptions (tests); the OS CSPRNG by default. */
  readonly userSource?: RandomSource;
  readonly onPhase?: (name: string, ms: number) => void;
};

export type E3Result = {
  /** The decoded output coefficients, centred in (−t/2, t/2]. */
  readonly output: number[];
  readonly plaintext: Plaintext;
  /** The DKG transcript and statistics (its parties and key shares are disposed when the E3 ends). */
  readonly dkg: DkgResult;
  readonly decryptors: readonly number[];
  readonly phases: readonly { name: string; ms: number }[];
  /** Per decrypting party: time of its decryption share and its size. */
  readonly decryption: ReadonlyMap<number, { ms: number; bytes: number }>;
  /** Measured noise of the combined (smudged) phase against the documented bound, in bits. */
  readonly noise: { readonly measuredBits: number; readonly boundBits: number; readonly limitBits: number };
};


export function simulateE3(o: SimulateE3Options): E3Result {
  const params = asBfvParameters(o.params);
  const transport = asBfvParameters(o.transport);
  if (o.inputs.length === 0) throw new InvalidParameterError('An E3 needs at least one input');
  const maxInputs = o.maxInputs ?? o.inputs.length;
  if (o.inputs.length > maxInputs) throw new InvalidParameterError('More inputs than the DKG budgeted for', { details: `${o.inputs.length} > maxInputs = ${maxInputs}` });
  const seed = o.seed ?? cryptoSource.fill(new Uint8Array(32));
  const phases: { name: string; ms: number }[] = [];
  const report = (name: string, ms: number) => {
    phases.push({ name, ms });
    o.onPhase?.(name, ms);
  };

  const session = new Session({ params, transport, n: o.n, T: o.T, seed, maxInputs, lambda: o.lambda });
  const dkg = runDkg(session, { parties: o.parties, sources: o.sources, onPhase: (name, ms) => report(`P1/P2 ${name}`, ms) });

  // P3: users encrypt under the threshold key.
  let t0 = performance.now();
  const src = o.userSource ?? cryptoSource;
  const cts = o.inputs.map((x) => encrypt(params, dkg.pk, encodeCoeffs(params, Array.isArray(x) ? (x as (number | bigint)[]) : [x as number | bigint]), src));
  report(`P3 users encrypt ${cts.length} inputs`, performance.now() - t0);

  t0 = performance.now();
  const program = o.program ?? 'sum';
  const out = program === 'sum' ? addMany(params, cts) : program(params, cts);
  report('compute (program over ciphertexts)', performance.now() - t0);

  // P4: decryption shares from the decryptors, combined by the aggregator.
  const decryptors = [...(o.decryptors ?? dkg.authorised.slice(0, session.T + 1))].sort((a, b) => a - b);
  for (const id of decryptors) {
    if (!dkg.authorised.includes(id)) throw new QuorumError('A decryptor is not in the authorised set', { details: `party ${id}; A = {${dkg.authorised.join(', ')}}` });
  }
  t0 = performance.now();
  const decryption = new Map<number, { ms: number; bytes: number }>();
  const shares = decryptors.map((id) => {
    const t1 = performance.now();
    const bytes = S.encodeDecryptionShare(params, decryptionShare(params, dkg.keyShares.get(id)!, out));
    decryption.set(id, { ms: performance.now() - t1, bytes: bytes.length });
    return S.decodeDecryptionShare(params, bytes);
  });
  report(`P4 decryption shares (${decryptors.length} parties)`, performance.now() - t0);
  t0 = performance.now();
  const combined = combineDecryptionShares(params, shares, session.T, { ciphertext: out });
  report('P4 combination (Lagrange, CRT, decode)', performance.now() - t0);

  const measured = measurePhaseNoise(params, combined.phase);
  const b = session.smudging;
  // Ephemerality (SYSTEM.md §3, step 7): the E3 is complete, every party deletes its key material.
  for (const p of dkg.parties.values()) p.dispose();
  for (const k of dkg.keyShares.values()) k.dispose();
  return {
    output: decodeCoeffs(combined.plaintext, { signed: true }),
    plaintext: combined.plaintext,
    dkg,
    decryptors,
    phases,
    decryption,
    noise: { measuredBits: measured.bits, boundBits: log2(b.ciphertext + BigInt(dkg.authorised.length) * b.perParty), limitBits: log2(b.limit) },
  };
}
