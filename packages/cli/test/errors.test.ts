/**
 * Failures of the real `e3` process: each says what to do and exits with its own code
 * (2 usage, 3 network/RPC, 5 missing or malformed file).
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, deploymentToJson, freePort, startAnvil, type AnvilInstance, type Deployment } from '@interfold/contracts';
import { runCli, runInProcess } from './helpers.js';

const A = (i: number) => `0x${i.toString(16).padStart(40, '0')}` as const;

function fakeDeployment(chainId: number): Deployment {
  return {
    chainId,
    startBlock: 0n,
    deployer: A(1),
    treasury: A(2),
    contracts: {
      feeToken: A(3), bondToken: A(3), ticketToken: A(3), operatorRegistry: A(4), programRegistry: A(5),
      orchestrator: A(6), slashingManager: A(7), quorumVerifier: A(8),
    },
    config: DEFAULT_CONFIG,
  };
}

describe('e3 errors and exit codes', () => {
  let dir: string;
  let anvil: AnvilInstance;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e3-cli-'));
    writeFileSync(join(dir, 'mainnet.json'), deploymentToJson(fakeDeployment(1)));
    writeFileSync(join(dir, 'local.json'), deploymentToJson(fakeDeployment(31337)));
    writeFileSync(join(dir, 'broken.json'), '{"chainId": 31337, "contracts": {}}');
    anvil = await startAnvil();
  });
  after(async () => {
    await anvil.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('missing deployment file → exit 5, names the file and how to get one', async () => {
    const r = await runInProcess(['status', '--deployment', join(dir, 'nope.json')]);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /deployment file not found[\s\S]*nope\.json[\s\S]*--deployment/);
  });

  it('malformed deployment file → exit 5', async () => {
    const r = await runInProcess(['status', '--deployment', join(dir, 'broken.json')]);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /deployment JSON/);
  });

  it('RPC URL where nothing listens → exit 3, says to check --rpc-url (real process: the code reaches the shell)', async () => {
    const port = await freePort();
    const r = await runCli(['status', '--deployment', join(dir, 'local.json'), '--rpc-url', `http://127.0.0.1:${port}`]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /did not answer[\s\S]*--rpc-url/);
  });

  it('RPC URL of another chain → exit 3, names both chain ids', async () => {
    const r = await runInProcess(['status', '--deployment', join(dir, 'mainnet.json'), '--rpc-url', anvil.rpcUrl]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /another chain[\s\S]*chain 31337[\s\S]*chain 1\b/);
  });

  it('malformed URL and bad flags → exit 2', async () => {
    const url = await runInProcess(['status', '--deployment', join(dir, 'local.json'), '--rpc-url', 'not a url']);
    assert.equal(url.code, 2, url.stderr);
    assert.match(url.stderr, /--rpc-url is not a URL/);
    const flag = await runInProcess(['dev', '--inputs', '-3']);
    assert.equal(flag.code, 2, flag.stderr);
    assert.match(flag.stderr, /e3 dev --help/);
  });
});
