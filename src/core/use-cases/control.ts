// Control (issue 17; the regulation's part III): the duties the regulation implies, each with its rule and its deadline
// on «Настройки»; the boards built from them for the head of a subdivision and for the sector; the daily reminders.
// Everything is computed from what the bank already holds, one read per sheet.
import { ddmmyyyy, isoDay } from '../dates';
import { STAGE_LABELS, type Stage } from '../domain/lifecycle';
import type { Workbook } from '../ports';
import { ACCESS, COURSES, GROUP_REGISTRY, GROUP_STATUS, JOURNAL, LEDGER, SETTINGS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';

export type DutyKey = 'publish' | 'decide' | 'form' | 'complete' | 'documents' | 'archive' | 'statistics';
export type DutyOwner = 'leader' | 'methodist' | 'sector';

export interface DutyRule {
  readonly key: DutyKey;
  readonly owner: DutyOwner;
  readonly title: string;
  /** The rule in words (the guides and the «Контроль» sheet say it). */
  readonly rule: string;
  /** Its deadline in days on «Настройки» (`control.<key>Days`), and the default. */
  readonly days: number;
}

/** The duties, one table (defaults: the regulation's practice; the sector changes them on «Настройки»). */
export const DUTIES: readonly DutyRule[] = [
  {
    key: 'publish',
    owner: 'leader',
    title: 'Опубликовать курс: аннотация, расписание, открыть запись',
    rule: 'не позже чем за N дней до начала курса',
    days: 30,
  },
  { key: 'decide', owner: 'methodist', title: 'Решение по заявкам', rule: 'в течение N дней после поступления заявки', days: 5 },
  { key: 'form', owner: 'leader', title: 'Сформировать группу', rule: 'в первый день курса (N — дней отсрочки)', days: 0 },
  { key: 'complete', owner: 'leader', title: 'Отметить итоги и выдать удостоверения', rule: 'в течение N дней после последнего дня', days: 3 },
  { key: 'documents', owner: 'leader', title: 'Сформировать документы группы', rule: 'в течение N дней после последнего дня', days: 5 },
  { key: 'archive', owner: 'leader', title: 'Перенести группу в архив', rule: 'в течение N дней после последнего дня', days: 10 },
  { key: 'statistics', owner: 'sector', title: 'Статистика за прошлый месяц', rule: 'до N-го числа следующего месяца', days: 5 },
];

export const dutySetting = (key: DutyKey): string => `control.${key}Days`;

/** Each duty's deadline in days: «Настройки» where set to a whole number ≥ 0, else the default. */
export const dutyDays = (settings: readonly Row[]): Record<DutyKey, number> => {
  const byKey = new Map(settings.map((s) => [String(s.key), String(s.value ?? '')]));
  return Object.fromEntries(
    DUTIES.map((d) => {
      const v = Number(byKey.get(dutySetting(d.key)));
      return [d.key, byKey.get(dutySetting(d.key)) && Number.isInteger(v) && v >= 0 ? v : d.days];
    }),
  ) as Record<DutyKey, number>;
};

export type DutyState = 'overdue' | 'week' | 'later';
export const DUTY_STATE_LABELS: Record<DutyState, string> = { overdue: 'просрочено', week: 'срок на этой неделе', later: 'позже' };

export interface Duty {
  readonly key: DutyKey;
  readonly title: string;
  /** Who answers for it: the leader's e-mail, the territory's code, or 'sector'. */
  readonly owner: string;
  readonly subdivision: string;
  readonly course: string;
  readonly group: string;
  readonly territory: string;
  /** How many applications it is about (decisions). */
  readonly count: number;
  readonly due: Date;
  readonly state: DutyState;
  /** Whole days past the due day (0 when not overdue). */
  readonly late: number;
}

const DAY = 86_400_000;
const day = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const plus = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const daysFrom = (a: Date, b: Date): number => Math.round((day(b).getTime() - day(a).getTime()) / DAY);

/** Overdue the day after its due day; «this week» from 7 days before it. */
export const dutyState = (due: Date, today: Date): DutyState => {
  const left = daysFrom(today, due);
  return left < 0 ? 'overdue' : left <= 7 ? 'week' : 'later';
};

export interface ControlInput {
  readonly courses: readonly Row[];
  /** The ledger's index: id, course, territory, stage, updatedAt. */
  readonly ledger: readonly Row[];
  readonly registry: readonly Row[];
  readonly settings: readonly Row[];
}

/**
 * Every open duty as of `today` (local days), by the rules of DUTIES. A course that has not started yet and is not
 * published is the leader's; decisions are counted per territory (one duty, due with its oldest application); a group's
 * steps after the course follow its status on «Реестр групп».
 */
export const openDuties = (input: ControlInput, today: Date): Duty[] => {
  const days = dutyDays(input.settings);
  const courses = new Map(input.courses.map((c) => [String(c.code), c]));
  const out: Duty[] = [];
  const add = (key: DutyKey, owner: string, course: Row | undefined, due: Date, extra: Partial<Duty> = {}) =>
    out.push({
      key,
      title: (DUTIES.find((d) => d.key === key) as DutyRule).title,
      owner,
      subdivision: String(course?.subdivision ?? ''),
      course: String(course?.code ?? ''),
      group: '',
      territory: '',
      count: 1,
      due: day(due),
      state: dutyState(due, today),
      late: Math.max(0, daysFrom(due, today)),
      ...extra,
    });
  const atProvider = new Map<string, number>();
  const pending = new Map<string, { count: number; since: Date }>();
  for (const r of input.ledger) {
    const stage = r.stage as Stage;
    if (stage === 'provider') atProvider.set(String(r.course), (atProvider.get(String(r.course)) ?? 0) + 1);
    if (stage === 'methodist') {
      const since = r.updatedAt instanceof Date ? r.updatedAt : today;
      const k = `${r.territory}\u0000${r.course}`;
      const p = pending.get(k);
      if (!p) pending.set(k, { count: 1, since });
      else {
        p.count++;
        if (since < p.since) p.since = since;
      }
    }
  }
  const formed = new Set(input.registry.map((g) => String(g.course)));
  for (const c of input.courses) {
    const start = c.startDate instanceof Date ? c.startDate : null;
    if (!start) continue;
    const leader = String(c.leader ?? '');
    const published = c.enrolment !== 'черновик' && String(c.annotation ?? '').trim() && String(c.schedule ?? '').trim();
    if (!published && day(start) >= day(today)) add('publish', leader, c, plus(start, -days.publish));
    if ((atProvider.get(String(c.code)) ?? 0) > 0 && !formed.has(String(c.code)))
      add('form', leader, c, plus(start, days.form), { count: atProvider.get(String(c.code)) ?? 0 });
  }
  pending.forEach((p, k) => {
    const [territory, code] = k.split('\u0000');
    add('decide', territory, courses.get(code), plus(p.since, days.decide), { territory, count: p.count });
  });
  for (const g of input.registry) {
    const c = courses.get(String(g.course));
    const end = c?.endDate instanceof Date ? c.endDate : null;
    if (!c || !end) continue;
    const extra = { group: String(g.group), count: Number(g.size) || 0 };
    const leader = String(c.leader ?? '');
    if (g.status === GROUP_STATUS.formed) add('complete', leader, c, plus(end, days.complete), extra);
    if (g.status === GROUP_STATUS.completed) add('archive', leader, c, plus(end, days.archive), extra);
    // Documents after completion: the job writes «выполнено: …» on the row when it made them.
    const completedAt = g.completedAt instanceof Date ? g.completedAt : null;
    const made = String(g.documentsState ?? '').startsWith('выполнено') && String(g.documents ?? '').trim() !== '';
    if (completedAt && !made) add('documents', leader, c, plus(end, days.documents), extra);
  }
  // The sector's monthly statistics: due on the Nth of this month for the month before, done once refreshed since the 1st.
  const refreshed = input.settings.find((s) => s.key === 'statsRefreshedAt')?.value;
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1);
  const refreshedAt = refreshed ? new Date(String(refreshed)) : null;
  if (!refreshedAt || Number.isNaN(refreshedAt.getTime()) || refreshedAt < monthStart)
    add('statistics', 'sector', undefined, plus(monthStart, days.statistics - 1));
  return out.sort((a, b) => a.due.getTime() - b.due.getTime() || a.course.localeCompare(b.course));
};

