/**
 * The web pages in headless Chromium (Debian's /usr/bin/chromium through playwright-core) against
 * a local network at INSECURE_N512 (test/network.ts: anvil, the real input verifier, the ballot
 * and data-pool programs registered, 3 ciphernode daemons running their modules, the pages'
 * server). Through the pages only (issue 13's scenario):
 *  - a poll is created (E3 of BallotProgram requested by the page, allowlist root fixed on chain);
 *    voter 10 votes `pizza` then again `salad` (only the last counts), voter 11 votes `salad`,
 *    voter 12 `pizza` (each ballot encrypted and its ballot-circuit witness solved in the page,
 *    proved by the server, verified on chain); an account not on the list is refused BY THE CHAIN,
 *    the adapter's reason shown;
 *  - a data pool is created (DataPoolProgram, minimum 2 fixed on chain), a count above the pool's
 *    bound is refused before proving, two hospitals submit;
 *  - the tally (pizza 1, salad 2, soup 0) and the sums are the right ones, read from the verified
 *    plaintext, and the dashboard lists both E3s as Complete, with committee, inputs and gas, and
 *    the three nodes healthy.
 * Seven proofs (five ballots, two contributions). A late ballot (InputWindowClosed) is not
 * repeated here: the contracts' tests cover the window.
 * Screenshots go to apps/web/test-artifacts/ (git-ignored).
 */
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startNetwork, type Network } from './network.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `skipped: ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)` : false;
// Generous waits (a loaded 2-core machine); nothing here asserts a duration.
const LONG = 240_000;

