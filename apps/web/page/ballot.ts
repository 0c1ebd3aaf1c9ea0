/**
 * The ballot pages: create a poll (options, voters, voting window), vote (one-hot vector,
 * encrypted and its proof witness solved in this page, proved by the server, verified on chain),
 * follow the stages, read the tally.
 *
 * The poll is an E3 of the ballot program (apps/ballot, docs/apps/ballot.md): the page requests it
 * with BallotProgram and the input adapter of the poll's shape (options, allowlist depth), then,
 * as requester, fixes the allowlist's Poseidon2 Merkle root on chain (`configure`). A ballot is
 * proved with the ballot circuit: one-hot, and the voter (= the submitter) is a leaf under the
 * root the chain holds. The chain refuses any other ballot (with the adapter's reason); the nodes
 * count each voter's last accepted ballot. This page does not judge eligibility: an account not
 * on the list gets a proof against a list that includes it, which the chain refuses.
 */
import { getAddress, isAddress, type Address } from 'viem';
import { ballotProgramAbi, devAccount } from '@interfold/contracts';
import { allowlist, addressField, type Allowlist } from '../../../packages/circuits/src/programs/merkle.js';
import { messageOf, messageScaling } from '../../../packages/circuits/src/programs/message.js';
import type { BallotMeta } from '../src/server/polls.js';
import { cfg, client, currentAccount } from './app.js';
import { field, h, replace, statusRegions } from './dom.js';
import { prepareProgram, requestAppE3, submitVector, writeAsRequester } from './flow.js';
import { programProver } from './prover.js';
import { renderApp } from './appIndex.js';
import { e3Panel, type Panel } from './e3panel.js';

let panel: Panel | undefined;

const hex = (x: bigint) => `0x${x.toString(16)}`;
/** The smallest allowlist depth that holds `n` voters (apps/ballot config.ts). */
export const depthFor = (n: number): number => Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));

/**
 * The list a voter proves membership of: the poll's, or — for an account not on it — the poll's
 * with that account in its last slot (a valid proof of a different root: the chain refuses it).
 */
function listFor(voters: readonly Address[], depth: number, me: Address): { list: Allowlist; listed: boolean } {
  const listed = voters.some((v) => v.toLowerCase() === me.toLowerCase());
  if (listed) return { list: allowlist(voters, depth), listed };
  const claimed = voters.length < 2 ** depth ? [...voters, me] : [...voters.slice(0, -1), me];
  return { list: allowlist(claimed, depth), listed };
}

export async function renderBallot(main: HTMLElement, id: string | undefined): Promise<void> {
  panel?.stop();
  await renderApp<BallotMeta>(main, id, { kind: 'ballot', hash: '#/ballot', heading: 'Secret ballot', noun: 'poll', note, createForm, describe: (m) => m.options.join(' / '), renderOne: renderPoll });
}

function note(): HTMLElement {
  return h(
    'p',
    { class: 'note' },
    'Each ballot is encrypted in this page and its proof witness solved here; the local server makes the UltraHonk proof from that witness (bb.js in the browser accepts only the ceremony CRS, this network has a development CRS), and the chain verifies it. ',
    'The chain checks every ballot\u2019s proof: one option, and the voter is on the list fixed at request (its Merkle root is on chain). Voting again replaces your earlier ballot: the nodes count each voter\u2019s last accepted ballot.',
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
        const voterList = [...new Set(list.map((v) => getAddress(v)))];
        const depth = depthFor(voterList.length);
        const root = allowlist(voterList, depth).root;
        const prepared = await prepareProgram(`ballot-${opts.length}-${depth}`, s.say);
        const configure = (e3Id: bigint) => writeAsRequester({ address: prepared.program, abi: ballotProgramAbi, functionName: 'configure', args: [e3Id, `0x${root.toString(16).padStart(64, '0')}`] });
        const r = await requestAppE3({ kind: 'ballot', title: title.value, options: opts, voters: voterList, depth }, { input: BigInt(window.value) }, s.say, { prepared, configure });
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
        const picked = (form.querySelector('input[name=choice]:checked') as HTMLInputElement | null)?.value;
        if (picked === undefined) throw new Error('choose an option');
        const vector = meta.options.map((_, i) => (String(i) === picked ? 1n : 0n));
        const { list, listed } = listFor(meta.voters, meta.depth, me);
        if (listed) {
          // The list this page shows must be the one the chain fixed (the server's copy is not trusted).
          const onChain = await client().publicClient.readContract({ address: meta.program, abi: ballotProgramAbi, functionName: 'allowlistRoot', args: [e3Id] });
          if (BigInt(onChain) !== list.root) throw new Error(`the voter list shown here is not the one fixed on chain (root ${onChain})`);
        } else {
          s.say(`${me} is not on this poll's voter list: the ballot is proved against a list that includes it, and the chain (which holds the poll's root) decides…`);
        }
        const path = list.path(me);
        const prover = (params: string) =>
          programProver(params, meta.circuit, (k1, layout) => {
            const { m, s: q } = messageOf(k1, meta.options.length, messageScaling(layout));
            return { m: m.map(hex), s: q.map(hex), siblings: path.siblings.map(hex), index_bits: path.indexBits.map(hex), voter: hex(addressField(me)), allowlist_root: hex(list.root) };
          });
        const r = await submitVector(e3Id, vector, s.say, { inputAdapter: meta.inputAdapter, prover });
        s.say(`ballot accepted on chain: input #${r.index}, tx ${r.txHash}, ${r.gasUsed} gas (a later ballot of yours replaces this one)`);
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
