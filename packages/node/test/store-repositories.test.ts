import { describe, it, before, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  EquivocationRefusedError,
  NodeStore,
  StoreCorruptError,
  StoreVersionError,
  advanceCursor,
  rewindCursor,
  type ChainCursor,
} from '../src/store/index.js';

const masterKey = new Uint8Array(32).fill(7);
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
let dir: string;
let store: NodeStore;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-'));
  store = await NodeStore.open(dir, { masterKey });
});
after(() => store.close());

describe('event log', () => {
  it('appends in order, counts, iterates from an offset, per E3', async () => {
    for (let i = 0; i < 300; i++) assert.equal(await store.log.append(1n, Uint8Array.of(i & 0xff, i >> 8)), i);
    await store.log.append(2n, Uint8Array.of(9));
    assert.equal(await store.log.length(1n), 300);
    assert.equal(await store.log.length(2n), 1);
    assert.equal(await store.log.length(3n), 0);
    const tail = await store.log.read(1n, 255);
    assert.deepEqual(tail.map((e) => e.seq), Array.from({ length: 45 }, (_, i) => 255 + i));
    assert.deepEqual(tail[1].bytes, Uint8Array.of(0, 1)); // 256
    assert.equal((await store.log.read(1n, 0, 10)).length, 10);
  });
  it('concurrent appends get distinct consecutive sequence numbers', async () => {
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => store.log.append(5n, Uint8Array.of(i))));
    assert.deepEqual([...seqs].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  });
  it('large e3 ids (uint256) order and round trip', async () => {
    const big = (1n << 255n) + 12345n;
    await store.log.append(big, Uint8Array.of(1));
    assert.ok((await store.e3Ids()).includes(big));
  });
});

describe('snapshots and cursor', () => {
  it('snapshot: latest wins', async () => {
    assert.equal(await store.snapshots.get(1n), undefined);
    await store.snapshots.put(1n, { logLength: 3, bytes: Uint8Array.of(1) });
    await store.snapshots.put(1n, { logLength: 7, bytes: Uint8Array.of(2, 3) });
    assert.deepEqual(await store.snapshots.get(1n), { logLength: 7, bytes: Uint8Array.of(2, 3) });
  });
  it('chain cursor: advance keeps depth + 1 hashes, round trips, rewinds', async () => {
    let c: ChainCursor | undefined;
    for (let b = 100n; b < 110n; b++) c = advanceCursor(c, { block: b, hash: hash(Number(b)) }, 4);
    assert.ok(c);
    assert.equal(c.recent.length, 5);
    assert.throws(() => advanceCursor(c, { block: 200n, hash: hash(1) }, 4), RangeError);
    await store.cursor.put(c);
    assert.deepEqual(await store.cursor.get(), c);
    const r = rewindCursor(c, 107n);
    assert.equal(r.hash, hash(107));
    assert.deepEqual(r.recent.map((x) => x.block), [105n, 106n, 107n]);
    assert.throws(() => rewindCursor(c, 90n), RangeError);
  });
});

describe('sign-once', () => {
  it('first claim durable, same digest again ok, a different digest refused', async () => {
    const d1 = new Uint8Array(32).fill(1);
    const d2 = new Uint8Array(32).fill(2);
    assert.equal(await store.signOnce.claim(1n, 7n, d1), 'claimed');
    assert.equal(await store.signOnce.claim(1n, 7n, d1), 'same');
    await assert.rejects(store.signOnce.claim(1n, 7n, d2), EquivocationRefusedError);
    assert.equal(await store.signOnce.claim(1n, 8n, d2), 'claimed');
    assert.equal(await store.signOnce.claim(2n, 7n, d2), 'claimed');
    assert.deepEqual(await store.signOnce.get(1n, 7n), d1);
  });
  it('concurrent different claims: exactly one wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.signOnce.claim(3n, 1n, new Uint8Array(32).fill(i + 1))));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof EquivocationRefusedError));
  });
});

describe('secrets', () => {
  it('round trip; wrong master key cannot read; survives reopen', async () => {
    await store.secrets.put(4n, 'skShare', Uint8Array.of(1, 2, 3));
    assert.deepEqual(await store.secrets.get(4n, 'skShare'), Uint8Array.of(1, 2, 3));
    assert.equal(await store.secrets.get(4n, 'none'), undefined);
    assert.deepEqual(await store.secrets.names(4n), ['skShare']);
  });
});

describe('reopen, versions, corruption', () => {
  it('everything survives close/open; a wrong master key is a typed error on secrets', async () => {
    const d = await mkdtemp(join(tmpdir(), 'store-re-'));
    const s = await NodeStore.open(d, { masterKey });
    await s.log.append(9n, Uint8Array.of(1));
    await s.secrets.put(9n, 'x', Uint8Array.of(42));
    await s.signOnce.claim(9n, 1n, new Uint8Array(32));
    await s.close();
    const s2 = await NodeStore.open(d, { masterKey });
    assert.equal(await s2.log.append(9n, Uint8Array.of(2)), 1);
    assert.deepEqual(await s2.secrets.get(9n, 'x'), Uint8Array.of(42));
    await assert.rejects(s2.signOnce.claim(9n, 1n, new Uint8Array(32).fill(1)), EquivocationRefusedError);
    await s2.close();
    const s3 = await NodeStore.open(d, { masterKey: new Uint8Array(32).fill(8) });
    await assert.rejects(s3.secrets.get(9n, 'x'), StoreCorruptError);
    // tamper: a record of the wrong version / kind / length
    await s3.level.put(Uint8Array.of(0x03), Uint8Array.of(2, 3, 0));
    await assert.rejects(s3.cursor.get(), StoreVersionError);
    await s3.level.put(Uint8Array.of(0x03), Uint8Array.of(1, 2, 0));
    await assert.rejects(s3.cursor.get(), /Wrong record kind: expected chain cursor/);
    await s3.level.put(Uint8Array.of(0x03), Uint8Array.of(1, 3, 0));
    await assert.rejects(s3.cursor.get(), StoreCorruptError);
    // a gap in the log (seq 1 missing) and a log entry of the wrong kind
    const logKey = (seq: number) => Uint8Array.of(0x01, ...new Uint8Array(31), 9, 0, 0, 0, 0, 0, 0, 0, seq);
    await s3.level.put(logKey(3), Uint8Array.of(1, 1, 7));
    await assert.rejects(s3.log.read(9n), /Gap in the event log/);
    await s3.level.put(logKey(1), Uint8Array.of(1, 2, 7));
    await assert.rejects(s3.log.read(9n, 1), /Wrong record kind: expected event log/);
    await s3.level.put(Uint8Array.of(0x00, ...new TextEncoder().encode('schema')), Uint8Array.of(99));
    await s3.close();
    await assert.rejects(NodeStore.open(d, { masterKey }), StoreVersionError);
  });
});