// ——— Boards ———

export interface Person {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly scope: string;
  readonly phone: string;
}

export interface DutyView {
  readonly title: string;
  readonly owner: string;
  readonly ownerName: string;
  readonly subdivision: string;
  readonly course: string;
  readonly group: string;
  readonly territory: string;
  readonly count: number;
  readonly due: string;
  readonly state: string;
  readonly late: number;
}

/** A duty as a row of «Контроль» (the master's; a cabinet's has the same columns without the subdivision). */
export const dutyRow = (d: DutyView): Row => ({
  subdivision: d.subdivision,
  title: d.title,
  course: d.course,
  group: d.group,
  territory: d.territory,
  owner: d.owner,
  ownerName: d.ownerName,
  count: d.count,
  due: d.due,
  state: d.state,
  late: d.late,
});

export interface LeaderRow {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  /** Courses by state: черновик, запись открыта, идёт запись закрыта, идёт, завершён. */
  readonly courses: Record<string, number>;
  readonly overdue: number;
  readonly week: number;
  readonly lastAction: string;
}

export interface TerritoryLine {
  readonly code: string;
  readonly name: string;
  readonly counts: Record<string, number>;
  readonly methodists: readonly Person[];
}

export interface CourseLine {
  readonly code: string;
  readonly title: string;
  readonly leader: string;
  readonly leaderName: string;
  readonly subdivision: string;
  readonly dates: string;
  readonly enrolment: string;
  readonly state: string;
  readonly stages: Record<string, number>;
  readonly territories: readonly TerritoryLine[];
}

