/**
 * The pages' server refuses what a page must not choose (apps/web/src/server programs.ts,
 * polls.ts): circuit shapes outside the bounds (each new shape is a compile and a verifier
 * deployment), a pool bound other than the server's, malformed descriptions; and `/api/prove`
 * refuses a circuit the server has not prepared before reading the witness. No chain, no proof.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseShape, poolMaxCount, shapeKey, AppPrograms } from '../src/server/programs.js';
import { parseMeta } from '../src/server/polls.js';
import { WebRequestError } from '../src/server/errors.js';

const P = 'INSECURE_N512';
const A = '0x00000000000000000000000000000000000000a1';

describe('apps/web server: program shapes and descriptions', () => {
  it('parses the shapes the pages ask for, and only those', () => {
    assert.deepEqual(parseShape(P, 'ballot-3-2'), { kind: 'ballot', options: 3, depth: 2 });
    const bound = poolMaxCount(P);
    assert.equal(bound, 1228n); // (t − 1) / 10 at t = 12289: ten contributors never wrap a sum
    assert.equal(poolMaxCount('PRODUCTION_N8192'), 100_000n);
    assert.equal(shapeKey(parseShape(P, `datapool-3-${bound}`)), `datapool-3-${bound}`);
    for (const bad of ['ballot-1-2', 'ballot-17-2', 'ballot-3-11', 'ballot-3-0', 'datapool-0-1228', 'datapool-33-1228', 'datapool-3-1000', 'auction-3-2', 'ballot-3-2/../x', '']) {
      assert.throws(() => parseShape(P, bad), WebRequestError, bad);
    }
  });

  it('serves and proves only prepared circuits; prepares only with a deployer', () => {
    const ids = { ballot: { programId: 1n, program: A, module: '' }, datapool: { programId: 2n, program: A, module: '' } } as const;
    const programs = new AppPrograms(ids, {} as never, undefined);
    assert.throws(() => programs.circuit(P, 'ballot-3-2'), /not prepared/);
    assert.throws(() => programs.prepare(P, 'ballot-3-2'), /cannot deploy/);
  });

  it('validates the apps\' descriptions, program references included', () => {
    const ballot = { kind: 'ballot', e3Id: '1', title: 'Lunch', options: ['a', 'b'], voters: [A], depth: 1, circuit: 'ballot-2-1', program: A, inputAdapter: A };
    assert.equal(parseMeta(ballot).kind, 'ballot');
    assert.throws(() => parseMeta({ ...ballot, circuit: 'datapool-2-1' }), WebRequestError);
    assert.throws(() => parseMeta({ ...ballot, inputAdapter: '0x12' }), WebRequestError);
    assert.throws(() => parseMeta({ ...ballot, voters: [A, '0x00000000000000000000000000000000000000a2', '0x00000000000000000000000000000000000000a3'], depth: 1 }), /depth/);
    const pool = { kind: 'datapool', e3Id: '2', title: 'W', diseases: ['flu'], minContributors: 2, maxCount: '1228', circuit: 'datapool-1-1228', program: A, inputAdapter: A };
    assert.equal(parseMeta(pool).kind, 'datapool');
    assert.throws(() => parseMeta({ ...pool, maxCount: '-1' }), WebRequestError);
  });
});
