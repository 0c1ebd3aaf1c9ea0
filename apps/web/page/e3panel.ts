/**
 * One E3 followed live (polls the chain every second): its stage, its windows in chain time, and
 * — on a dev network — buttons that move the chain clock to the input window's opening or past its
 * close, as `e3 dev` does (otherwise the page waits for real time). Calls `onResult` once with the
 * verified plaintext words when the E3 completes.
 */
import { Stage } from '@interfold/contracts';
import type { E3View } from '@interfold/sdk';
import { cfg, client } from './app.js';
import { describeError, h, replace } from './dom.js';
import { fmtTime, warpTo } from './flow.js';

const STAGES = ['Requested', 'CommitteeFinalized', 'KeyPublished', 'CiphertextReady', 'Complete'] as const;
const LABEL: Record<(typeof STAGES)[number], string> = {
  Requested: 'requested',
  CommitteeFinalized: 'committee chosen',
  KeyPublished: 'key published: inputs',
  CiphertextReady: 'computed',
  Complete: 'decrypted, verified',
};

export type Panel = { element: HTMLElement; stop(): void; view(): E3View | undefined; now(): bigint };

export function e3Panel(e3Id: bigint, onResult: (words: bigint[], e3: E3View) => void, onUpdate?: (e3: E3View) => void): Panel {
  const stage = h('ol', { class: 'timeline', 'data-testid': 'stages', 'aria-label': 'stages' });
  const windows = h('p', { class: 'muted' });
  const status = h('p', { 'aria-live': 'polite', 'data-testid': 'stage' });
  const err = h('div', { role: 'alert' });
  const open = h('button', { type: 'button', hidden: true, 'data-testid': 'open-inputs' }, 'Open the input window now (dev chain)');
  const close = h('button', { type: 'button', hidden: true, 'data-testid': 'close-inputs' }, 'Close the input window now (dev chain)');
  const element = h('section', { 'aria-label': `E3 ${e3Id}` }, h('h2', {}, `E3 ${e3Id}: stages`), status, stage, windows, open, close, err);
  let last: E3View | undefined;
  let now = 0n;
  let done = false;
  let stopped = false;
  const warp = async (to: bigint) => {
    try {
      await warpTo(to);
      await tick();
    } catch (e) {
      err.textContent = describeError(e);
    }
  };
  open.addEventListener('click', () => last && void warp(last.schedule.inputStart));
  close.addEventListener('click', () => last && void warp(last.schedule.inputEnd + 1n));
  async function tick(): Promise<void> {
    const c = client();
    const [e3, block] = await Promise.all([c.getE3({ e3Id }), c.publicClient.getBlock()]);
    last = e3;
    now = block.timestamp;
    const s = e3.schedule;
    const failed = e3.stage === Stage.Failed;
    replace(stage, ...STAGES.map((n) => h('li', { class: e3.stage >= Stage[n] && !failed ? 'done' : '' }, `${LABEL[n]}${e3.stage >= Stage[n] && !failed ? ' ✓' : ''}`)));
    const inWindow = now >= s.inputStart && now <= s.inputEnd;
    status.textContent = failed ? `failed: ${e3.failureName}` : e3.stage === Stage.KeyPublished ? (now < s.inputStart ? 'key published; inputs open soon' : inWindow ? 'open for inputs' : 'input window closed; computing') : `stage: ${e3.stageName}`;
    status.className = failed ? 'bad' : '';
    windows.textContent = `inputs ${fmtTime(s.inputStart)} → ${fmtTime(s.inputEnd)} (chain time now ${fmtTime(now)})`;
    const dev = cfg().dev !== null;
    open.hidden = !(dev && e3.stage === Stage.KeyPublished && now < s.inputStart);
    close.hidden = !(dev && e3.stage === Stage.KeyPublished && now >= s.inputStart && now <= s.inputEnd);
    onUpdate?.(e3);
    if (e3.stage === Stage.Complete && !done) {
      done = true;
      const r = await c.getResult({ e3Id });
      onResult(r.words ?? [], e3);
    }
  }
  const loop = async () => {
    while (!stopped) {
      try {
        await tick();
        err.textContent = '';
      } catch (e) {
        err.textContent = describeError(e);
      }
      if (last && (last.stage === Stage.Complete || last.stage === Stage.Failed) && done === (last.stage === Stage.Complete)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void loop();
  return { element, stop: () => void (stopped = true), view: () => last, now: () => now };
}