export interface TerritoryPending {
  readonly code: string;
  readonly name: string;
  readonly pending: number;
  /** Days the oldest undecided application has waited. */
  readonly oldestDays: number;
  readonly methodists: readonly Person[];
}

export interface SubdivisionLine {
  readonly code: string;
  readonly courses: number;
  readonly overdue: number;
  readonly week: number;
}

export interface Board {
  readonly today: string;
  readonly leaders: readonly LeaderRow[];
  readonly courses: readonly CourseLine[];
  readonly duties: readonly DutyView[];
  /** The sector's view: per subdivision and per territory with pending decisions. */
  readonly subdivisions: readonly SubdivisionLine[];
  readonly territories: readonly TerritoryPending[];
}

export const courseState = (c: Row, today: Date): string => {
  const start = c.startDate instanceof Date ? day(c.startDate) : null;
  const end = c.endDate instanceof Date ? day(c.endDate) : null;
  const t = day(today);
  if (end && end < t) return 'завершён';
  if (start && start <= t) return 'идёт';
  if (c.enrolment === 'открыт') return 'запись открыта';
  if (c.enrolment === 'закрыт') return 'запись закрыта';
  return 'черновик';
};

/** Staff as «Доступ» has them (active only), lower-case e-mails. */
export const people = (access: readonly Row[]): Person[] =>
  access
    .filter((a) => a.active === true)
    .map((a) => ({
      email: String(a.email).trim().toLowerCase(),
      name: String(a.name ?? ''),
      role: String(a.role),
      scope: String(a.scope ?? ''),
      phone: String(a.phone ?? ''),
    }));

const LEDGER_KEYS = ['id', 'course', 'territory', 'stage', 'group', 'reason', 'updatedAt', 'updatedBy'] as const;
/** How far back «последнее действие» looks in «Журнал». */
const JOURNAL_TAIL = 3000;

/**
 * The board for `subdivision` (a head's) or for the whole bank (null: the sector's). One read each of «Курсы», «Доступ»,
 * «Территории», «Реестр групп», «Настройки», the ledger's leading columns and the journal's recent tail — the same
 * calls whatever the number of applications.
 */
