import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { privateKeyToAccount } from 'viem/accounts';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import {
  createKeystore,
  createKeystoreFile,
  deriveStoreKey,
  INSECURE_TEST_SCRYPT,
  KeystoreCorruptError,
  KeystoreError,
  KeystoreVersionError,
  PasswordSourceError,
  readPassword,
  unlockKeystore,
  unlockKeystoreFile,
  WrongPasswordError,
} from '../src/keystore/index.js';

const opts = { scrypt: INSECURE_TEST_SCRYPT };
const { json, keys } = await createKeystore('correct horse', opts);

/** Every encoding of `bytes` we can think of, to search a file for. */
function encodings(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  return [b.toString('hex'), b.toString('hex').toUpperCase(), b.toString('base64'), b.toString('base64url'), b.toString('latin1'), JSON.stringify([...b])];
}

describe('keystore', () => {
  it('create → unlock gives the same keys; the keys work', async () => {
    const k = await unlockKeystore(json, 'correct horse');
    assert.equal(k.operatorKey, keys.operatorKey);
    assert.equal(k.operatorAddress, privateKeyToAccount(k.operatorKey).address);
    assert.equal(k.peerId, peerIdFromPrivateKey(k.peerKey).toString());
    assert.deepEqual(k.peerKey.raw, keys.peerKey.raw);
    assert.deepEqual(deriveStoreKey(k), deriveStoreKey(keys));
    assert.equal(deriveStoreKey(k).length, 32);
    const sig = await k.peerKey.sign(new Uint8Array([1, 2, 3]));
    assert.ok(await k.peerKey.publicKey.verify(new Uint8Array([1, 2, 3]), sig));
    const file = JSON.parse(json);
    assert.equal(file.address, keys.operatorAddress);
    assert.equal(file.kdf.N, INSECURE_TEST_SCRYPT.N);
  });
  it('two keystores have different keys', async () => {
    const b = await createKeystore('correct horse', opts);
    assert.notEqual(b.keys.operatorKey, keys.operatorKey);
    assert.notEqual(b.keys.peerId, keys.peerId);
  });
  it('a wrong password is a WrongPasswordError', async () => {
    await assert.rejects(unlockKeystore(json, 'correct horsf'), WrongPasswordError);
    await assert.rejects(unlockKeystore(json, ''), KeystoreError);
  });
  it('no secret is in the file, in any encoding', () => {
    const secrets = [Buffer.from(keys.operatorKey.slice(2), 'hex'), keys.peerKey.raw.subarray(0, 32), keys.peerKey.raw, keys.storeSecret, deriveStoreKey(keys)];
    for (const s of secrets) for (const enc of encodings(s)) assert.ok(!json.includes(enc), `secret found as ${enc.slice(0, 12)}…`);
    assert.ok(!json.includes('correct horse'));
  });
  it('corrupt files are typed errors naming what is wrong', async () => {
    const f = JSON.parse(json);
    const variant = (patch: Record<string, unknown>) => JSON.stringify({ ...f, ...patch });
    await assert.rejects(unlockKeystore('{not json', 'x'), KeystoreCorruptError);
    await assert.rejects(unlockKeystore('[]', 'x'), KeystoreCorruptError);
    await assert.rejects(unlockKeystore(variant({ version: 2 }), 'x'), KeystoreVersionError);
    await assert.rejects(unlockKeystore(variant({ version: undefined }), 'x'), KeystoreVersionError);
    await assert.rejects(unlockKeystore(variant({ ciphertext: f.ciphertext.slice(2) }), 'x'), /"ciphertext" is malformed/);
    await assert.rejects(unlockKeystore(variant({ kdf: { ...f.kdf, name: 'pbkdf2' } }), 'x'), /"kdf" is malformed/);
    await assert.rejects(unlockKeystore(variant({ kdf: { ...f.kdf, N: 2 ** 30 } }), 'x'), /scrypt parameters out of range/);
    await assert.rejects(unlockKeystore(variant({ kdf: { ...f.kdf, N: 1000 } }), 'x'), /scrypt parameters out of range/);
    await assert.rejects(unlockKeystore(variant({ address: 'nope' }), 'x'), /"address" is malformed/);
    await assert.rejects(unlockKeystore(variant({ cipher: { name: 'aes-128-cbc' } }), 'x'), /"cipher" is malformed/);
  });
  it('an altered header or ciphertext does not open (authenticated)', async () => {
    const f = JSON.parse(json);
    const other = '0x' + '11'.repeat(20);
    await assert.rejects(unlockKeystore(JSON.stringify({ ...f, address: other }), 'correct horse'), WrongPasswordError);
    const ct = f.ciphertext.slice(0, 40) + (f.ciphertext[40] === '0' ? '1' : '0') + f.ciphertext.slice(41);
    await assert.rejects(unlockKeystore(JSON.stringify({ ...f, ciphertext: ct }), 'correct horse'), WrongPasswordError);
  });
  it('files: created 0600, never overwritten, unlocked from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-'));
    const path = join(dir, 'keystore.json');
    const k = await createKeystoreFile(path, 'pw', opts);
    await assert.rejects(createKeystoreFile(path, 'pw', opts), KeystoreError);
    assert.equal((await unlockKeystoreFile(path, 'pw')).operatorAddress, k.operatorAddress);
    const { stat } = await import('node:fs/promises');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    await assert.rejects(unlockKeystoreFile(join(dir, 'missing.json'), 'pw'), KeystoreError);
    assert.ok(!(await readFile(path, 'utf8')).includes(k.operatorKey.slice(2)));
  });
});

describe('password sources', () => {
  it('file (first line), env, and their errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-'));
    await writeFile(join(dir, 'pw'), 'secret line\nignored\n');
    await writeFile(join(dir, 'empty'), '\n');
    assert.equal(await readPassword({ kind: 'file', path: join(dir, 'pw') }), 'secret line');
    await assert.rejects(readPassword({ kind: 'file', path: join(dir, 'empty') }), PasswordSourceError);
    await assert.rejects(readPassword({ kind: 'file', path: join(dir, 'none') }), PasswordSourceError);
    assert.equal(await readPassword({ kind: 'env', name: 'PW' }, { env: { PW: 'from env' } }), 'from env');
    await assert.rejects(readPassword({ kind: 'env', name: 'PW' }, { env: {} }), PasswordSourceError);
  });
  it('prompt: raw mode, no echo, backspace; refused without a terminal', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, raw: false, setRawMode(this: { raw: boolean }, on: boolean) { this.raw = on; } });
    const out = new PassThrough();
    let written = '';
    out.on('data', (d) => (written += d));
    const p = readPassword({ kind: 'prompt' }, { stdin: stdin as unknown as NodeJS.ReadStream, stderr: out as unknown as NodeJS.WriteStream });
    stdin.write('hunter3\u007f2\r');
    assert.equal(await p, 'hunter2');
    assert.ok(!written.includes('hunter'), 'nothing echoed');
    assert.equal(stdin.raw, false);
    const notTty = Object.assign(new PassThrough(), { isTTY: false });
    await assert.rejects(readPassword({ kind: 'prompt' }, { stdin: notTty as unknown as NodeJS.ReadStream, stderr: out as unknown as NodeJS.WriteStream }), PasswordSourceError);
  });
});
