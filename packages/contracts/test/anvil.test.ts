import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { startAnvil, freePort, anvilBinary, AnvilError } from '../src/index.js';
import { existsSync } from 'node:fs';

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }) });
    return r.ok;
  } catch {
    return false;
  }
}

describe('anvil helper', () => {
  it('finds the npm-shipped binary', () => {
    assert.ok(existsSync(anvilBinary()));
  });

  it('starts on a random free port and is gone after stop()', async () => {
    const a = await startAnvil({ accounts: 2 });
    const b = await startAnvil({ accounts: 2 });
    try {
      assert.notEqual(a.port, b.port);
      assert.ok(await answers(a.rpcUrl));
      assert.ok(await answers(b.rpcUrl));
    } finally {
      await a.stop();
      await b.stop();
    }
    assert.equal(await answers(a.rpcUrl), false);
    assert.throws(() => process.kill(a.pid, 0)); // the process no longer exists
    await a.stop(); // idempotent
  });

  it('fails with AnvilError when the port is taken', async () => {
    const a = await startAnvil({ accounts: 1 });
    try {
      await assert.rejects(startAnvil({ port: a.port, startTimeoutMs: 3000 }), AnvilError);
    } finally {
      await a.stop();
    }
  });

  it('freePort returns a usable port number', async () => {
    const p = await freePort();
    assert.ok(Number.isInteger(p) && p > 0 && p < 65536);
  });
});
