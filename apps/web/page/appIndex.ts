/** The page of one app (ballot or data pool): its E3 by id, or its index (note, create form, list of its E3s). */
import type { AppMeta } from '../src/server/polls.js';
import { h, replace } from './dom.js';
import { appMetas } from './flow.js';

export type AppPage<M extends AppMeta> = {
  kind: M['kind'];
  /** Route prefix, e.g. '#/ballot'. */
  hash: string;
  heading: string;
  /** What one E3 of the app is called ('poll', 'pool'). */
  noun: string;
  note(): HTMLElement;
  createForm(): HTMLElement;
  describe(m: M): string;
  renderOne(main: HTMLElement, m: M): void;
};

export async function renderApp<M extends AppMeta>(main: HTMLElement, id: string | undefined, app: AppPage<M>): Promise<void> {
  const metas = (await appMetas()).filter((m): m is M => m.kind === app.kind);
  if (id !== undefined) {
    const meta = metas.find((m) => m.e3Id === id);
    if (meta) return app.renderOne(main, meta);
    return replace(main, h('h1', {}, app.heading), h('p', { role: 'alert' }, `No ${app.noun} with E3 id ${id} on this server.`), h('a', { href: app.hash }, `All ${app.noun}s`));
  }
  replace(
    main,
    h('h1', {}, app.heading),
    app.note(),
    h('section', {}, app.createForm()),
    h(
      'section',
      { 'aria-label': `${app.noun}s` },
      h('h2', {}, `${app.noun[0]!.toUpperCase()}${app.noun.slice(1)}s`),
      metas.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('ul', {}, ...metas.map((m) => h('li', {}, h('a', { href: `${app.hash}/${m.e3Id}` }, `${m.title || app.noun} (E3 ${m.e3Id}): ${app.describe(m)}`)))),
    ),
  );
}
