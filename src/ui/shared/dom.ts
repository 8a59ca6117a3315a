// Tiny DOM helpers for the sidebars: elements from data (textContent only: user text never becomes HTML).
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;
type Child = Node | string | null | undefined | false;

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
};

export const clear = (el: Element): void => {
  while (el.firstChild) el.removeChild(el.firstChild);
};

/**
 * A new view: the page's content replaced, scrolled to the top, focus on its heading (a screen reader reads where it
 * is, not the whole page: only the status line is a live region).
 */
export const showView = (app: HTMLElement, ...children: Child[]): void => {
  clear(app);
  for (const c of children) if (c !== null && c !== undefined && c !== false) app.append(typeof c === 'string' ? document.createTextNode(c) : c);
  document.documentElement.scrollTop = 0;
  document.body.scrollTop = 0;
  const heading = app.querySelector<HTMLElement>('h1, h2');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
};

/**
 * The first load failed (no access, no connection): the reason is on the status line; the page says so instead of
 * «Загрузка…» forever (issue 18).
 */
export const unavailable = (app: HTMLElement): void =>
  showView(
    app,
    h('h1', {}, 'Панель недоступна'),
    h('p', { class: 'muted' }, 'Причина — в строке состояния выше. Если доступ нужен, обратитесь в организационно-методический сектор ИРО ПК.'),
  );

/**
 * Asks before a one-way action (issue 18): a dialog inside the sidebar saying what will happen and to whom, «Отмена»
 * focused, Escape cancels. Resolves true only on the confirming button.
 */
export const confirmAction = (title: string, details: readonly string[], yes: string): Promise<boolean> =>
  new Promise((resolve) => {
    const before = document.activeElement as HTMLElement | null;
    const titleId = `confirm-${++seq}`;
    const cancel = h('button', { type: 'button' }, 'Отмена');
    const ok = h('button', { type: 'button', class: 'action' }, yes);
    const box = h(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      h('p', { id: titleId }, h('strong', {}, title)),
      details.length
        ? h('ul', {}, ...details.slice(0, 30).map((d) => h('li', {}, d)), details.length > 30 ? h('li', {}, `… и ещё ${details.length - 30}`) : null)
        : null,
      h('div', { class: 'row' }, ok, cancel),
    );
    const close = (answer: boolean) => {
      box.remove();
      before?.focus();
      resolve(answer);
    };
    ok.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    box.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') close(false);
    });
    document.body.append(box);
    cancel.focus();
  });

let seq = 0;
/** A labelled field: every input has a <label for>, and an error line the server's field messages go into. */
export const field = (label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, name: string): HTMLElement => {
  const id = `f-${name}-${++seq}`;
  input.id = id;
  input.name = name;
  const error = h('div', { class: 'field-error', id: `${id}-error`, role: 'alert' });
  input.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), input, error);
};

export const showFieldErrors = (form: HTMLElement, errors: Record<string, string> = {}): void => {
  form.querySelectorAll<HTMLElement>('[data-field]').forEach((f) => {
    const e = f.querySelector('.field-error') as HTMLElement;
    e.textContent = errors[f.dataset.field as string] ?? '';
    f.classList.toggle('invalid', !!errors[f.dataset.field as string]);
  });
};

export const select = (options: Array<[string, string]>, value = ''): HTMLSelectElement => {
  const s = h('select');
  for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value }, label));
  return s;
};

/** Runs an action with the button disabled and the status line saying it is running, then what happened. */
/** The one status line of a sidebar: what is running, what happened, what went wrong — or nothing ('' clears it). */
export const say = (statusEl: HTMLElement, text: string, kind: 'busy' | 'ok' | 'error' | '' = ''): void => {
  statusEl.textContent = text;
  statusEl.className = kind ? `status ${kind}` : 'status';
};

export const busy = async <T>(button: HTMLButtonElement | null, statusEl: HTMLElement, running: string, fn: () => Promise<T>): Promise<T | undefined> => {
  if (button) button.disabled = true;
  say(statusEl, running, 'busy');
  try {
    return await fn();
  } catch (e) {
    say(statusEl, (e as Error).message, 'error');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
};

export const done = (statusEl: HTMLElement, text: string): void => say(statusEl, text, 'ok');

export const ruDate = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('.') : iso);

/** «Отметить всех» / «Снять все» above a list of people (issue 18: 25 ticks are not a job). */
export const checkAll = (boxes: readonly HTMLInputElement[], changed: () => void): HTMLElement => {
  const set = (on: boolean) => () => {
    for (const b of boxes) b.checked = on;
    changed();
  };
  return h(
    'div',
    { class: 'row' },
    h('button', { type: 'button', onClick: set(true) }, 'Отметить всех'),
    h('button', { type: 'button', onClick: set(false) }, 'Снять все'),
  );
};
