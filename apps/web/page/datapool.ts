/**
 * The data-pool pages: create a pool (diseases, minimum contributors, window), submit a week's
 * counts as one encrypted vector (each count in [0, 10^5], checked by this page), follow the
 * stages, read the per-disease sums.
 *
 * Which rules hold where: the input proof is checked on chain (well-formed encryption bound to
 * this E3 and the submitter). The nodes run the network's `sum` program for now, so the count
 * range and the minimum number of distinct contributors are checked by this page, not enforced
 * on chain: the data-pool program (range proof, DataPoolProgram's minimum with a refund:
 * apps/datapool, docs/apps/datapool.md) replaces it when the nodes run it.
 */
import { e3OrchestratorAbi } from '@interfold/contracts';
import type { PoolMeta } from '../src/server/polls.js';
import { client } from './app.js';
import { field, h, replace, statusRegions } from './dom.js';
import { requestAppE3, submitVector } from './flow.js';
import { renderApp } from './appIndex.js';
import { e3Panel, type Panel } from './e3panel.js';

export const MAX_COUNT = 100_000n;
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
    'The nodes run the network\u2019s sum program for now: the [0, 100000] range and the minimum number of contributors are checked by this page, not on chain.',
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
        const r = await requestAppE3({ kind: 'datapool', title: title.value, diseases: list, minContributors: Number(min.value) }, { input: BigInt(window.value) }, s.say);
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

/** Parses one count field: a whole number in [0, 10^5]. */
export function parseCount(name: string, raw: string): bigint {
  if (!/^[0-9]{1,6}$/.test(raw.trim())) throw new Error(`${name}: a whole number from 0 to ${MAX_COUNT}`);
  const v = BigInt(raw.trim());
  if (v > MAX_COUNT) throw new Error(`${name}: ${v} is out of range [0, ${MAX_COUNT}]`);
  return v;
}

function renderOne(main: HTMLElement, meta: PoolMeta): void {
  const e3Id = BigInt(meta.e3Id);
  const s = statusRegions();
  const sums = h('section', { 'aria-label': 'sums', 'data-testid': 'sums' }, h('h2', {}, 'Sums'), h('p', { class: 'muted' }, 'Released once the committee has decrypted them.'));
  const inputs = meta.diseases.map((d) => h('input', { type: 'number', name: d, min: 0, max: Number(MAX_COUNT), value: 0, required: true, 'data-disease': d }));
  const button = h('button', { type: 'submit' }, 'Encrypt, prove and submit');
  const form = h('form', { 'aria-label': 'submit counts', novalidate: true }, h('h2', {}, 'Submit this week\u2019s counts'), ...meta.diseases.map((d, i) => field(d, inputs[i]!)), button, s.progress, s.error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      button.disabled = true;
      s.say('starting…');
      try {
        const vector = meta.diseases.map((d, i) => parseCount(d, inputs[i]!.value));
        const r = await submitVector(e3Id, vector, s.say);
        s.say(`counts accepted on chain: input #${r.index}, tx ${r.txHash}, ${r.gasUsed} gas`);
      } catch (e) {
        s.fail(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  panel = e3Panel(e3Id, (words) => {
    void (async () => {
      const logs = await client().publicClient.getContractEvents({
        address: client().deployment.contracts.orchestrator,
        abi: e3OrchestratorAbi,
        eventName: 'InputPublished',
        args: { e3Id },
        fromBlock: client().deployment.startBlock,
      });
      const contributors = new Set(logs.map((l) => String(l.args.sender).toLowerCase())).size;
      const enough = contributors >= meta.minContributors;
      replace(
        sums,
        h('h2', {}, 'Sums'),
        h('p', { 'data-testid': 'contributors', class: enough ? 'ok' : 'bad' }, `${contributors} distinct contributor(s); minimum ${meta.minContributors}${enough ? '' : ' — below the minimum: not shown'}`),
        enough
          ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'disease'), h('th', {}, 'sum'))), h('tbody', {}, ...meta.diseases.map((d, i) => h('tr', {}, h('td', {}, d), h('td', { 'data-testid': `sum-${d}` }, (words[i] ?? 0n).toString())))))
          : null,
      );
    })();
  });
  replace(main, h('h1', {}, meta.title || 'Pool'), h('p', {}, h('a', { href: '#/datapool' }, '← all pools')), note(), h('section', { 'aria-label': 'pool' }, h('h2', {}, 'Pool'), h('p', {}, `Diseases: ${meta.diseases.join(', ')}; minimum ${meta.minContributors} contributors`)), panel.element, h('section', {}, form), sums);
}
