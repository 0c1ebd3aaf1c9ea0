/**
 * The signed envelope of every peer message (DESIGN.md "Peer messages") and its binary encoding:
 *
 *   version u8 | chainId u64 | orchestrator 20 | e3Id 32 | phase u8 | slot 32 | sender 20
 *   | payloadLen u32 | payload | proofLen u32 | proof | signature 65 (r ‖ s ‖ v, v ∈ {27, 28})
 *
 * Signature: the operator key signs the EIP-712 NodeMessage(e3Id, slot, payloadHash) of
 * contracts/src/signing.ts under the slashing manager's domain, where payloadHash is the keccak of
 * a domain-separated ABI encoding of every other envelope field. So two signed envelopes of one
 * sender for one (e3Id, slot) with different contents are, as they stand, the equivocation
 * evidence SlashingManager.slashEquivocation takes.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { encodeAbiParameters, hashTypedData, keccak256, toHex, bytesToHex, hexToBytes, type Address, type Hex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { interfoldDomain, nodeMessageTypes } from '@interfold/contracts';
import type { PeerMessage, Phase } from '../types.js';
import { MalformedEnvelopeError, SignatureError } from './errors.js';

export const WIRE_VERSION = 1;
export const ENVELOPE_DOMAIN = 'interfold/node/envelope/v1';
const DOMAIN_TAG = keccak256(toHex(ENVELOPE_DOMAIN));

/** Bytes of an envelope around its payload and proof. */
export const ENVELOPE_OVERHEAD = 1 + 8 + 20 + 32 + 1 + 32 + 20 + 4 + 4 + 65;
export const PHASE_OFFSET = 1 + 8 + 20 + 32;
export const SIGNATURE_BYTES = 65;

export type UnsignedEnvelope = Omit<PeerMessage, 'signature'>;

/** slot = phase · 2^32 + sub (sub: recipient, accused dealer, … or 0). */
export function slotOf(phase: Phase, sub = 0): bigint {
  if (!Number.isInteger(sub) || sub < 0 || sub > 0xffffffff) throw new RangeError(`sub-slot out of range: ${sub}`);
  return (BigInt(phase) << 32n) | BigInt(sub);
}
export const subSlotOf = (slot: bigint): number => Number(slot & 0xffffffffn);

/** keccak of the domain-separated encoding of all fields but the signature. */
export function envelopePayloadHash(u: UnsignedEnvelope): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'bytes32' },
        { type: 'uint8' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'uint256' },
        { type: 'uint8' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'bytes32' },
        { type: 'bytes32' },
      ],
      [DOMAIN_TAG, u.version, BigInt(u.chainId), u.orchestrator, u.e3Id, u.phase, u.slot, u.sender, keccak256(u.payload), keccak256(u.proof)],
    ),
  );
}

/** The digest the operator key signs: EIP-712 NodeMessage under the slashing manager's domain. */
export function envelopeDigest(u: UnsignedEnvelope, slashingManager: Address): Hex {
  return hashTypedData({
    domain: interfoldDomain(u.chainId, slashingManager),
    types: nodeMessageTypes,
    primaryType: 'NodeMessage',
    message: { e3Id: u.e3Id, slot: u.slot, payloadHash: envelopePayloadHash(u) },
  });
}

const N_HALF = secp256k1.Point.Fn.ORDER >> 1n;

/** ECDSA over a 32-byte digest (RFC 6979, low s) → 65-byte r ‖ s ‖ v. */
export function signDigest(digest: Hex, privateKey: Uint8Array): Hex {
  const rec = secp256k1.sign(hexToBytes(digest), privateKey, { prehash: false, format: 'recovered' });
  const out = new Uint8Array(65);
  out.set(rec.subarray(1, 65), 0);
  out[64] = 27 + rec[0];
  return bytesToHex(out);
}

