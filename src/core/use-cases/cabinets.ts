// Subdivision cabinets: one spreadsheet per subdivision, created by the owner's setup from the cabinet template (which
// carries the cabinet script), shared with the subdivision's head and leaders (sharing.ts), kept in step by the owner's
// job: it writes the cabinet's sheets from the master and carries out what the cabinet asks on «Запросы».
import { showDay } from '../dates';
import { STAGE_LABELS } from '../domain/lifecycle';
import { fio, showPhone } from '../domain/person';
import type { BookStore, Clock, Workbook } from '../ports';
import {
  CABINET_CONTROL,
  CABINET_COURSE_TERRITORIES,
  CABINET_COURSES,
  CABINET_GROUPS,
  CABINET_INFO,
  CABINET_PEOPLE,
  CABINET_PROVIDER,
  CABINET_REGISTRY,
  CABINET_REQUESTS,
  CABINET_SHEETS,
  CABINET_STATS,
  REQUEST_STATE,
} from '../sheets/cabinet';
import { ACCESS, CABINETS, COURSES, GROUP_REGISTRY, GROUPS, PROVIDER_BANK, SETTINGS, SUBDIVISIONS, TERRITORIES } from '../sheets/master';
import type { Cell, Row } from '../sheets/spec';
import { funnel, type StatsRow } from '../stats/statistics';
import { REQUIRED_FOR_CERTIFICATE } from './completion';
import { type Board, dutyRow } from './control';
import { courseOverview } from './courses';
import { journal } from './journal';
import { same } from './mirrors';
import { getSetting } from './settings';

export const cabinetName = (subdivisionName: string): string => `ЕБППК — ${subdivisionName}`;
/** «Настройки»: the id of the cabinet template spreadsheet (created with clasp, see README). */
export const TEMPLATE_SETTING = 'cabinetTemplateId';

export interface CabinetsDeps {
  readonly master: Workbook;
  readonly cabinets: BookStore;
  readonly clock: Clock;
  readonly actor: string;
  /** Stop starting new cabinets after this many ms (Apps Script stops an execution at 6 minutes). */
  readonly budgetMs: number;
}

export interface CabinetsReport {
  readonly created: string[];
  readonly remaining: number;
  /** No template id in «Настройки»: cabinets were made without the cabinet script (no menu) — say so. */
  readonly withoutScript: boolean;
}

/**
 * Creates the missing cabinets (resumable: each id is written to «Кабинеты» as soon as the file exists) and lays out
 * the sheets of existing ones. Sharing is the job's (`reconcileSharing`), so a new cabinet opens for its people then.
 */
export const ensureCabinets = (deps: CabinetsDeps): CabinetsReport => {
  const start = deps.clock.now().getTime();
  const template = getSetting(deps.master.table(SETTINGS), TEMPLATE_SETTING);
  const table = deps.master.table(CABINETS);
  const known = new Map(table.read().map((c) => [String(c.subdivision), c]));
  const created: string[] = [];
  let remaining = 0;
  for (const s of deps.master.table(SUBDIVISIONS).read()) {
    const code = String(s.code);
    if (!code) continue;
    const id = String(known.get(code)?.spreadsheetId ?? '');
    if (id) {
      const book = deps.cabinets.open(id);
      CABINET_SHEETS.forEach((spec) => book.ensure(spec));
      continue;
    }
    if (deps.clock.now().getTime() - start > deps.budgetMs) {
      remaining++;
      continue;
    }
    const name = cabinetName(String(s.name));
    const book = template ? deps.cabinets.copy(template, name, CABINET_SHEETS) : deps.cabinets.create(name, CABINET_SHEETS);
    const row = { subdivision: code, spreadsheetId: book.id, scriptId: '', version: '', lastSync: '' };
    if (known.has(code)) table.updateByIds(new Map([[code, row]]));
    else table.append([row]);
    book.table(CABINET_INFO).append([
      { key: 'subdivision', value: code },
      { key: 'subdivisionName', value: String(s.name) },
    ]);
    created.push(String(s.name));
  }
  if (created.length) {
    journal(deps.master, {
      at: deps.clock.now(),
      actor: deps.actor,
      action: 'кабинеты подразделений',
      reason: `созданы: ${created.join(', ')}${template ? '' : ' (шаблон кабинета не задан — кабинеты без меню)'}`,
    });
  }
  return { created, remaining, withoutScript: created.length > 0 && !template };
};

