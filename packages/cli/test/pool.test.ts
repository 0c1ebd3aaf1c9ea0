import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mapConcurrent } from '../src/dev/pool.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

test('mapConcurrent: results in input order, never more than `limit` in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (x, i) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    for (let k = 0; k < x; k++) await tick();
    inFlight--;
    return x * 10 + i;
  });
  assert.deepEqual(out, [50, 11, 42, 23, 34]);
  assert.equal(peak, 2);
  assert.deepEqual(await mapConcurrent([], 3, async () => 1), []);
});

test('mapConcurrent: the first failure rejects, and no new item starts after it', async () => {
  const started: number[] = [];
  await assert.rejects(
    mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (x) => {
      started.push(x);
      await tick();
      if (x === 1) throw new Error('proof failed');
      for (let k = 0; k < 3; k++) await tick();
      return x;
    }),
    /proof failed/,
  );
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(started, [0, 1]);
});
