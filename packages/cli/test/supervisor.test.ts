/** Process-group supervision: stopping a child kills its whole group, stubborn ones included. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { Supervisor } from '../src/dev/supervisor.js';
import { descendants, isAlive, until } from './helpers.js';

describe('Supervisor', () => {
  it('stop kills the child and its grandchildren (one process group)', async () => {
    const sup = new Supervisor();
    const s = sup.spawn({ name: 'tree', command: 'sh', args: ['-c', 'sleep 300 & sleep 300 & wait'] });
    assert.ok(await until(() => descendants(s.pid).length >= 2, 5000), 'grandchildren started');
    const tree = [s.pid, ...descendants(s.pid)];
    await sup.stopAll();
    assert.ok(await until(() => tree.every((p) => !isAlive(p)), 5000), `survivors: ${tree.filter(isAlive).join(' ')}`);
    assert.equal(sup.running.length, 0);
    sup.dispose();
  });

  it('a child that ignores SIGTERM is SIGKILLed after the grace period', async () => {
    const sup = new Supervisor();
    const s = sup.spawn({ name: 'stubborn', command: 'sh', args: ['-c', 'trap "" TERM; echo ready; while true; do sleep 0.1; done'], onLine: () => {} });
    await new Promise((r) => setTimeout(r, 300));
    await sup.stop(s, 300);
    assert.ok(await until(() => !isAlive(s.pid), 3000));
    assert.equal(await s.exited, 'SIGKILL');
    sup.dispose();
  });

  it('passes stdout lines to onLine and keeps the stderr tail', async () => {
    const sup = new Supervisor();
    const lines: string[] = [];
    const s = sup.spawn({ name: 'echo', command: 'sh', args: ['-c', 'echo one; echo two; echo oops >&2'], onLine: (l) => lines.push(l) });
    assert.equal(await s.exited, 0);
    assert.deepEqual(lines, ['one', 'two']);
    assert.equal(s.tail(), 'oops');
    sup.dispose();
  });
});
