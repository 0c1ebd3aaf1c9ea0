/**
 * Signed peer records (issue 8, "Peer network"): binds an operator address to a libp2p peer id.
 * The operator key signs (EIP-191 personal message over domain-separated bytes):
 *
 *   body   = "interfold/peer-record/v1" ‖ chainId (u64) ‖ address (20) ‖ seq (u64)
 *            ‖ peerId (u8 len ‖ its base58 text) ‖ count (u8) ‖ count × multiaddr (u16 len ‖ bytes)
 *   record = version (u8 = 1) ‖ u32 body length ‖ body ‖ signature (65)
 *
 * A receiver accepts it only if it decodes within bounds, is for its chain, the signature
 * recovers to the address in the body, and the gossip author is the peer id in the body (so the
 * binding proves control of both keys). A higher `seq` replaces an earlier record.
 */
import { multiaddr } from '@multiformats/multiaddr';
import { peerIdFromString } from '@libp2p/peer-id';
import { privateKeyToAccount } from 'viem/accounts';
import { recoverMessageAddress, type Address, type Hex } from 'viem';
import { PeerRecordError } from './errors.js';

export const PEER_RECORD_VERSION = 1;
const DOMAIN = new TextEncoder().encode('interfold/peer-record/v1');
const MAX_BODY = 2048;
const MAX_ADDRS = 16;
const SIG_BYTES = 65;

export type PeerRecord = {
  readonly chainId: number;
  readonly address: Address;
  readonly seq: bigint;
  readonly peerId: string;
  readonly multiaddrs: readonly string[];
};

function encodeBody(r: PeerRecord): Uint8Array {
  const pid = new TextEncoder().encode(peerIdFromString(r.peerId).toString());
  const addrs = r.multiaddrs.slice(0, MAX_ADDRS).map((a) => multiaddr(a).bytes);
  const size = DOMAIN.length + 8 + 20 + 8 + 1 + pid.length + 1 + addrs.reduce((n, a) => n + 2 + a.length, 0);
  if (size > MAX_BODY) throw new PeerRecordError('Peer record too large', { details: `${size} > ${MAX_BODY}` });
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let o = 0;
  out.set(DOMAIN, o);
  o += DOMAIN.length;
  dv.setBigUint64(o, BigInt(r.chainId));
  o += 8;
  out.set(Buffer.from(r.address.slice(2), 'hex'), o);
  o += 20;
  dv.setBigUint64(o, r.seq);
  o += 8;
  out[o++] = pid.length;
  out.set(pid, o);
  o += pid.length;
  out[o++] = addrs.length;
  for (const a of addrs) {
    dv.setUint16(o, a.length);
    out.set(a, o + 2);
    o += 2 + a.length;
  }
  return out;
}

/** Sign a record with the operator key; the address is the key's. */
export async function signPeerRecord(operatorKey: Hex, r: Omit<PeerRecord, 'address'>): Promise<Uint8Array> {
  const account = privateKeyToAccount(operatorKey);
  const body = encodeBody({ ...r, address: account.address });
  const sig = Buffer.from((await account.signMessage({ message: { raw: body } })).slice(2), 'hex');
  const out = new Uint8Array(1 + 4 + body.length + SIG_BYTES);
  out[0] = PEER_RECORD_VERSION;
  new DataView(out.buffer).setUint32(1, body.length);
  out.set(body, 5);
  out.set(sig, 5 + body.length);
  return out;
}

function decodeBody(body: Uint8Array): PeerRecord {
  const bad = (d: string) => new PeerRecordError('Malformed peer record', { details: d });
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let o = 0;
  const need = (n: number) => {
    if (o + n > body.length) throw bad(`truncated at ${o}`);
  };
  need(DOMAIN.length);
  if (!DOMAIN.every((b, i) => body[i] === b)) throw bad('wrong domain');
  o += DOMAIN.length;
  need(8 + 20 + 8 + 1);
  const chainId = dv.getBigUint64(o);
  o += 8;
  if (chainId > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('chain id out of range');
  const address = `0x${Buffer.from(body.subarray(o, o + 20)).toString('hex')}` as Address;
  o += 20;
  const seq = dv.getBigUint64(o);
  o += 8;
  const pidLen = body[o++];
  need(pidLen + 1);
  let peerId: string;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(o, o + pidLen));
    peerId = peerIdFromString(text).toString();
    if (peerId !== text) throw new Error('non-canonical peer id');
  } catch (e) {
    throw new PeerRecordError('Malformed peer record', { details: 'bad peer id', cause: e });
  }
  o += pidLen;
  const count = body[o++];
  if (count > MAX_ADDRS) throw bad(`${count} multiaddrs`);
  const multiaddrs: string[] = [];
  for (let i = 0; i < count; i++) {
    need(2);
    const n = dv.getUint16(o);
    o += 2;
    need(n);
    try {
      multiaddrs.push(multiaddr(body.slice(o, o + n)).toString());
    } catch (e) {
      throw new PeerRecordError('Malformed peer record', { details: `bad multiaddr ${i}`, cause: e });
    }
    o += n;
  }
  if (o !== body.length) throw bad('trailing bytes');
  return { chainId: Number(chainId), address, seq, peerId, multiaddrs };
}

/** Decode and verify a record for `chainId`; throws PeerRecordError on any deviation. */
export async function verifyPeerRecord(bytes: Uint8Array, chainId: number): Promise<PeerRecord> {
  if (bytes.length < 5 + SIG_BYTES) throw new PeerRecordError('Malformed peer record', { details: `${bytes.length} bytes` });
  if (bytes[0] !== PEER_RECORD_VERSION) throw new PeerRecordError('Unsupported peer record version', { details: `version ${bytes[0]}` });
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  if (len > MAX_BODY || bytes.length !== 5 + len + SIG_BYTES) throw new PeerRecordError('Malformed peer record', { details: `body length ${len}, total ${bytes.length}` });
  const body = bytes.slice(5, 5 + len);
  const record = decodeBody(body);
  if (record.chainId !== chainId) throw new PeerRecordError('Peer record for another chain', { details: `${record.chainId} ≠ ${chainId}` });
  let signer: Address;
  try {
    signer = await recoverMessageAddress({ message: { raw: body }, signature: `0x${Buffer.from(bytes.subarray(5 + len)).toString('hex')}` });
  } catch (e) {
    throw new PeerRecordError('Peer record signature is invalid', { cause: e });
  }
  if (signer.toLowerCase() !== record.address.toLowerCase()) {
    throw new PeerRecordError('Peer record is not signed by its operator', { details: `recovered ${signer}, record says ${record.address}` });
  }
  return { ...record, address: signer };
}
