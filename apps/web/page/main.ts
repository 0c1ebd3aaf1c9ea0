/** The page entry: loads the server's configuration, renders the header's account picker and routes by hash (#/ballot, #/datapool, #/dashboard). */
import { loadConfig, renderAccountPicker } from './app.js';
import { renderBallot } from './ballot.js';
import { renderPool } from './datapool.js';
import { renderDashboard, stopDashboard } from './dashboard.js';
import { describeError, h, replace } from './dom.js';

const main = document.getElementById('main')!;

async function route(): Promise<void> {
  const [, page = 'dashboard', id] = location.hash.replace(/^#/, '').split('/');
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === `#/${page}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  stopDashboard();
  try {
    if (page === 'ballot') await renderBallot(main, id);
    else if (page === 'datapool') await renderPool(main, id);
    else renderDashboard(main);
  } catch (e) {
    replace(main, h('p', { role: 'alert' }, describeError(e)));
  }
  document.body.dataset.ready = page;
}

try {
  await loadConfig();
  renderAccountPicker(document.getElementById('account-slot')!);
  window.addEventListener('hashchange', () => void route());
  await route();
} catch (e) {
  replace(main, h('p', { role: 'alert' }, `The page could not start: ${describeError(e)}`));
}