describe('erasure (issue 8, "Ephemerality")', () => {
  it('eraseE3 / eraseSecrets remove the keys; the raw LevelDB files hold no secret byte and no usable key', async () => {
    const d = await mkdtemp(join(tmpdir(), 'store-erase-'));
    const s = await NodeStore.open(d, { masterKey });
    const secrets = Array.from({ length: 4 }, () => randomBytes(4096));
    for (const [i, sec] of secrets.entries()) await s.secrets.put(77n, `share${i}`, sec);
    await s.secrets.put(78n, 'keep', Uint8Array.of(5, 5, 5));
    await s.log.append(77n, randomBytes(64));
    await s.snapshots.put(77n, { logLength: 1, bytes: Uint8Array.of(1) });
    await s.signOnce.claim(77n, 1n, new Uint8Array(32).fill(3));
    // enough unrelated writes (8 MiB, above LevelDB's 4 MiB write buffer) that the secrets are
    // flushed into table files and compacted in the background, not only in the write-ahead log
    for (let i = 0; i < 40; i++) await s.log.append(1000n + BigInt(i % 7), randomBytes(512));
    for (let chunk = 0; chunk < 8; chunk++) {
      await s.level.batch(Array.from({ length: 256 }, (_, i) => ({ type: 'put' as const, key: Uint8Array.of(0x07, chunk, i), value: randomBytes(4096) })));
    }
    // and an E3 whose secrets are still only in the memtable / write-ahead log when erased
    const late = randomBytes(4096);
    await s.secrets.put(79n, 'late', late);
    const sealedDataKey = (await s.level.get(Uint8Array.of(0x06, ...new Uint8Array(31), 77)))!;
    assert.ok(sealedDataKey && sealedDataKey.length > 32);
    const sealedSecret = (await s.level.get(Uint8Array.of(0x05, ...new Uint8Array(31), 77, ...new TextEncoder().encode('share0'))))!;
    // eraseSecrets (what the daemon calls at Complete/Failed): secrets and data key go, the log stays
    await s.secrets.put(80n, 'skShare', randomBytes(256));
    await s.log.append(80n, Uint8Array.of(8));
    const sealed80 = [
      (await s.level.get(Uint8Array.of(0x06, ...new Uint8Array(31), 80)))!,
      (await s.level.get(Uint8Array.of(0x05, ...new Uint8Array(31), 80, ...new TextEncoder().encode('skShare'))))!,
    ];
    await s.eraseE3(77n);
    await s.eraseE3(79n);
    await s.eraseSecrets(80n);
    assert.equal(await s.log.length(80n), 1);
    assert.equal(await s.secrets.get(80n, 'skShare'), undefined);
    assert.ok(!(await s.e3Ids()).includes(77n));
    assert.equal(await s.secrets.get(77n, 'share0'), undefined);
    assert.equal(await s.log.length(77n), 0);
    assert.equal(await s.snapshots.get(77n), undefined);
    assert.deepEqual(await s.secrets.get(78n, 'keep'), Uint8Array.of(5, 5, 5));
    await s.close();
    // scan every file LevelDB left in the directory
    const files = await readdir(d);
    const blobs = await Promise.all(files.map((f) => readFile(join(d, f))));
    const needles = [...secrets.map((x) => x.subarray(100, 132)), late.subarray(0, 32), sealedDataKey.subarray(2), sealedSecret.subarray(2, 66), ...sealed80.map((v) => v.subarray(2, 40))];
    for (const [i, blob] of blobs.entries()) {
      for (const n of needles) assert.equal(blob.indexOf(Buffer.from(n)), -1, `found erased bytes in ${files[i]}`);
    }
  });
  it('secrets are never in clear at rest', async () => {
    const d = await mkdtemp(join(tmpdir(), 'store-clear-'));
    const s = await NodeStore.open(d, { masterKey });
    const sec = randomBytes(1024);
    await s.secrets.put(1n, 'sk', sec);
    await s.close();
    for (const f of await readdir(d)) assert.equal((await readFile(join(d, f))).indexOf(sec.subarray(0, 32)), -1, f);
  });
  it('eraseSecrets keeps the public log but shreds the data key', async () => {
    await store.secrets.put(6n, 'a', Uint8Array.of(1));
    await store.log.append(6n, Uint8Array.of(1));
    await store.eraseSecrets(6n);
    assert.equal(await store.secrets.get(6n, 'a'), undefined);
    assert.equal(await store.log.length(6n), 1);
    await store.secrets.put(6n, 'a', Uint8Array.of(2)); // a fresh data key
    assert.deepEqual(await store.secrets.get(6n, 'a'), Uint8Array.of(2));
  });
});
