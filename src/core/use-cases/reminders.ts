// The daily control pass (issue 17), the first job run of each day: «Контроль» rewritten from the board, and one reminder
// letter per person through the outbox — methodists: undecided applications past their deadline and free quota;
// leaders: their duties overdue or due by tomorrow; on Mondays, heads: their subdivision's week; the sector: the bank's.
// A letter's id is the person and the day, so a second run queues nothing; «Без сводок» on «Доступ» switches it off.
import { ddmmyyyy, isoDay } from '../dates';
import type { Clock, Lock, Workbook } from '../ports';
import { ACCESS, CONTROL, COURSES, LEDGER, QUOTAS } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { type Board, controlBoard, DUTY_STATE_LABELS, type DutyView, dutyRow, people } from './control';
import { type LetterDraft, queueMail } from './letters';
import { same } from './mirrors';
import { QuotaBook } from './quotas';
import { StageCounts } from './stage-counts';

export interface DailyControlDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly lock: Lock;
}

const line = (d: DutyView): string =>
  `— ${d.title}${d.count > 1 ? ` (${d.count})` : ''}${d.course ? `, ${d.course}` : ''}${d.group ? ` / ${d.group}` : ''}: срок ${d.due}${d.late > 0 ? `, просрочено на ${d.late} дн.` : ''}`;

/** The reminders of the day: one draft per person who has something to be told (and has not switched them off). */
export const controlLetters = (board: Board, access: readonly Row[], freeQuota: ReadonlyMap<string, string[]>, today: Date): LetterDraft[] => {
  const monday = today.getDay() === 1;
  const tomorrow = ddmmyyyy(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1));
  const soon = (d: DutyView) => d.state === DUTY_STATE_LABELS.overdue || d.due === ddmmyyyy(today) || d.due === tomorrow;
  const off = new Set(access.filter((a) => a.noDigest === true).map((a) => String(a.email).trim().toLowerCase()));
  const out: LetterDraft[] = [];
  const draft = (email: string, name: string, items: string[]) => {
    if (!items.length || off.has(email)) return;
    out.push({
      id: `контроль/${email}/${isoDay(today)}`,
      to: email,
      kind: 'контроль',
      vars: { name: name || email, date: ddmmyyyy(today), items: items.join('\n') },
    });
  };
  for (const p of people(access)) {
    if (p.role === 'methodist') {
      const late = board.duties.filter((d) => d.title && d.owner === p.scope && d.state === DUTY_STATE_LABELS.overdue);
      if (!late.length) continue;
      const free = freeQuota.get(p.scope) ?? [];
      draft(p.email, p.name, [
        'Заявки ждут решения дольше срока (книга территории, лист «Копилка методиста»):',
        ...late.map(line),
        ...(free.length ? ['', 'Свободные места по квоте территории:', ...free.map((f) => `— ${f}`)] : []),
      ]);
    } else if (p.role === 'leader' || p.role === 'head') {
      const mine = board.duties.filter((d) => d.owner === p.email && soon(d));
      const items = mine.length ? ['Ваши обязанности: просроченные и со сроком до завтра:', ...mine.map(line)] : [];
      if (p.role === 'head' && monday) {
        const team = board.leaders.filter((l) => board.courses.some((c) => c.subdivision === p.scope && c.leader.toLowerCase() === l.email));
        const sub = board.duties.filter((d) => d.subdivision === p.scope);
        items.push(
          ...(items.length ? [''] : []),
          `Неделя подразделения ${p.scope}: просрочено ${sub.filter((d) => d.state === DUTY_STATE_LABELS.overdue).length}, срок на этой неделе ${sub.filter((d) => d.state === DUTY_STATE_LABELS.week).length}.`,
          ...team.map(
            (l) => `— ${l.name || l.email}: просрочено ${l.overdue}, на неделе ${l.week}${l.lastAction ? `; последнее действие ${l.lastAction}` : ''}`,
          ),
        );
      }
      draft(p.email, p.name, items);
    } else if (p.role === 'sector' && monday) {
      draft(p.email, p.name, [
        'Неделя банка по подразделениям:',
        ...board.subdivisions.map((s) => `— ${s.code}: курсов ${s.courses}, просрочено ${s.overdue}, на неделе ${s.week}`),
        ...(board.territories.length
          ? [
              '',
              'Нерешённые заявки у методистов:',
              ...board.territories.slice(0, 15).map((t) => `— ${t.name}: ${t.pending}, самая давняя ждёт ${t.oldestDays} дн.`),
            ]
          : []),
        ...board.duties.filter((d) => d.owner === 'sector').map(line),
      ]);
    }
  }
  return out;
};

/** Courses open for enrolment where a territory's quota has places left: «ОМ-01: свободно 3 из 10». */
export const freeQuotas = (courses: readonly Row[], quotaRows: readonly Row[], ledger: Iterable<Row>): Map<string, string[]> => {
  const book = new QuotaBook(quotaRows, StageCounts.of(ledger));
  const out = new Map<string, string[]>();
  const open = new Set(courses.filter((c) => c.enrolment === 'открыт').map((c) => String(c.code)));
  for (const q of quotaRows) {
    const course = String(q.course);
    const territory = String(q.territory);
    const left = book.left(course, territory);
    if (!open.has(course) || left === null || left <= 0) continue;
    out.set(territory, [...(out.get(territory) ?? []), `${course}: свободно ${left} из ${book.quota(course, territory)}`]);
  }
  return out;
};

/**
 * The daily pass: the board (one read per sheet), «Контроль» rewritten where it differs, the reminders queued. Under the
 * script lock for the writes. Returns the duties listed and the letters queued.
 */
export const dailyControl = (deps: DailyControlDeps): { duties: number; letters: number } => {
  const today = deps.clock.now();
  const board = controlBoard(deps.master, null, today);
  const rows = board.duties.map(dutyRow);
  const access = deps.master.table(ACCESS).read();
  const ledger = deps.master
    .table(LEDGER)
    .readKeys(['id', 'course', 'territory', 'stage'])
    .map((f) => f.row);
  const free = freeQuotas(deps.master.table(COURSES).read(), deps.master.table(QUOTAS).read(), ledger);
  const letters = controlLetters(board, access, free, today);
  return deps.lock.withLock(() => {
    const sheet = deps.master.table(CONTROL);
    const keys = CONTROL.columns.map((c) => c.key);
    if (!same(sheet.read(), rows, keys)) sheet.replaceAll(rows);
    return { duties: rows.length, letters: queueMail(deps.master, letters, deps.clock) };
  });
};
