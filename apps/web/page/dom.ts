/** A tiny DOM builder (no framework): `h('button', { onclick }, 'Vote')`. Text is always a text node (no HTML injection). */
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;
export type Child = Node | string | number | null | undefined | false | readonly Child[];

function append(el: Node, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) return void (c as readonly Child[]).forEach((x) => append(el, x));
  el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) append(el, c);
  return el;
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}

let fieldCount = 0;

/** A labelled field: the label's `for` points at the control. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${++fieldCount}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', {}, h('label', { for: id }, label), control, hint ? h('div', { id: hintId, class: 'muted' }, hint) : null);
}

/** A live region for progress (polite) and one for errors (role=alert). */
export function statusRegions(): { progress: HTMLElement; error: HTMLElement; say(msg: string): void; fail(e: unknown): void; clear(): void } {
  const progress = h('div', { class: 'progress', 'aria-live': 'polite', 'data-testid': 'progress' });
  const error = h('div', { role: 'alert', 'data-testid': 'error' });
  return {
    progress,
    error,
    say: (msg) => {
      error.textContent = '';
      progress.textContent = msg;
    },
    fail: (e) => {
      progress.textContent = '';
      error.textContent = describeError(e);
    },
    clear: () => {
      progress.textContent = '';
      error.textContent = '';
    },
  };
}

/** An error as the user should read it: the short message, then the contract error or details. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const x = e as Error & { shortMessage?: string; details?: string };
    const head = x.shortMessage ?? e.message.split('\n')[0];
    return x.details ? `${head}\n${x.details}` : head;
  }
  return String(e);
}
