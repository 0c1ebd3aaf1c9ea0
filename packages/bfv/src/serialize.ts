/**
 * Canonical, versioned bytes for every BFV object.
 *
 *   header  = "IF" (2 bytes) ‖ version (u8 = 1) ‖ kind (u8) ‖ parameter fingerprint (8 bytes)
 *   payload = kind-specific, fixed layout; each residue mod q_i in ⌈bits(q_i)/8⌉ bytes, little-endian
 *
 * Decoders check magic, version, kind, fingerprint (the object belongs to the parameter set the
 * caller expects), every length, and that every residue is below its modulus; any deviation, and
 * any trailing byte, is a DecodeError. One object has exactly one encoding.
 */
import { ByteReader, ByteWriter, DecodeError, MismatchError, type RnsPoly, type RingContext } from '@interfold/ring';
import { Ciphertext, Plaintext, PublicKey, RelinKey, SecretKey } from './objects.js';
import { BfvParameters, cachedParameters, encodeLiteral } from './parameters.js';

export const FORMAT_VERSION = 1;

export const Kind = Object.freeze({
  Parameters: 0x00,
  SecretKey: 0x01,
  PublicKey: 0x02,
  Ciphertext: 0x03,
  Plaintext: 0x04,
  RelinKey: 0x05,
} as const);
export type Kind = (typeof Kind)[keyof typeof Kind];

const KIND_NAMES: Record<number, string> = { 0: 'parameters', 1: 'secret key', 2: 'public key', 3: 'ciphertext', 4: 'plaintext', 5: 'relinearisation key' };

export function residueWidth(modulus: bigint | number): number {
  return Math.ceil(BigInt(modulus).toString(2).length / 8);
}

function header(w: ByteWriter, kind: Kind, params: BfvParameters): void {
  w.u8(0x49).u8(0x46).u8(FORMAT_VERSION).u8(kind);
  w.bytes(params.fingerprint);
}

/** Reads and checks the header; returns its fingerprint bytes. */
function readHeader(r: ByteReader, kind: Kind, params: BfvParameters | null): Uint8Array {
  const what = KIND_NAMES[kind];
  if (r.remaining < 12) throw new DecodeError(`Truncated ${what}`, { details: `header needs 12 bytes, have ${r.remaining}` });
  if (r.u8() !== 0x49 || r.u8() !== 0x46) throw new DecodeError(`Not an Interfold ${what} (bad magic)`);
  const v = r.u8();
  if (v !== FORMAT_VERSION) throw new DecodeError(`Unsupported ${what} format version`, { details: `version ${v}, supported ${FORMAT_VERSION}` });
  const k = r.u8();
  if (k !== kind) throw new DecodeError(`Expected a ${what}, got a ${KIND_NAMES[k] ?? `kind 0x${k.toString(16)}`}`);
  const fp = r.bytes(8);
  if (params && !fp.every((b, i) => b === params.fingerprint[i])) {
    throw new MismatchError(`The ${what} belongs to another parameter set`, { details: `expected ${params.name}` });
  }
  return fp;
}

function writePoly(w: ByteWriter, p: RnsPoly): void {
  p.ctx.moduli.forEach((m, i) => w.residues(p.limbs[i], residueWidth(m.big)));
}

function readPoly(r: ByteReader, ring: RingContext, isNtt = false): RnsPoly {
  const p = ring.zero(isNtt);
  ring.moduli.forEach((m, i) => r.residues(p.limbs[i] as Float64Array, residueWidth(m.big), m.q));
  return p;
}

// ---- parameters

export function encodeParameters(params: BfvParameters): Uint8Array {
  const w = new ByteWriter();
  // The parameters header carries the set's own fingerprint; the decoder checks it.
  header(w, Kind.Parameters, params);
  w.varBytes(encodeLiteral(params.toLiteral()));
  w.varBytes(new TextEncoder().encode(params.security));
  return w.finish();
}

export type DecodeParametersOptions = {
  /**
   * Accept only these sets (for bytes from a peer or the chain): the decoded set must be one of
   * them, and nothing is built from the bytes. Without it, an unknown but valid set is built
   * afresh (its tables cost up to ~65 MiB at N = 2^16, 16 limbs) and is not cached.
   */
  readonly only?: readonly BfvParameters[];
};

// ignoreBOM: keep a leading U+FEFF, so that decode ∘ encode is the identity on bytes (canonical).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeText(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch (e) {
    throw new DecodeError(`Parameter ${what} is not valid UTF-8`, { cause: e });
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Decode a parameter set. Canonical (issue 8, "Untrusted bytes"): the header fingerprint must be
 * the fingerprint of the decoded literal, a set this process already knows is returned only when
 * the security text is byte-identical to its own (so re-encoding gives the input bytes back), and
 * decoding never inserts into the parameter cache (crafted bytes can neither poison it for later
 * callers nor grow it without bound).
 */