/** The address whose key produced `signature` over `digest`; SignatureError if malformed or high-s. */
export function recoverDigestSigner(digest: Hex, signature: Hex): Address {
  let sig: Uint8Array;
  try {
    sig = hexToBytes(signature);
  } catch (e) {
    throw new SignatureError('Signature is not hex', { cause: e });
  }
  if (sig.length !== 65) throw new SignatureError('Signature must be 65 bytes', { details: `${sig.length}` });
  const v = sig[64];
  if (v !== 27 && v !== 28) throw new SignatureError('Signature recovery byte must be 27 or 28', { details: `${v}` });
  const s = BigInt(bytesToHex(sig.subarray(32, 64)));
  if (s === 0n || s > N_HALF) throw new SignatureError('Signature s is zero or not canonical (high s)');
  const rec = new Uint8Array(65);
  rec[0] = v - 27;
  rec.set(sig.subarray(0, 64), 1);
  try {
    const pub = secp256k1.recoverPublicKey(rec, hexToBytes(digest), { prehash: false });
    const full = secp256k1.Point.fromBytes(pub).toBytes(false);
    return publicKeyToAddress(bytesToHex(full));
  } catch (e) {
    throw new SignatureError('Signature does not recover to a public key', { cause: e });
  }
}

export function signEnvelope(u: UnsignedEnvelope, slashingManager: Address, privateKey: Uint8Array): PeerMessage {
  return { ...u, signature: signDigest(envelopeDigest(u, slashingManager), privateKey) };
}

export function encodeEnvelope(m: PeerMessage): Uint8Array {
  const sig = hexToBytes(m.signature);
  if (sig.length !== SIGNATURE_BYTES) throw new SignatureError('Signature must be 65 bytes');
  const out = new Uint8Array(ENVELOPE_OVERHEAD + m.payload.length + m.proof.length);
  const v = new DataView(out.buffer);
  let o = 0;
  out[o++] = m.version;
  v.setBigUint64(o, BigInt(m.chainId));
  o += 8;
  out.set(hexToBytes(m.orchestrator), o);
  o += 20;
  out.set(hexToBytes(toHex(m.e3Id, { size: 32 })), o);
  o += 32;
  out[o++] = m.phase;
  out.set(hexToBytes(toHex(m.slot, { size: 32 })), o);
  o += 32;
  out.set(hexToBytes(m.sender), o);
  o += 20;
  v.setUint32(o, m.payload.length);
  o += 4;
  out.set(m.payload, o);
  o += m.payload.length;
  v.setUint32(o, m.proof.length);
  o += 4;
  out.set(m.proof, o);
  o += m.proof.length;
  out.set(sig, o);
  return out;
}

/**
 * Structural decoding only (lengths, no trailing bytes); the semantic checks are in verify.ts.
 * Payload and proof are copies (the caller may reuse its buffer).
 */
export function decodeEnvelope(bytes: Uint8Array): PeerMessage {
  if (bytes.length < ENVELOPE_OVERHEAD) throw new MalformedEnvelopeError('Truncated envelope', { details: `${bytes.length} < ${ENVELOPE_OVERHEAD} bytes` });
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const version = bytes[o++];
  const chainIdBig = v.getBigUint64(o);
  o += 8;
  if (chainIdBig > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedEnvelopeError('Chain id out of range');
  // Lower-case hex (not checksummed): decoding stays cheap; comparisons are case-insensitive.
  const orchestrator = bytesToHex(bytes.subarray(o, o + 20));
  o += 20;
  const e3Id = BigInt(bytesToHex(bytes.subarray(o, o + 32)));
  o += 32;
  const phase = bytes[o++] as Phase;
  const slot = BigInt(bytesToHex(bytes.subarray(o, o + 32)));
  o += 32;
  const sender = bytesToHex(bytes.subarray(o, o + 20));
  o += 20;
  const payloadLen = v.getUint32(o);
  o += 4;
  if (payloadLen > bytes.length - ENVELOPE_OVERHEAD) throw new MalformedEnvelopeError('Payload length exceeds the envelope', { details: `${payloadLen}` });
  const payload = bytes.slice(o, o + payloadLen);
  o += payloadLen;
  const proofLen = v.getUint32(o);
  o += 4;
  if (o + proofLen + SIGNATURE_BYTES !== bytes.length) {
    throw new MalformedEnvelopeError('Envelope length does not match its length fields', { details: `proof ${proofLen}, total ${bytes.length}` });
  }
  const proof = bytes.slice(o, o + proofLen);
  o += proofLen;
  const signature = bytesToHex(bytes.subarray(o, o + SIGNATURE_BYTES));
  return { version, chainId: Number(chainIdBig), orchestrator, e3Id, phase, slot, sender, payload, proof, signature };
}
