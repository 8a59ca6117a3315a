// The access list with «Отозвать» and the grant form, shared by the head and sector sidebars.

import type { RpcApi } from '../../app/rpc-contract';
import { busy, clear, confirmAction, done, field, h, select } from './dom';
import { call } from './rpc-client';

type AccessList = RpcApi['getAccessList']['result'];

const ROLE_NAMES: Record<string, string> = { sector: 'Сектор', head: 'Начальник отдела', leader: 'Руководитель курсов', methodist: 'Методист территории' };

/** `show` draws a list: the one a grant or revoke returns (refreshed by the same execution). */
export const accessSection = (list: AccessList, statusEl: HTMLElement, show: (list: AccessList) => void): HTMLElement => {
  const isSector = list.role === 'sector';
  const rows = list.entries.map((e) =>
    h(
      'tr',
      {},
      h(
        'td',
        {},
        h('strong', {}, String(e.name || e.email)),
        h('br'),
        h(
          'span',
          { class: 'muted' },
          `${e.email} · ${ROLE_NAMES[String(e.role)] ?? e.role}${e.scope ? ` · ${e.role === 'methodist' ? (list.territories.find((t) => t.code === e.scope)?.name ?? e.scope) : e.scope}` : ''}`,
        ),
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': `Отозвать доступ ${e.email}`,
            onClick: (ev: Event) => void revokeOne(String(e.email), ev.currentTarget as HTMLButtonElement),
          },
          'отозвать',
        ),
      ),
    ),
  );
  const revokeOne = async (email: string, button: HTMLButtonElement) => {
    if (
      !(await confirmAction(
        `Отозвать доступ ${email}?`,
        ['Файлы банка закроются для него в течение 5 минут; запись останется на листе «Доступ» с «Активен» = нет.'],
        'Да, отозвать',
      ))
    )
      return;
    const r = await busy(button, statusEl, `Отзываю доступ ${email}…`, () => call('revokeAccess', { email }));
    if (!r) return;
    show(r.view);
    done(statusEl, `Доступ ${r.email} отозван. Файлы банка закроются для него в течение 5 минут.`);
  };
  const email = h('input', { type: 'email', autocomplete: 'off', maxlength: '200' });
  const name = h('input', { type: 'text', maxlength: '200' });
  const role = select(
    isSector ? (['leader', 'head', 'methodist', 'sector'] as const).map((r) => [r, ROLE_NAMES[r]] as [string, string]) : [['leader', ROLE_NAMES.leader]],
  );
  const scopeOptions = (): Array<[string, string]> =>
    role.value === 'methodist'
      ? list.territories.map((t) => [t.code, t.name])
      : role.value === 'sector'
        ? [['', '— весь банк —']]
        : list.subdivisions.map((s) => [s.code, `${s.code} — ${s.name}`]);
  const scope = select(scopeOptions());
  role.addEventListener('change', () => {
    clear(scope);
    scopeOptions().forEach(([v, l]) => scope.append(h('option', { value: v }, l)));
  });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', {}, isSector ? 'Выдать доступ' : 'Добавить руководителя курсов'),
    field('Эл. почта (аккаунт Google)', email, 'email'),
    field('ФИО', name, 'name'),
    isSector ? field('Роль', role, 'role') : null,
    isSector ? field('Подразделение или территория', scope, 'scope') : h('p', { class: 'muted' }, `Подразделение: ${list.scope}`),
    h('button', { type: 'submit', class: 'action' }, 'Сохранить'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Сохраняю доступ…', () =>
      call('grantAccess', {
        email: email.value,
        role: (isSector ? role.value : 'leader') as 'leader',
        scope: isSector ? scope.value : list.scope,
        name: name.value,
      }),
    );
    if (!r) return;
    show(r.view);
    done(statusEl, `Доступ для ${r.email} сохранён. Файлы банка откроются ему в течение 5 минут.`);
  });
  // Search (issue 18: the sector's list holds ≈100 people): filters the rows already drawn, by name, address, role, place.
  const search = h('input', { type: 'search', autocomplete: 'off', maxlength: '100' });
  const shown = h('p', { class: 'muted' }, `Всего: ${rows.length}`);
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) {
      const hit = !q || (r.textContent ?? '').toLowerCase().includes(q);
      r.hidden = !hit;
      if (hit) n++;
    }
    shown.textContent = q ? `Найдено: ${n} из ${rows.length}` : `Всего: ${rows.length}`;
  });
  return h(
    'div',
    {},
    h('h2', {}, isSector ? 'Кто работает с банком' : 'Руководители курсов'),
    rows.length > 5 ? field('Найти: ФИО, почта, роль, территория', search, 'search') : null,
    rows.length > 5 ? shown : null,
    rows.length ? h('table', { class: 'list' }, ...rows) : h('p', { class: 'muted' }, 'Пока никого нет.'),
    form,
  );
};
