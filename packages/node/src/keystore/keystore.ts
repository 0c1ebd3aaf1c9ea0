/**
 * The node's keystore (issue 8, "Identity and keystore"): one JSON file holding, encrypted, the
 * operator's secp256k1 key (Ethereum: signs transactions and every peer message), the libp2p
 * Ed25519 peer key, and a random store secret (the store's encryption key is derived from it).
 *
 *   { version: 1, address, peerId,                      public, for display and a consistency check
 *     kdf: { name: 'scrypt', N, r, p, dkLen: 32, salt }, parameters stored, bounded on read
 *     cipher: { name: 'aes-256-gcm' },
 *     ciphertext }                                      nonce ‖ AES-GCM(operatorKey ‖ peerSeed ‖ storeSecret) ‖ tag
 *
 * The AAD binds the public header (version, address, peerId, kdf), so altering any of them makes
 * the file unopenable. Nothing secret is ever written in clear.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import type { Ed25519PrivateKey } from '@libp2p/interface';
import { privateKeyToAddress } from 'viem/accounts';
import type { Address, Hex } from 'viem';
import { open, seal } from './aead.js';
import { KeystoreCorruptError, KeystoreError, KeystoreVersionError, WrongPasswordError } from './errors.js';

export const KEYSTORE_VERSION = 1;

export type ScryptParams = { readonly N: number; readonly r: number; readonly p: number };
/** Default work factor: N = 2^17, r = 8 (128 MiB, about a second). */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
/** Tests only: a cheap work factor. Never for an operator's keystore. */
export const INSECURE_TEST_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
/** Bounds checked on read, so a crafted file cannot make unlock allocate gigabytes. */
const SCRYPT_MIN_N = 2 ** 10;
const SCRYPT_MAX_MEMORY = 512 * 1024 * 1024;

const SECRET_BYTES = 32 * 3;

/** The unlocked keys. Keep in memory only; never log. */
export type NodeKeys = {
  /** secp256k1 private key as viem takes it (`privateKeyToAccount`). */
  readonly operatorKey: Hex;
  readonly operatorAddress: Address;
  /** libp2p peer key (`createLibp2p({ privateKey })`). */
  readonly peerKey: Ed25519PrivateKey;
  readonly peerId: string;
  /** Input of `deriveStoreKey`; not used directly. */
  readonly storeSecret: Uint8Array;
};

type KeystoreFile = {
  version: number;
  address: string;
  peerId: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; dkLen: 32; salt: string };
  cipher: { name: 'aes-256-gcm' };
  ciphertext: string;
};

const aadOf = (f: Pick<KeystoreFile, 'version' | 'address' | 'peerId' | 'kdf'>) =>
  new TextEncoder().encode(JSON.stringify([f.version, f.address, f.peerId, f.kdf]));

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) throw new KeystoreError('The keystore password must not be empty');
}

async function deriveFileKey(password: string, kdf: KeystoreFile['kdf']): Promise<Uint8Array> {
  return scryptAsync(password.normalize('NFKC'), hexToBytes(kdf.salt), { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: 32 });
}

async function keysFromSecrets(secrets: Uint8Array): Promise<NodeKeys> {
  const operatorKey = `0x${bytesToHex(secrets.subarray(0, 32))}` as Hex;
  const peerKey = await generateKeyPairFromSeed('Ed25519', secrets.slice(32, 64));
  return {
    operatorKey,
    operatorAddress: privateKeyToAddress(operatorKey),
    peerKey,
    peerId: peerIdFromPrivateKey(peerKey).toString(),
    storeSecret: secrets.slice(64, 96),
  };
}

export type CreateKeystoreOptions = { readonly scrypt?: ScryptParams };

/** New random keys (CSPRNG) and their encrypted keystore JSON. */
export async function createKeystore(password: string, options: CreateKeystoreOptions = {}): Promise<{ json: string; keys: NodeKeys }> {
  checkPassword(password);
  const { N, r, p } = options.scrypt ?? DEFAULT_SCRYPT;
  const secrets = new Uint8Array(SECRET_BYTES);
  secrets.set(secp256k1.utils.randomSecretKey(), 0);
  secrets.set(randomBytes(32), 32);
  secrets.set(randomBytes(32), 64);
  const keys = await keysFromSecrets(secrets);
  const kdf: KeystoreFile['kdf'] = { name: 'scrypt', N, r, p, dkLen: 32, salt: bytesToHex(randomBytes(32)) };
  checkKdf(kdf);
  const head = { version: KEYSTORE_VERSION, address: keys.operatorAddress, peerId: keys.peerId, kdf };
  const fileKey = await deriveFileKey(password, kdf);
  const file: KeystoreFile = { ...head, cipher: { name: 'aes-256-gcm' }, ciphertext: bytesToHex(seal(fileKey, secrets, aadOf(head))) };
  fileKey.fill(0);
  secrets.fill(0);
  return { json: `${JSON.stringify(file, null, 2)}\n`, keys };
}