const text = (v: Cell | undefined): string => (v === undefined || v === null ? '' : v instanceof Date ? showDay(v) : String(v));

/**
 * What a subdivision's cabinet should show, from one read of each master sheet (served from the execution's memo).
 * `stats`: the bank's statistics rows of the current year (computed once for all cabinets); without them the cabinet's
 * statistics sheet is left as it is (they are refreshed once a day). `board`: likewise the control board.
 */
export const cabinetMirror = (master: Workbook, subdivision: string, stats?: readonly StatsRow[], board?: Board): Record<string, Row[]> => {
  const head = { email: '', role: 'head' as const, scope: subdivision, name: '' };
  const overview = courseOverview(master, head);
  const codes = new Set(overview.map((c) => c.code));
  const territories = new Map(
    master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const courses = new Map(
    master
      .table(COURSES)
      .read()
      .map((c) => [String(c.code), c]),
  );
  const person = (r: Row) => ({
    id: r.id,
    course: r.course,
    lastName: r.lastName,
    firstName: r.firstName,
    middleName: r.middleName,
    email: r.email,
    phone: showPhone(r.phone),
    organization: r.organization,
    position: r.position,
    territory: territories.get(String(r.territory)) ?? text(r.territory),
  });
  const byName = (a: Row, b: Row) => String(a.course).localeCompare(String(b.course)) || fio(a).localeCompare(fio(b), 'ru');
  return {
    [CABINET_COURSES.name]: overview.map((c) => {
      const course = courses.get(c.code) as Row;
      return {
        code: c.code,
        title: c.title,
        dates: `${text(course.startDate)}–${text(course.endDate)}`,
        hours: c.hours,
        form: c.form,
        capacity: c.capacity,
        enrolment: c.enrolment,
        atMethodists: c.atMethodists.reduce((n, t) => n + t.count, 0),
        atProvider: c.atProvider,
        inGroups: c.inGroups,
        capacityWarning: c.capacityWarning,
        leader: String(course.leader ?? ''),
        startDate: course.startDate,
        endDate: course.endDate,
      };
    }),
    [CABINET_PROVIDER.name]: master
      .table(PROVIDER_BANK)
      .read()
      .filter((r) => codes.has(String(r.course)))
      .sort(byName)
      .map((r) => ({ ...person(r), sentAt: r.sentAt, present: r.present === true })),
    [CABINET_GROUPS.name]: master
      .table(GROUPS)
      .read()
      .filter((r) => codes.has(String(r.course)))
      .sort((a, b) => String(a.group).localeCompare(String(b.group)) || fio(a).localeCompare(fio(b), 'ru'))
      .map((r) => ({
        group: r.group,
        ...person(r),
        outcome: r.outcome === 'completed' ? 'завершил обучение' : r.outcome === 'expelled' ? 'отчислен' : '',
        regNumber: text(r.regNumber),
        missing: REQUIRED_FOR_CERTIFICATE.filter(([k]) => (r as Row)[k] === '' || (r as Row)[k] === undefined)
          .map(([, label]) => label)
          .join(', '),
      })),
    [CABINET_REGISTRY.name]: master
      .table(GROUP_REGISTRY)
      .read()
      .filter((g) => codes.has(String(g.course)))
      .map((g) => ({ group: g.group, course: g.course, size: g.size, status: g.status, documents: g.documents, documentsState: g.documentsState })),
    ...(stats
      ? {
          [CABINET_STATS.name]: funnel(stats.filter((r) => codes.has(r.course))).map((f) => ({
            course: f.course,
            title: f.title,
            submitted: f.submitted,
            sent: f.sent,
            grouped: f.grouped,
            completed: f.completed,
            rejected: f.rejected,
            absent: f.absent,
          })),
        }
      : {}),
    [CABINET_PEOPLE.name]: master
      .table(ACCESS)
      .read()
      .filter((a) => a.active === true && (a.role === 'head' || a.role === 'leader') && a.scope === subdivision)
      .map((a) => ({
        email: String(a.email).toLowerCase(),
        role: a.role === 'head' ? 'начальник' : 'руководитель',
        name: a.name,
        lastAction: board?.leaders.find((l) => l.email === String(a.email).toLowerCase())?.lastAction ?? '',
      })),
    ...(board ? controlMirror(board, subdivision, codes) : {}),
  };
};

/** The board's part for one subdivision (the board is the sector's, computed once for every cabinet). */
const controlMirror = (board: Board, subdivision: string, codes: ReadonlySet<string>): Record<string, Row[]> => ({
  [CABINET_CONTROL.name]: board.duties
    .filter((d) => d.subdivision === subdivision && d.owner !== 'sector')
    .map((d) => {
      const { subdivision: _same, ...row } = dutyRow(d);
      return row;
    }),
  [CABINET_COURSE_TERRITORIES.name]: board.courses
    .filter((c) => codes.has(c.code))
    .flatMap((c) =>
      c.territories.map((t) => ({
        course: c.code,
        territory: t.name,
        counts: Object.entries(t.counts)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
        pending: t.counts[STAGE_LABELS.methodist] ?? 0,
        methodists: t.methodists.map((m) => [m.name, m.email, m.phone].filter(Boolean).join(', ')).join('; '),
      })),
    ),
});

const MIRRORED = [
  CABINET_COURSES,
  CABINET_PROVIDER,
  CABINET_GROUPS,
  CABINET_REGISTRY,
  CABINET_STATS,
  CABINET_PEOPLE,
  CABINET_CONTROL,
  CABINET_COURSE_TERRITORIES,
] as const;

/**
 * Writes the mirror into the cabinet, only the sheets that differ. The attendance marks a leader set in «Копилка
 * поставщика» are the cabinet's own: kept for every application still waiting there. Returns the sheets written.
 */
export const refreshCabinet = (book: Workbook, mirror: Record<string, Row[]>): number => {
  let written = 0;
  for (const spec of MIRRORED) {
    // A sheet the mirror does not speak of (the statistics or the board when they were not computed) is left as it is.
    if (!(spec.name in mirror)) continue;
    const table = book.table(spec);
    const current = table.read();
    let rows = mirror[spec.name] ?? [];
    if (spec === CABINET_PROVIDER) {
      const marked = new Set(current.filter((r) => r.present === true).map((r) => String(r.id)));
      rows = rows.map((r) => (marked.has(String(r.id)) ? { ...r, present: true } : r));
    }
    const keys = spec.columns.map((c) => c.key);
    const norm = (r: Row): Row => Object.fromEntries(keys.map((k) => [k, r[k] instanceof Date ? r[k] : text(r[k] as Cell)]));
    if (same(current.map(norm), rows.map(norm), keys)) continue;
    table.replaceAll(rows);
    written++;
  }
  return written;
};

export interface CabinetRequest {
  readonly id: string;
  readonly by: string;
  readonly kind: string;
  readonly args: string;
  /** Left «выполняется» by a run that stopped. */
  readonly resumed: boolean;
  /** What the last run wrote (attempts of an interrupted request). */
  readonly previous: string;
}

/**
 * The requests to carry out, oldest first: those waiting, and those a crashed run left «выполняется» (the staff functions
 * are idempotent — a move interrupted half-way is completed by running it again — so an interrupted request is run again).
 */
export const waitingRequests = (book: Workbook): CabinetRequest[] =>
  book
    .table(CABINET_REQUESTS)
    .read()
    .filter((r) => String(r.state).startsWith(REQUEST_STATE.waiting) || r.state === REQUEST_STATE.running)
    .map((r) => ({
      id: String(r.id),
      by: String(r.by).trim().toLowerCase(),
      kind: String(r.kind),
      args: String(r.args),
      resumed: r.state === REQUEST_STATE.running,
      previous: String(r.result ?? ''),
    }));

/** A request is marked «выполняется» before the job carries it out and «выполнено»/«ошибка» after. */
export const markRequests = (book: Workbook, states: ReadonlyMap<string, { state: string; result: string }>): void => {
  if (states.size) book.table(CABINET_REQUESTS).updateByIds(states);
};

/** Said of a resumed request that now fails: most likely its first run had done it before the crash. */
export const RESUMED = 'запрос прерывался сбоем и, вероятно, уже выполнен — проверьте результат';