export function decodeParameters(bytes: Uint8Array, options: DecodeParametersOptions = {}): BfvParameters {
  const r = new ByteReader(bytes, 'parameters');
  const fp = readHeader(r, Kind.Parameters, null);
  const identity = r.varBytes(4096);
  const securityBytes = r.varBytes(4096);
  r.end();
  const lit = new ByteReader(identity, 'parameters');
  const name = decodeText(lit.varBytes(64), 'name');
  const N = lit.u32();
  const L = lit.u8();
  const moduli: bigint[] = [];
  for (let i = 0; i < L; i++) moduli.push(lit.bigUint(8));
  const t = lit.bigUint(8);
  lit.end();
  const security = decodeText(securityBytes, 'security text');
  const checkFingerprint = (expected: Uint8Array) => {
    if (!sameBytes(fp, expected)) {
      throw new DecodeError('Parameter fingerprint does not match the parameters', {
        details: `header ${Buffer.from(fp).toString('hex')}, computed ${Buffer.from(expected).toString('hex')}`,
      });
    }
  };
  const known = options.only
    ? options.only.find((p) => sameBytes(encodeLiteral(p.toLiteral()), identity))
    : cachedParameters(identity);
  if (options.only && !known) {
    throw new MismatchError('Parameters are not among the accepted sets', {
      details: `got ${name}; accepted: ${options.only.map((p) => p.name).join(', ')}`,
    });
  }
  if (known) {
    checkFingerprint(known.fingerprint);
    if (known.security !== security) {
      throw new DecodeError('Non-canonical parameters: the security text differs from the known set', { details: `set ${known.name}` });
    }
    return known;
  }
  let params: BfvParameters;
  try {
    params = new BfvParameters({ name, N, moduli, t, security });
  } catch (e) {
    throw new DecodeError('Decoded parameters are invalid', { cause: e, details: e instanceof Error ? e.message : String(e) });
  }
  checkFingerprint(params.fingerprint);
  return params;
}

// ---- keys, plaintexts, ciphertexts

export function encodeSecretKey(sk: SecretKey): Uint8Array {
  const w = new ByteWriter(sk.params.L * sk.params.N * 7 + 16);
  header(w, Kind.SecretKey, sk.params);
  writePoly(w, sk.poly);
  return w.finish();
}

export function decodeSecretKey(params: BfvParameters, bytes: Uint8Array): SecretKey {
  const r = new ByteReader(bytes, 'secret key');
  readHeader(r, Kind.SecretKey, params);
  const p = readPoly(r, params.ring);
  r.end();
  return new SecretKey(params, p);
}

export function encodePublicKey(pk: PublicKey): Uint8Array {
  const w = new ByteWriter(2 * pk.params.L * pk.params.N * 7 + 16);
  header(w, Kind.PublicKey, pk.params);
  writePoly(w, pk.p0);
  writePoly(w, pk.p1);
  return w.finish();
}

export function decodePublicKey(params: BfvParameters, bytes: Uint8Array): PublicKey {
  const r = new ByteReader(bytes, 'public key');
  readHeader(r, Kind.PublicKey, params);
  const p0 = readPoly(r, params.ring);
  const p1 = readPoly(r, params.ring);
  r.end();
  return new PublicKey(params, p0, p1);
}

export function encodeCiphertext(ct: Ciphertext): Uint8Array {
  const w = new ByteWriter(ct.size * ct.params.L * ct.params.N * 7 + 16);
  header(w, Kind.Ciphertext, ct.params);
  w.u8(ct.size);
  for (const p of ct.polys) writePoly(w, p);
  return w.finish();
}

export function decodeCiphertext(params: BfvParameters, bytes: Uint8Array): Ciphertext {
  const r = new ByteReader(bytes, 'ciphertext');
  readHeader(r, Kind.Ciphertext, params);
  const size = r.u8();
  if (size !== 2 && size !== 3) throw new DecodeError('Ciphertext must have 2 or 3 components', { details: `got ${size}` });
  const polys = [];
  for (let j = 0; j < size; j++) polys.push(readPoly(r, params.ring));
  r.end();
  return new Ciphertext(params, polys);
}

export function encodePlaintext(pt: Plaintext): Uint8Array {
  const w = new ByteWriter(pt.params.N * 8 + 16);
  header(w, Kind.Plaintext, pt.params);
  w.residues(pt.coeffs, residueWidth(pt.params.t));
  return w.finish();
}

export function decodePlaintext(params: BfvParameters, bytes: Uint8Array): Plaintext {
  const r = new ByteReader(bytes, 'plaintext');
  readHeader(r, Kind.Plaintext, params);
  const c = new Float64Array(params.N);
  r.residues(c, residueWidth(params.t), params.tModulus.q);
  r.end();
  return new Plaintext(params, c);
}

export function encodeRelinKey(rlk: RelinKey): Uint8Array {
  const w = new ByteWriter(2 * rlk.params.L * rlk.params.L * rlk.params.N * 7 + 16);
  header(w, Kind.RelinKey, rlk.params);
  for (let i = 0; i < rlk.params.L; i++) {
    writePoly(w, rlk.k0[i]);
    writePoly(w, rlk.k1[i]);
  }
  return w.finish();
}

export function decodeRelinKey(params: BfvParameters, bytes: Uint8Array): RelinKey {
  const r = new ByteReader(bytes, 'relinearisation key');
  readHeader(r, Kind.RelinKey, params);
  const k0 = [], k1 = [];
  for (let i = 0; i < params.L; i++) {
    k0.push(readPoly(r, params.ring, true));
    k1.push(readPoly(r, params.ring, true));
  }
  r.end();
  return new RelinKey(params, k0, k1);
}
