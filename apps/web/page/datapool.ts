/**
 * The data-pool pages: create a pool (diseases, minimum contributors, window), submit a week's
 * counts as one encrypted vector, follow the stages, read the per-disease sums.
 *
 * The pool is an E3 of the data-pool program (apps/datapool, docs/apps/datapool.md): requested
 * with DataPoolProgram and the input adapter of the pool's shape (diseases, count bound), the
 * minimum number of contributors fixed on chain by the requester (`configure`). Each contribution
 * is proved with the data-pool circuit (every count in [0, maxCount]); the chain refuses a second
 * contribution of the same hospital and any output below the minimum (the E3 then fails at its
 * compute deadline and the requester is refunded). This page's range check only saves a proof.
 */
import { dataPoolProgramAbi, Stage } from '@interfold/contracts';
import type { PoolMeta } from '../src/server/polls.js';
import { messageOf, messageScaling } from '../../../packages/circuits/src/programs/message.js';
import { cfg, client } from './app.js';
import { field, h, replace, statusRegions } from './dom.js';
import { prepareProgram, requestAppE3, submitVector, writeAsRequester } from './flow.js';
import { programProver } from './prover.js';
import { renderApp } from './appIndex.js';
import { e3Panel, type Panel } from './e3panel.js';

const hex = (x: bigint) => `0x${x.toString(16)}`;
let panel: Panel | undefined;

export async function renderPool(main: HTMLElement, id: string | undefined): Promise<void> {
  panel?.stop();
  await renderApp<PoolMeta>(main, id, { kind: 'datapool', hash: '#/datapool', heading: 'Confidential data pool', noun: 'pool', note, createForm, describe: (m) => m.diseases.join(', '), renderOne });
}

function note(): HTMLElement {
  return h(
    'p',
    { class: 'note' },
    'Counts are encrypted in this page and their proof witness solved here; the local server makes the UltraHonk proof from that witness and the chain verifies it. ',
    'The chain checks each contribution\u2019s range proof, takes one contribution per hospital, and accepts the sums only once the minimum number of distinct hospitals contributed; below it the E3 fails and the requester is refunded.',
  );
}