/** Create a keystore file (mode 0600); refuses to overwrite an existing file. */
export async function createKeystoreFile(path: string, password: string, options: CreateKeystoreOptions = {}): Promise<NodeKeys> {
  const { json, keys } = await createKeystore(password, options);
  try {
    await writeFile(path, json, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    throw new KeystoreError('Cannot create the keystore file', { details: path, cause: e });
  }
  return keys;
}

function checkKdf(kdf: KeystoreFile['kdf']): void {
  const { N, r, p } = kdf;
  const int = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
  if (!int(N, SCRYPT_MIN_N, 2 ** 22) || (N & (N - 1)) !== 0 || !int(r, 1, 32) || !int(p, 1, 16) || 128 * N * r > SCRYPT_MAX_MEMORY) {
    throw new KeystoreCorruptError('Keystore scrypt parameters out of range', { details: `N=${N} r=${r} p=${p}` });
  }
  if (!/^[0-9a-f]{32,128}$/.test(kdf.salt) || kdf.salt.length % 2 !== 0) throw new KeystoreCorruptError('Keystore salt is malformed');
}

function parseFile(json: string): KeystoreFile {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    throw new KeystoreCorruptError('Keystore is not valid JSON', { cause: e });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new KeystoreCorruptError('Keystore is not a JSON object');
  const f = v as Record<string, unknown>;
  if (f.version !== KEYSTORE_VERSION) {
    throw new KeystoreVersionError('Unsupported keystore version', { details: `version ${JSON.stringify(f.version)}, supported ${KEYSTORE_VERSION}` });
  }
  const kdf = f.kdf as Record<string, unknown> | undefined;
  const cipher = f.cipher as Record<string, unknown> | undefined;
  if (typeof f.address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(f.address)) throw new KeystoreCorruptError('Keystore field "address" is malformed');
  if (typeof f.peerId !== 'string' || f.peerId.length === 0 || f.peerId.length > 128) throw new KeystoreCorruptError('Keystore field "peerId" is malformed');
  if (typeof kdf !== 'object' || kdf === null || kdf.name !== 'scrypt' || kdf.dkLen !== 32 || typeof kdf.salt !== 'string') {
    throw new KeystoreCorruptError('Keystore field "kdf" is malformed', { details: 'expected scrypt with dkLen 32 and a hex salt' });
  }
  if (typeof cipher !== 'object' || cipher === null || cipher.name !== 'aes-256-gcm') throw new KeystoreCorruptError('Keystore field "cipher" is malformed');
  const ctHexLen = 2 * (12 + SECRET_BYTES + 16);
  if (typeof f.ciphertext !== 'string' || f.ciphertext.length !== ctHexLen || !/^[0-9a-f]+$/.test(f.ciphertext)) {
    throw new KeystoreCorruptError('Keystore field "ciphertext" is malformed', { details: `expected ${ctHexLen} hex digits` });
  }
  const parsed: KeystoreFile = {
    version: KEYSTORE_VERSION,
    address: f.address,
    peerId: f.peerId,
    kdf: { name: 'scrypt', N: kdf.N as number, r: kdf.r as number, p: kdf.p as number, dkLen: 32, salt: kdf.salt },
    cipher: { name: 'aes-256-gcm' },
    ciphertext: f.ciphertext,
  };
  checkKdf(parsed.kdf);
  return parsed;
}

/** Open keystore JSON. Wrong password (or altered file) → WrongPasswordError; malformed → typed errors. */
export async function unlockKeystore(json: string, password: string): Promise<NodeKeys> {
  checkPassword(password);
  const file = parseFile(json);
  const fileKey = await deriveFileKey(password, file.kdf);
  const secrets = open(fileKey, hexToBytes(file.ciphertext), aadOf(file));
  fileKey.fill(0);
  if (!secrets) throw new WrongPasswordError('Wrong keystore password', { details: 'or the keystore file was altered' });
  try {
    if (!secp256k1.utils.isValidSecretKey(secrets.subarray(0, 32))) throw new KeystoreCorruptError('Keystore operator key is invalid');
    const keys = await keysFromSecrets(secrets);
    if (keys.operatorAddress.toLowerCase() !== file.address.toLowerCase() || keys.peerId !== file.peerId) {
      throw new KeystoreCorruptError('Keystore keys do not match its address / peer id');
    }
    return keys;
  } finally {
    secrets.fill(0);
  }
}

export async function unlockKeystoreFile(path: string, password: string): Promise<NodeKeys> {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (e) {
    throw new KeystoreError('Cannot read the keystore file', { details: path, cause: e });
  }
  return unlockKeystore(json, password);
}

/**
 * The store's 32-byte master key (spec: secrets at rest are encrypted under a key derived from
 * the keystore): HKDF-SHA256 of the keystore's random store secret, domain-separated.
 */
export function deriveStoreKey(keys: Pick<NodeKeys, 'storeSecret'>): Uint8Array {
  return hkdf(sha256, keys.storeSecret, new TextEncoder().encode('interfold/node'), new TextEncoder().encode('store-master-key/v1'), 32);
}
