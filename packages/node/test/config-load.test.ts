import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, loadConfig } from '../src/config/index.js';

const PEER = '/ip4/127.0.0.1/tcp/9001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN';
const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
const file = async (o: unknown, name = 'c.json') => {
  const p = join(dir, name);
  await writeFile(p, typeof o === 'string' ? o : JSON.stringify(o));
  return p;
};

describe('config', () => {
  it('defaults', () => {
    const c = loadConfig({ env: {}, cwd: '/srv' });
    assert.equal(c.dataDir, '/srv/interfold-data');
    assert.equal(c.keystore, '/srv/interfold-data/keystore.json');
    assert.equal(c.deployment, '/srv/interfold-data/deployment.json');
    assert.deepEqual(c.password, { kind: 'prompt' });
    assert.equal(c.chainId, DEFAULTS.chainId);
    assert.deepEqual(c.listen, DEFAULTS.listen);
    assert.equal(c.wsUrl, undefined);
    assert.equal(c.zk.production, false);
    assert.equal(c.zk.cacheDir, undefined, 'the circuits’ shared cache: one compile per machine');
    assert.equal(c.proofs, true, 'proofs are on unless turned off');
    assert.ok(Object.isFrozen(c));
  });
  it('proofs: off only when asked (file, env, --proofs false, --no-proofs); a bad value is a ConfigError', async () => {
    assert.equal(loadConfig({ file: await file({ proofs: false }, 'p.json'), env: {} }).proofs, false);
    assert.equal(loadConfig({ env: { INTERFOLD_PROOFS: '0' } }).proofs, false);
    assert.equal(loadConfig({ env: {}, argv: ['--proofs', 'false'] }).proofs, false);
    assert.equal(loadConfig({ env: {}, argv: ['--no-proofs'] }).proofs, false);
    assert.equal(loadConfig({ env: { INTERFOLD_PROOFS: '0' }, argv: ['--proofs'] }).proofs, true);
    assert.throws(() => loadConfig({ env: { INTERFOLD_PROOFS: 'off' } }), (e: unknown) => e instanceof ConfigError && e.field === 'proofs');
  });
  it('precedence: flags > env > file > defaults; file paths relative to the file', async () => {
    const f = await file({ dataDir: 'data', chainId: 5, httpPort: 1000, logLevel: 'debug', timeouts: { dkg: 5000 }, zk: { production: true }, password: { file: 'pw.txt' } });
    const env = { INTERFOLD_CHAIN_ID: '6', INTERFOLD_HTTP_PORT: '2000' };
    const c = loadConfig({ file: f, env, argv: ['--http-port', '3000'], cwd: '/cwd' });
    assert.equal(c.dataDir, join(dir, 'data'));
    assert.equal(c.chainId, 6);
    assert.equal(c.httpPort, 3000);
    assert.equal(c.logLevel, 'debug');
    assert.equal(c.timeouts.dkg, 5000);
    assert.equal(c.timeouts.sync, DEFAULTS.timeouts.sync);
    assert.equal(c.zk.production, true);
    assert.deepEqual(c.password, { kind: 'file', path: join(dir, 'pw.txt') });
    const c2 = loadConfig({ argv: [`--config=${f}`, '--zk-production', 'false', '--password-env', 'PW'], env: { INTERFOLD_PASSWORD_FILE: '/x' } });
    assert.equal(c2.zk.production, false);
    assert.deepEqual(c2.password, { kind: 'env', name: 'PW' });
    const c3 = loadConfig({ env: { INTERFOLD_CONFIG: f, INTERFOLD_PASSWORD_FILE: 'p', INTERFOLD_ZK_PRODUCTION: '0' }, cwd: '/w' });
    assert.deepEqual(c3.password, { kind: 'file', path: '/w/p' });
    assert.equal(c3.chainId, 5);
    assert.equal(c3.zk.production, false);
  });
  it('lists: repeated flags, comma-separated env, arrays in the file', async () => {
    const c = loadConfig({ argv: ['--listen', '/ip4/127.0.0.1/tcp/1', '--listen=/ip4/127.0.0.1/tcp/2', '--bootstrap', PEER], env: {} });
    assert.deepEqual(c.listen, ['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2']);
    assert.deepEqual(c.bootstrap, [PEER]);
    assert.deepEqual(loadConfig({ env: { INTERFOLD_LISTEN: '/ip4/1.2.3.4/tcp/1, /ip4/1.2.3.4/tcp/2' } }).listen.length, 2);
    assert.deepEqual(loadConfig({ file: await file({ bootstrap: [PEER] }, 'b.json'), env: {} }).bootstrap, [PEER]);
  });
  const bad: [string, Parameters<typeof loadConfig>[0], string][] = [
    ['rpcUrl', { argv: ['--rpc-url', 'ftp://x'] }, 'http'],
    ['rpcUrl', { env: { INTERFOLD_RPC_URL: 'not a url' } }, 'not a URL'],
    ['wsUrl', { argv: ['--ws-url', 'http://x'] }, 'ws'],
    ['chainId', { env: { INTERFOLD_CHAIN_ID: '0' } }, 'in \\[1'],
    ['chainId', { env: { INTERFOLD_CHAIN_ID: '1.5' } }, 'integer'],
    ['httpPort', { argv: ['--http-port', '70000'] }, '65535'],
    ['logLevel', { argv: ['--log-level', 'loud'] }, 'one of'],
    ['reorgDepth', { env: { INTERFOLD_REORG_DEPTH: '-1' } }, 'in \\['],
    ['confirmations', { argv: ['--confirmations', '20', '--reorg-depth', '10'] }, 'exceed'],
    ['timeouts.dkg', { env: { INTERFOLD_TIMEOUT_DKG: '0' } }, 'in \\['],
    ['timeouts.sync', { argv: ['--timeout-sync', 'soon'] }, 'integer'],
    ['zk.production', { env: { INTERFOLD_ZK_PRODUCTION: 'yes' } }, 'true or false'],
    ['listen', { argv: ['--listen', '/ip4/999.1.1.1/tcp/1'] }, 'invalid multiaddr'],
    ['listen', { env: { INTERFOLD_LISTEN: ',' } }, 'at least one'],
    ['bootstrap', { argv: ['--bootstrap', '/ip4/127.0.0.1/tcp/1'] }, '/p2p/'],
    ['dataDir', { env: { INTERFOLD_DATA_DIR: '' } }, 'non-empty'],
    ['password', { argv: ['--password-file', 'a', '--password-prompt'] }, 'one of'],
    ['password', { env: { INTERFOLD_PASSWORD_FILE: 'a', INTERFOLD_PASSWORD_ENV: 'B' } }, 'only one'],
    ['nope', { argv: ['--nope', '1'] }, 'unknown flag'],
    ['stray', { argv: ['stray'] }, 'unexpected argument'],
    ['chain-id', { argv: ['--chain-id'] }, 'needs a value'],
  ];
  for (const [field, opts, re] of bad) {
    it(`invalid ${field} → ConfigError naming it`, () => {
      assert.throws(
        () => loadConfig({ env: {}, ...opts }),
        (e: unknown) => e instanceof ConfigError && e.field === field && new RegExp(re).test(e.message),
      );
    });
  }
  it('file errors: unreadable, not JSON, not an object, unknown field, wrong type, bad password', async () => {
    let n = 0;
    const expect = async (content: unknown, field: string, re: RegExp) => {
      const f = await file(content, `e${++n}.json`);
      assert.throws(() => loadConfig({ file: f, env: {} }), (e: unknown) => e instanceof ConfigError && e.field === field && re.test(e.message) && e.message.includes('from file'));
    };
    assert.throws(() => loadConfig({ file: join(dir, 'missing.json'), env: {} }), (e: unknown) => e instanceof ConfigError && e.field === 'config');
    await expect('{oops', 'config', /not valid JSON/);
    await expect('[1]', 'config', /JSON object/);
    await expect({ chainid: 1 }, 'chainid', /unknown field/);
    await expect({ timeouts: { dgk: 1 } }, 'timeouts.dgk', /unknown field/);
    await expect({ chainId: '5' }, 'chainId', /integer/);
    await expect({ zk: { production: 'true' } }, 'zk.production', /true or false/);
    await expect({ listen: '/ip4/1.1.1.1/tcp/1' }, 'listen', /list/);
    await expect({ password: { file: 'a', env: 'B' } }, 'password', /prompt/);
  });
});
