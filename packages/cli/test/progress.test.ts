/** The progress display: plain lines off a terminal, stage seconds for the report, live redraw on one. */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { Progress } from '../src/dev/progress.js';

class Sink extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(c: Buffer, _e: string, cb: () => void): void {
    this.text += c.toString();
    cb();
  }
}

const STAGES = [
  { key: 'a', label: 'alpha' },
  { key: 'b', label: 'beta' },
];

describe('Progress', () => {
  it('off a terminal: one plain line per change, no escape codes; seconds per finished stage', () => {
    let t = 0;
    const out = new Sink(false);
    const p = new Progress(STAGES, { out, now: () => t });
    p.start('a');
    t = 1500;
    p.note('a', '2/3 inputs');
    p.done('a', 'ok');
    p.start('b');
    t = 4000;
    p.fail('b', 'boom');
    p.stop();
    assert.ok(!out.text.includes('\x1b'), 'no ANSI escapes in plain mode');
    assert.deepEqual(out.text.trim().split('\n'), [
      '[   0.0s] alpha           started',
      '[   1.5s] alpha           2/3 inputs',
      '[   1.5s] alpha           done 1.5 s  ok',
      '[   1.5s] beta            started',
      '[   4.0s] beta            failed 2.5 s  boom',
    ]);
    assert.deepEqual(p.seconds(), { a: 1.5, b: 2.5 });
  });

  it('failRunning marks only the running stage', () => {
    const out = new Sink(false);
    const p = new Progress(STAGES, { out, now: () => 0 });
    p.start('a');
    p.failRunning('interrupted');
    assert.match(out.text, /alpha\s+failed 0\.0 s  interrupted/);
    assert.doesNotMatch(out.text, /beta/);
  });

  it('on a terminal: redraws the block in place', () => {
    const out = new Sink(true);
    const p = new Progress(STAGES, { out, now: () => 0 });
    p.start('a');
    p.done('a');
    p.stop();
    assert.ok(out.text.includes('\x1b[2A\x1b[0J'), 'moves up over the previous block and clears it');
    assert.match(out.text, /✔ alpha/);
  });
});
