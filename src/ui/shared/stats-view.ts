// The statistics form (period presets and dates) and the figures, shared by the sector and leader sidebars.

import type { RpcApi } from '../../app/rpc-contract';
import { busy, clear, done, field, h, select } from './dom';
import { call } from './rpc-client';
import { bankToday } from './today';

type Figures = RpcApi['getStatistics']['result'];

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Quarter, half-year and year of the current year, as [label, from, to]. */
export const presets = (now = bankToday()): Array<[string, string, string]> => {
  const y = now.getFullYear();
  const q = (n: number): [string, string, string] => [`${n} квартал ${y}`, iso(new Date(y, (n - 1) * 3, 1)), iso(new Date(y, n * 3, 0))];
  return [
    q(1),
    q(2),
    q(3),
    q(4),
    [`1 полугодие ${y}`, `${y}-01-01`, `${y}-06-30`],
    [`2 полугодие ${y}`, `${y}-07-01`, `${y}-12-31`],
    [`${y} год`, `${y}-01-01`, `${y}-12-31`],
    [`${y - 1} год`, `${y - 1}-01-01`, `${y - 1}-12-31`],
  ];
};

/** Age bands in their natural order («моложе 25», «25–29», …, «65 и старше»), not in the order met (issue 18). */
export const byBand = ([a]: [string, number], [b]: [string, number]): number => {
  const at = (k: string) => (k.startsWith('моложе') ? -1 : Number.parseInt(k, 10) || 0);
  return at(a) - at(b);
};

export const figuresView = (f: Figures): HTMLElement => {
  const list = (title: string, m: Record<string, number>, sort?: (a: [string, number], b: [string, number]) => number) => {
    const entries = Object.entries(m);
    const max = Math.max(1, ...entries.map(([, v]) => v));
    return h(
      'div',
      {},
      h('h2', {}, title),
      h(
        'ul',
        { class: 'counts' },
        ...(sort ? entries.sort(sort) : entries).map(([k, v]) =>
          h('li', {}, `${k}: ${v}`, h('span', { class: 'bar', style: `width:${Math.round((v / max) * 100)}%`, 'aria-hidden': 'true' })),
        ),
      ),
    );
  };
  return h(
    'div',
    {},
    h('p', {}, `Период ${f.period}, ${f.subdivision}. Подано ${f.totals.submitted}, в группах ${f.totals.grouped}, завершили ${f.totals.completed}.`),
    h('h2', {}, 'Воронка по курсам'),
    h(
      'table',
      { class: 'list' },
      h('tr', {}, h('td', {}, 'Курс'), h('td', {}, 'Подано'), h('td', {}, 'Напр.'), h('td', {}, 'Группа'), h('td', {}, 'Заверш.')),
      ...f.funnel.map((l) =>
        h(
          'tr',
          {},
          h('td', {}, l.course),
          h('td', {}, String(l.submitted)),
          h('td', {}, String(l.sent)),
          h('td', {}, String(l.grouped)),
          h('td', {}, String(l.completed)),
        ),
      ),
    ),
    list('1-ПК: пол', f.onePk.sex),
    list('1-ПК: возраст', f.onePk.ageBand, byBand),
  );
};

/** A period: the presets of the current year (the year itself chosen first) and «свои даты». */
export const periodPicker = (): { from: HTMLInputElement; to: HTMLInputElement; fields: HTMLElement[] } => {
  const p = presets();
  const preset = select([...p.map(([label]) => [label, label] as [string, string]), ['custom', 'свои даты']], p[6][0]);
  const from = h('input', { type: 'date', value: p[6][1] });
  const to = h('input', { type: 'date', value: p[6][2] });
  preset.addEventListener('change', () => {
    const x = p.find(([label]) => label === preset.value);
    if (x) [from.value, to.value] = [x[1], x[2]];
  });
  return { from, to, fields: [field('Период', preset, 'preset'), field('С', from, 'from'), field('По', to, 'to')] };
};

/** The period form; `run` is getStatistics (leaders) or refreshStatistics (sector). */
export const statsForm = (
  statusEl: HTMLElement,
  fn: 'getStatistics' | 'refreshStatistics',
  subdivisions: Array<{ code: string; name: string }> | null,
): HTMLElement => {
  const { from, to, fields } = periodPicker();
  const sub = subdivisions ? select([['', 'все подразделения'], ...subdivisions.map((s) => [s.code, `${s.code} — ${s.name}`] as [string, string])]) : null;
  const out = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    h('h2', {}, fn === 'refreshStatistics' ? 'Статистика за отчётный период' : 'Статистика подразделения'),
    ...fields,
    sub ? field('Подразделение', sub, 'subdivision') : null,
    h('button', { type: 'submit', class: 'action' }, fn === 'refreshStatistics' ? 'Обновить статистику' : 'Показать'),
    out,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Считаю статистику…', () =>
      call(fn, { from: from.value, to: to.value, subdivision: sub ? sub.value : '' }),
    );
    if (!f) return;
    clear(out);
    out.append(figuresView(f));
    done(statusEl, fn === 'refreshStatistics' ? 'Лист «Статистика» обновлён: сводные таблицы и диаграммы — на листе.' : 'Готово.');
  });
  return form;
};