export const controlBoard = (master: Workbook, subdivision: string | null, today: Date): Board => {
  const allCourses = master.table(COURSES).read();
  const courses = allCourses.filter((c) => subdivision === null || c.subdivision === subdivision);
  const codes = new Set(courses.map((c) => String(c.code)));
  const ledger = master
    .table(LEDGER)
    .readKeys([...LEDGER_KEYS])
    .map((f) => f.row);
  const mine = ledger.filter((r) => codes.has(String(r.course)));
  const registry = master
    .table(GROUP_REGISTRY)
    .read()
    .filter((g) => codes.has(String(g.course)));
  const settings = master.table(SETTINGS).read();
  const staff = people(master.table(ACCESS).read());
  const names = new Map(
    master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const byEmail = new Map(staff.map((p) => [p.email, p]));
  const methodistsOf = (t: string) => staff.filter((p) => p.role === 'methodist' && p.scope === t);
  const duties = openDuties({ courses, ledger: mine, registry, settings }, today).filter(
    // The sector's own duty belongs on the sector's board only.
    (d) => subdivision === null || d.owner !== 'sector',
  );
  const view = (d: Duty): DutyView => ({
    title: d.title,
    owner: d.owner,
    ownerName:
      d.key === 'decide'
        ? `методисты: ${names.get(d.territory) ?? d.territory}`
        : d.owner === 'sector'
          ? 'сектор'
          : byEmail.get(d.owner)?.name || d.owner || 'руководитель не назначен',
    subdivision: d.subdivision,
    course: d.course,
    group: d.group,
    territory: names.get(d.territory) ?? d.territory,
    count: d.count,
    due: ddmmyyyy(d.due),
    state: DUTY_STATE_LABELS[d.state],
    late: d.late,
  });
  // The last thing each person did in the bank, from the journal's recent tail (its actor is the e-mail).
  const last = new Map<string, string>();
  for (const j of master.table(JOURNAL).tail(JOURNAL_TAIL)) {
    const who = String(j.actor ?? '')
      .trim()
      .toLowerCase();
    if (who && j.at instanceof Date) last.set(who, `${ddmmyyyy(j.at)}: ${j.action}${j.applicationId ? ` (${j.applicationId})` : ''}`);
  }
  const leaders: LeaderRow[] = staff
    .filter((p) => (p.role === 'leader' || p.role === 'head') && (subdivision === null || p.scope === subdivision))
    .map((p) => {
      const own = courses.filter((c) => String(c.leader ?? '').toLowerCase() === p.email);
      const theirs = duties.filter((d) => d.owner === p.email);
      const states: Record<string, number> = {};
      own.forEach((c) => {
        const s = courseState(c, today);
        states[s] = (states[s] ?? 0) + 1;
      });
      return {
        email: p.email,
        name: p.name,
        role: p.role,
        courses: states,
        overdue: theirs.filter((d) => d.state === 'overdue').length,
        week: theirs.filter((d) => d.state === 'week').length,
        lastAction: last.get(p.email) ?? '',
      };
    });
  const courseLines: CourseLine[] = courses.map((c) => {
    const code = String(c.code);
    const rows = mine.filter((r) => r.course === code);
    const stages: Record<string, number> = {};
    const perTerritory = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const label = STAGE_LABELS[r.stage as Stage] ?? String(r.stage);
      stages[label] = (stages[label] ?? 0) + 1;
      const t = perTerritory.get(String(r.territory)) ?? {};
      t[label] = (t[label] ?? 0) + 1;
      perTerritory.set(String(r.territory), t);
    }
    return {
      code,
      title: String(c.title),
      leader: String(c.leader ?? ''),
      leaderName: byEmail.get(String(c.leader ?? '').toLowerCase())?.name ?? '',
      subdivision: String(c.subdivision),
      dates: `${c.startDate instanceof Date ? ddmmyyyy(c.startDate) : ''}–${c.endDate instanceof Date ? ddmmyyyy(c.endDate) : ''}`,
      enrolment: String(c.enrolment),
      state: courseState(c, today),
      stages,
      territories: [...perTerritory.entries()]
        .map(([t, counts]) => ({ code: t, name: names.get(t) ?? t, counts, methodists: methodistsOf(t) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    };
  });
  const subdivisions: SubdivisionLine[] =
    subdivision === null
      ? [...new Set(allCourses.map((c) => String(c.subdivision)))].sort().map((s) => ({
          code: s,
          courses: allCourses.filter((c) => c.subdivision === s).length,
          overdue: duties.filter((d) => d.subdivision === s && d.state === 'overdue').length,
          week: duties.filter((d) => d.subdivision === s && d.state === 'week').length,
        }))
      : [];
  const pendingBy = new Map<string, { pending: number; oldest: Date }>();
  for (const r of mine)
    if (r.stage === 'methodist') {
      const since = r.updatedAt instanceof Date ? r.updatedAt : today;
      const p = pendingBy.get(String(r.territory));
      if (!p) pendingBy.set(String(r.territory), { pending: 1, oldest: since });
      else {
        p.pending++;
        if (since < p.oldest) p.oldest = since;
      }
    }
  const territories: TerritoryPending[] = [...pendingBy.entries()]
    .map(([code, p]) => ({
      code,
      name: names.get(code) ?? code,
      pending: p.pending,
      oldestDays: Math.max(0, daysFrom(p.oldest, today)),
      methodists: methodistsOf(code),
    }))
    .sort((a, b) => b.oldestDays - a.oldestDays || a.name.localeCompare(b.name, 'ru'));
  return { today: isoDay(today), leaders, courses: courseLines, duties: duties.map(view), subdivisions, territories };
};
