/**
 * The ballot pages: create a poll (options, voters, voting window), vote (one-hot vector,
 * encrypted and its proof witness solved in this page, proved by the server, verified on chain),
 * follow the stages, read the tally.
 *
 * Which rules hold where: the input proof (well-formed encryption, bound to this E3 and the
 * voter's address) is checked on chain. The program the nodes run today is the network's `sum`:
 * every accepted ballot counts, and eligibility is checked by this page before encrypting. The
 * ballot program (allowlist root and one-hot proof checked on chain, each voter's last ballot
 * counted: apps/ballot, docs/apps/ballot.md) replaces it when the nodes run it.
 */
import { getAddress, isAddress } from 'viem';
import { devAccount } from '@interfold/contracts';
import type { BallotMeta } from '../src/server/polls.js';
import { cfg, currentAccount } from './app.js';
import { field, h, replace, statusRegions } from './dom.js';
import { requestAppE3, submitVector } from './flow.js';
import { renderApp } from './appIndex.js';
import { e3Panel, type Panel } from './e3panel.js';

let panel: Panel | undefined;

export async function renderBallot(main: HTMLElement, id: string | undefined): Promise<void> {
  panel?.stop();
  await renderApp<BallotMeta>(main, id, { kind: 'ballot', hash: '#/ballot', heading: 'Secret ballot', noun: 'poll', note, createForm, describe: (m) => m.options.join(' / '), renderOne: renderPoll });
}

function note(): HTMLElement {
  return h(
    'p',
    { class: 'note' },
    'Each ballot is encrypted in this page and its proof witness solved here; the local server makes the UltraHonk proof from that witness (bb.js in the browser accepts only the ceremony CRS, this network has a development CRS), and the chain verifies it. ',
    'The nodes run the network\u2019s sum program for now: every accepted ballot is counted and the voter list is checked by this page, not on chain.',
  );
}

function createForm(): HTMLElement {
  const s = statusRegions();
  const dev = cfg().dev;
  const title = h('input', { type: 'text', name: 'title', value: 'Lunch' });
  const options = h('textarea', { name: 'options', rows: 3, required: true }, 'pizza\nsalad\nsoup');
  const voters = h('textarea', { name: 'voters', rows: 4, required: true, class: 'mono' });
  if (dev) voters.value = dev.accounts.submitters.slice(0, 3).map((i) => devAccount(i).address).join('\n');
  const window = h('input', { type: 'number', name: 'window', min: 30, max: 86400, value: 600, required: true });
  const button = h('button', { type: 'submit' }, 'Create the poll');
  const form = h(
    'form',
    { 'aria-label': 'create a poll' },
    h('h2', {}, 'Create a poll'),
    field('Title', title),
    field('Options (one per line)', options),
    field('Voters (addresses, one per line)', voters),
    field('Voting window (seconds)', window, 'inputs open after the committee has published its key'),
    button,
    s.progress,
    s.error,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      button.disabled = true;
      s.say('starting…');
      try {
        const opts = options.value.split('\n').map((x) => x.trim()).filter(Boolean);
        const list = voters.value.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
        const bad = list.find((v) => !isAddress(v));
        if (bad) throw new Error(`not an address: ${bad}`);
        if (opts.length < 2) throw new Error('a poll needs at least two options');
        if (new Set(opts).size !== opts.length) throw new Error('options must be distinct');
        const r = await requestAppE3({ kind: 'ballot', title: title.value, options: opts, voters: list.map((v) => getAddress(v)) }, { input: BigInt(window.value) }, s.say);
        s.say(`poll created: E3 ${r.e3Id}`);
        location.hash = `#/ballot/${r.e3Id}`;
      } catch (e) {
        s.fail(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  return form;
}

function renderPoll(main: HTMLElement, meta: BallotMeta): void {
  const e3Id = BigInt(meta.e3Id);
  const s = statusRegions();
  const tally = h('section', { 'aria-label': 'tally', 'data-testid': 'tally' }, h('h2', {}, 'Tally'), h('p', { class: 'muted' }, 'Released once the committee has decrypted it.'));
  const choice = h('fieldset', {}, h('legend', {}, 'Your choice'), ...meta.options.map((o, i) => h('label', {}, h('input', { type: 'radio', name: 'choice', value: String(i), required: true, ...(i === 0 ? { checked: true } : {}) }), ` ${o}`)));
  const button = h('button', { type: 'submit' }, 'Encrypt, prove and vote');
  const form = h('form', { 'aria-label': 'vote' }, h('h2', {}, 'Vote'), choice, button, s.progress, s.error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      button.disabled = true;
      s.say('starting…');
      try {
        const me = currentAccount()?.address;
        if (!me) throw new Error('choose an account first');
        if (!meta.voters.some((v) => v.toLowerCase() === me.toLowerCase())) {
          throw new Error(`refused: ${me} is not on this poll's voter list\n(checked by this page before encrypting; see the note above)`);
        }
        const picked = (form.querySelector('input[name=choice]:checked') as HTMLInputElement | null)?.value;
        if (picked === undefined) throw new Error('choose an option');
        const vector = meta.options.map((_, i) => (String(i) === picked ? 1n : 0n));
        const r = await submitVector(e3Id, vector, s.say);
        s.say(`ballot accepted on chain: input #${r.index}, tx ${r.txHash}, ${r.gasUsed} gas`);
      } catch (e) {
        s.fail(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  panel = e3Panel(e3Id, (words) => {
    const counts = meta.options.map((_, i) => words[i] ?? 0n);
    const extra = words.slice(meta.options.length).some((w) => w !== 0n);
    replace(
      tally,
      h('h2', {}, 'Tally'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'option'), h('th', {}, 'votes'))), h('tbody', {}, ...meta.options.map((o, i) => h('tr', { 'data-option': o }, h('td', {}, o), h('td', { 'data-testid': `tally-${o}` }, counts[i]!.toString()))))),
      h('p', { class: 'muted' }, `Total ${counts.reduce((a, b) => a + b, 0n)} ballot(s); the plaintext's hash matches what the chain verified at decryption.`),
      extra ? h('p', { role: 'alert' }, 'The plaintext has values past the options: a malformed ballot was counted.') : null,
    );
  });
  replace(
    main,
    h('h1', {}, meta.title || 'Poll'),
    h('p', {}, h('a', { href: '#/ballot' }, '← all polls')),
    note(),
    h('section', { 'aria-label': 'poll' }, h('h2', {}, 'Poll'), h('p', {}, `Options: ${meta.options.join(', ')}`), h('details', {}, h('summary', {}, `${meta.voters.length} voter(s)`), h('ul', { class: 'mono' }, ...meta.voters.map((v) => h('li', {}, v))))),
    panel.element,
    h('section', {}, form),
    tally,
  );
}
