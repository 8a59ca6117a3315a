// The control board (issue 17) as the sidebars draw it: the head's (leaders, courses, duties) in the cabinet and the
// master's head panel, the sector's (subdivisions, territories' pending decisions, duties) in the sector panel.
import type { RpcApi } from '../../app/rpc-contract';
import { h } from './dom';

export type Board = RpcApi['getControlBoard']['result'];
type Person = Board['territories'][number]['methodists'][number];

const contact = (p: Person) => [p.name || p.email, p.email, p.phone].filter(Boolean).join(' · ');

const table = (caption: string, head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  h(
    'table',
    { class: 'grid' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, String(c)))))),
  );

const states = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || '—';

/** Duties, the overdue first; at most `limit` lines (the sheet «Контроль» holds them all). */
export const dutiesList = (b: Board, limit = 40): HTMLElement => {
  const shown = [...b.duties].sort((x, y) => y.late - x.late).slice(0, limit);
  return shown.length
    ? table(
        `Обязанности: просрочено ${b.duties.filter((d) => d.late > 0).length}, всего ${b.duties.length}`,
        ['Что', 'Курс / группа', 'Кто', 'Срок'],
        shown.map((d) => [
          `${d.title}${d.count > 1 ? ` (${d.count})` : ''}`,
          [d.course, d.group].filter(Boolean).join(' / ') || '—',
          d.ownerName,
          `${d.due}${d.late > 0 ? ` — просрочено на ${d.late} дн.` : ` — ${d.state}`}`,
        ]),
      )
    : h('p', { class: 'muted' }, 'Просроченных и ближайших обязанностей нет.');
};

/** One course: applications by stage and by territory, the methodists to call (the card opens in one click). */
const courseCard = (c: Board['courses'][number]): HTMLElement => {
  const body = h('div', { hidden: true });
  body.append(
    h('p', { class: 'muted' }, `${c.dates} · ${c.state} · руководитель: ${c.leaderName || c.leader || 'не назначен'}`),
    h('p', {}, `По этапам: ${states(c.stages)}`),
    c.territories.length
      ? table(
          `Курс ${c.code}: по территориям`,
          ['Территория', 'Заявки', 'Методисты'],
          c.territories.map((t) => [t.name, states(t.counts), t.methodists.map(contact).join('; ') || 'методист не назначен']),
        )
      : h('p', { class: 'muted' }, 'Заявок пока нет.'),
  );
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, `${c.code} — ${c.title}`);
  toggle.addEventListener('click', () => {
    body.hidden = !body.hidden;
    toggle.setAttribute('aria-expanded', String(!body.hidden));
  });
  return h('div', { class: 'card' }, toggle, body);
};

/** The head's board: per leader, then per course. */
export const headBoard = (b: Board): HTMLElement =>
  h(
    'section',
    { 'aria-label': 'Контроль' },
    h('h2', {}, 'Контроль'),
    b.leaders.length
      ? table(
          'Руководители курсов',
          ['Руководитель', 'Курсы', 'Просрочено', 'На неделе', 'Последнее действие'],
          b.leaders.map((l) => [l.name || l.email, states(l.courses), l.overdue, l.week, l.lastAction || '—']),
        )
      : h('p', { class: 'muted' }, 'В подразделении нет руководителей курсов на листе «Доступ».'),
    dutiesList(b),
    h('h3', {}, 'Курсы'),
    ...b.courses.map(courseCard),
  );

/** The sector's overview: subdivisions, territories with undecided applications, then the duties. */
export const sectorBoard = (b: Board): HTMLElement =>
  h(
    'section',
    { 'aria-label': 'Контроль' },
    h('h2', {}, 'Контроль'),
    table(
      'По подразделениям',
      ['Подразделение', 'Курсов', 'Просрочено', 'На неделе'],
      b.subdivisions.map((s) => [s.code, s.courses, s.overdue, s.week]),
    ),
    b.territories.length
      ? table(
          'Нерешённые заявки у методистов',
          ['Территория', 'Заявок', 'Ждёт дней', 'Методисты'],
          b.territories.map((t) => [t.name, t.pending, t.oldestDays, t.methodists.map(contact).join('; ') || 'методист не назначен']),
        )
      : h('p', { class: 'muted' }, 'Все заявки у методистов решены.'),
    dutiesList(b),
  );