describe('web pages (ballot, data pool, dashboard) in headless Chromium, INSECURE_N512', { skip, timeout: 900_000 }, () => {
  let net: Network;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const logs: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'e3-web-'));
    net = await startNetwork(dir);
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => logs.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await net?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const account = (i: number) => page.selectOption('#account-select', String(i));
  const progress = (form: string) => page.locator(`form[aria-label="${form}"] [data-testid=progress]`);
  const error = (form: string) => page.locator(`form[aria-label="${form}"] [data-testid=error]`);
  const fail = (what: string) => `${what}\n${logs.join('\n')}\n${net.log.join('')}`;

  /** Waits for the key; opens the input window with the dev button unless chain time has already reached it. */
  async function openInputs(): Promise<void> {
    const button = page.getByTestId('open-inputs');
    const open = page.getByTestId('stage').filter({ hasText: 'open for inputs' });
    const stageText = async () => `stage shown: ${await page.getByTestId('stage').textContent()}`;
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { hidden?: boolean; textContent: string | null } | null } }).document;
      const b = d.querySelector('[data-testid=open-inputs]');
      return (b !== null && b.hidden === false) || (d.querySelector('[data-testid=stage]')?.textContent ?? '').includes('open for inputs');
    }, undefined, { timeout: LONG, polling: 500 }).catch(async (e: unknown) => {
      throw new Error(fail(`${await stageText()}: ${String(e)}`));
    });
    if (await button.isVisible()) await button.click();
    await open.waitFor({ timeout: LONG });
  }

  /** Waits until the E3's committee key is out (the page offers to open its input window, or it is open). */
  async function keyPublished(): Promise<void> {
    await page.getByTestId('stages').getByText('key published: inputs ✓').waitFor({ timeout: LONG }).catch(async (e: unknown) => {
      await shot('failed-key');
      throw new Error(fail(`${await page.getByTestId('stage').textContent()}: ${String(e)}`));
    });
  }

  async function vote(voter: number, option: string): Promise<void> {
    await account(voter);
    await page.getByLabel(option, { exact: true }).check();
    await page.getByRole('button', { name: 'Encrypt, prove and vote' }).click();
    await progress('vote').filter({ hasText: 'ballot accepted on chain' }).waitFor({ timeout: LONG }).catch(async (e: unknown) => {
      throw new Error(fail(`vote of ${voter}: ${await error('vote').textContent()} ${String(e)}`));
    });
  }

  it('creates a poll and a data pool; votes and counts go in through the pages; refusals show their reason; tally, sums and dashboard are right', async () => {
    // --- a poll: voters are dev accounts 10, 11, 12 (the form's default list on a dev network)
    await page.goto(`${net.url}/#/ballot`);
    await page.getByRole('button', { name: 'Create the poll' }).waitFor();
    await page.getByLabel('Title').fill('Lunch');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await page.waitForURL(/#\/ballot\/1$/, { timeout: LONG });
    const pollUrl = page.url();

    // --- a data pool, requested while the poll's committee forms
    await page.goto(`${net.url}/#/datapool`);
    await page.getByLabel('Minimum distinct contributors').fill('2');
    // A longer window than the poll's: closing the poll's window (a clock jump) leaves it open.
    await page.getByLabel('Submission window (seconds)').fill('3000');
    await page.getByRole('button', { name: 'Create the pool' }).click();
    await page.waitForURL(/#\/datapool\/2$/, { timeout: LONG });
    const poolUrl = page.url();

    // Both keys out before any window opens: opening the poll's window moves the chain clock,
    // which must not jump past the pool's DKG deadline.
    await page.goto(poolUrl);
    await keyPublished();

    // --- votes
    await page.goto(pollUrl);
    await keyPublished();
    await openInputs();
    await shot('ballot-open');
    await vote(10, 'pizza');
    await vote(11, 'salad');
    await vote(12, 'pizza');
    // Voter 10 changes their mind: the later ballot replaces the earlier one (the nodes count each voter's last).
    await vote(10, 'salad');
    // Not on the voter list: the page proves against a list that includes it; the chain (holding the root) refuses.
    await account(13);
    await page.getByRole('button', { name: 'Encrypt, prove and vote' }).click();
    await error('vote').filter({ hasText: 'rejected' }).waitFor({ timeout: LONG }).catch(async (e: unknown) => {
      throw new Error(fail(`ineligible voter: ${await progress('vote').textContent()} ${String(e)}`));
    });
    const refusal = (await error('vote').textContent()) ?? '';
    assert.match(refusal, /the chain rejected the input/);
    assert.match(refusal, /InputRejected\(1\)/);
    assert.match(refusal, /ProofRejected/);
    await shot('ballot-ineligible-refused-on-chain');
    // The poll closes (its window ends before the pool's).
    await page.getByTestId('close-inputs').click();
    await page.getByTestId('stage').filter({ hasText: /window closed|stage:/ }).waitFor({ timeout: LONG });

    // --- counts
    await page.goto(poolUrl);
    await openInputs();
    const submit = async (who: number, counts: Record<string, string>) => {
      await account(who);
      for (const [d, v] of Object.entries(counts)) await page.getByLabel(d, { exact: true }).fill(v);
      await page.getByRole('button', { name: 'Encrypt, prove and submit' }).click();
    };
    await submit(10, { influenza: '3', measles: '100001', norovirus: '0' });
    await error('submit counts').filter({ hasText: 'out of range' }).waitFor({ timeout: 30_000 });
    // (The pool's bound at INSECURE_N512 is 1228, (t − 1) / 10: ten contributors never wrap a sum mod t.)
    await submit(10, { influenza: '3', measles: '0', norovirus: '7' });
    await progress('submit counts').filter({ hasText: 'counts accepted on chain' }).waitFor({ timeout: LONG });
    await submit(11, { influenza: '1', measles: '2', norovirus: '0' });
    await progress('submit counts').filter({ hasText: 'counts accepted on chain' }).waitFor({ timeout: LONG });
    await page.getByTestId('close-inputs').click();
    await page.getByTestId('sums').getByTestId('contributors').waitFor({ timeout: LONG }).catch((e: unknown) => {
      throw new Error(fail(String(e)));
    });
    assert.equal(await page.getByTestId('sum-influenza').textContent(), '4');
    assert.equal(await page.getByTestId('sum-measles').textContent(), '2');
    assert.equal(await page.getByTestId('sum-norovirus').textContent(), '7');
    assert.match((await page.getByTestId('contributors').textContent()) ?? '', /^2 distinct contributor\(s\) counted on chain; minimum 2/);
    await shot('datapool-sums');

    await page.goto(pollUrl);
    await page.getByTestId('tally-salad').waitFor({ timeout: LONG }).catch((e: unknown) => {
      throw new Error(fail(String(e)));
    });
    assert.equal(await page.getByTestId('tally-pizza').textContent(), '1');
    assert.equal(await page.getByTestId('tally-salad').textContent(), '2');
    assert.equal(await page.getByTestId('tally-soup').textContent(), '0');
    await shot('ballot-tally');

    // --- the dashboard
    await page.goto(`${net.url}/#/dashboard`);
    const row = (id: number) => page.locator(`tr[data-e3="${id}"]`);
    for (const id of [1, 2]) {
      await row(id).getByTestId('e3-stage').filter({ hasText: 'Complete' }).waitFor({ timeout: LONG });
    }
    assert.match((await row(1).innerText()) ?? '', /committee of 3 finalised/);
    assert.match(await row(1).getByTestId('inputs-accepted').innerText(), /^4 accepted/);
    assert.match(await row(2).getByTestId('inputs-accepted').innerText(), /^2 accepted/);
    assert.match(await row(1).innerText(), /[1-9][0-9,]* gas/);
    await page.getByTestId('node-health').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.getByTestId('node-health').allInnerTexts(), ['healthy', 'healthy', 'healthy']);
    await shot('dashboard');
  });
});