function createForm(): HTMLElement {
  const s = statusRegions();
  const title = h('input', { type: 'text', name: 'title', value: 'Week 48' });
  const diseases = h('textarea', { name: 'diseases', rows: 3, required: true }, 'influenza\nmeasles\nnorovirus');
  const min = h('input', { type: 'number', name: 'min', min: 1, max: 1000, value: 2, required: true });
  const window = h('input', { type: 'number', name: 'window', min: 30, max: 86400, value: 600, required: true });
  const button = h('button', { type: 'submit' }, 'Create the pool');
  const form = h('form', { 'aria-label': 'create a pool' }, h('h2', {}, 'Create a pool'), field('Title', title), field('Diseases (one per line)', diseases), field('Minimum distinct contributors', min), field('Submission window (seconds)', window), button, s.progress, s.error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      button.disabled = true;
      s.say('starting…');
      try {
        const list = diseases.value.split('\n').map((x) => x.trim()).filter(Boolean);
        if (list.length < 1) throw new Error('name at least one disease');
        if (new Set(list).size !== list.length) throw new Error('disease names must be distinct');
        const p = cfg().programs;
        const params = cfg().paramSets[0];
        if (!p || !params) throw new Error('this server runs no data-pool program (start it with `e3 dev --ui`)');
        const maxCount = p.poolMaxCount[params]!;
        const minimum = Number(min.value);
        if (!Number.isInteger(minimum) || minimum < 1 || minimum > p.poolMaxContributors) throw new Error(`the minimum must be a whole number in 1..${p.poolMaxContributors}`);
        const prepared = await prepareProgram(`datapool-${list.length}-${maxCount}`, s.say);
        const configure = (e3Id: bigint) => writeAsRequester({ address: prepared.program, abi: dataPoolProgramAbi, functionName: 'configure', args: [e3Id, minimum] });
        const r = await requestAppE3({ kind: 'datapool', title: title.value, diseases: list, minContributors: minimum, maxCount }, { input: BigInt(window.value) }, s.say, { prepared, configure });
        s.say(`pool created: E3 ${r.e3Id}`);
        location.hash = `#/datapool/${r.e3Id}`;
      } catch (e) {
        s.fail(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  return form;
}

/** Parses one count field: a whole number in [0, max] (the pool's bound; the circuit proves it). */
export function parseCount(name: string, raw: string, max: bigint): bigint {
  if (!/^[0-9]{1,12}$/.test(raw.trim())) throw new Error(`${name}: a whole number from 0 to ${max}`);
  const v = BigInt(raw.trim());
  if (v > max) throw new Error(`${name}: ${v} is out of range [0, ${max}]`);
  return v;
}

function renderOne(main: HTMLElement, meta: PoolMeta): void {
  const e3Id = BigInt(meta.e3Id);
  const s = statusRegions();
  const sums = h('section', { 'aria-label': 'sums', 'data-testid': 'sums' }, h('h2', {}, 'Sums'), h('p', { class: 'muted' }, 'Released once the committee has decrypted them.'));
  const maxCount = BigInt(meta.maxCount);
  const inputs = meta.diseases.map((d) => h('input', { type: 'number', name: d, min: 0, max: Number(maxCount), value: 0, required: true, 'data-disease': d }));
  const button = h('button', { type: 'submit' }, 'Encrypt, prove and submit');
  const form = h('form', { 'aria-label': 'submit counts', novalidate: true }, h('h2', {}, 'Submit this week\u2019s counts'), ...meta.diseases.map((d, i) => field(d, inputs[i]!)), button, s.progress, s.error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      button.disabled = true;
      s.say('starting…');
      try {
        const vector = meta.diseases.map((d, i) => parseCount(d, inputs[i]!.value, maxCount));
        const prover = (params: string) =>
          programProver(params, meta.circuit, (k1, layout) => {
            const { m, s: q } = messageOf(k1, meta.diseases.length, messageScaling(layout));
            return { m: m.map(hex), s: q.map(hex) };
          });
        const r = await submitVector(e3Id, vector, s.say, { inputAdapter: meta.inputAdapter, prover });
        s.say(`counts accepted on chain: input #${r.index}, tx ${r.txHash}, ${r.gasUsed} gas`);
      } catch (e) {
        s.fail(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  const showSums = (words: bigint[] | undefined, failed: string | undefined) =>
    void (async () => {
      // Counted by DataPoolProgram (one per hospital), the number its output gate compares with the minimum.
      const contributors = await client().publicClient.readContract({ address: meta.program, abi: dataPoolProgramAbi, functionName: 'contributors', args: [e3Id] });
      const enough = contributors >= meta.minContributors;
      replace(
        sums,
        h('h2', {}, 'Sums'),
        h('p', { 'data-testid': 'contributors', class: enough ? 'ok' : 'bad' }, `${contributors} distinct contributor(s) counted on chain; minimum ${meta.minContributors}`),
        words
          ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'disease'), h('th', {}, 'sum'))), h('tbody', {}, ...meta.diseases.map((d, i) => h('tr', {}, h('td', {}, d), h('td', { 'data-testid': `sum-${d}` }, (words[i] ?? 0n).toString())))))
          : h('p', { role: 'alert', 'data-testid': 'pool-failed' }, `No sums: the E3 failed (${failed}).${failed === 'ComputeTimeout' && !enough ? ' Fewer distinct contributors than the minimum: the chain refused any output, so nothing was decrypted; the requester is refunded the fee minus the committee\u2019s key-generation share.' : ''}`),
      );
    })();
  panel = e3Panel(
    e3Id,
    (words) => showSums(words, undefined),
    (e3) => {
      if (e3.stage === Stage.Failed) showSums(undefined, e3.failureName);
    },
  );
  replace(main, h('h1', {}, meta.title || 'Pool'), h('p', {}, h('a', { href: '#/datapool' }, '← all pools')), note(), h('section', { 'aria-label': 'pool' }, h('h2', {}, 'Pool'), h('p', {}, `Diseases: ${meta.diseases.join(', ')}; minimum ${meta.minContributors} contributors`)), panel.element, h('section', {}, form), sums);
}
