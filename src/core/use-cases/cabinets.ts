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
  CABINET_QUOTAS,
  CABINET_REGISTRY,
  CABINET_SHEETS,
  CABINET_STATS,
  CABINET_TERRITORIES,
  personalRequests,
  REQUEST_STATE,
  requestSheet,
  requestSheetPerson,
  SHARED_REQUESTS,
} from '../sheets/cabinet';
import { ACCESS, CABINETS, COURSES, GROUP_REGISTRY, GROUPS, PROVIDER_BANK, QUOTAS, SETTINGS, SUBDIVISIONS, TERRITORIES } from '../sheets/master';
import type { Cell, Row, SheetSpec } from '../sheets/spec';
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
 * statistics sheet is left as it is (they are refreshed once a day). `board`: likewise the control board. `only`: just
 * these sheets (what a request carried out at once can have changed), each computed only when asked for.
 */
export const cabinetMirror = (
  master: Workbook,
  subdivision: string,
  stats?: readonly StatsRow[],
  board?: Board,
  only?: ReadonlySet<string>,
): Record<string, Row[]> => {
  const head = { email: '', role: 'head' as const, scope: subdivision, name: '' };
  const overview = courseOverview(master, head);
  const codes = new Set(overview.map((c) => c.code));
  const territoryRows = master.table(TERRITORIES).read();
  const territories = new Map(territoryRows.map((t) => [String(t.code), String(t.name)]));
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
  const parts: Record<string, () => Row[]> = {
    [CABINET_COURSES.name]: () =>
      overview.map((c) => {
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
          annotation: text(course.annotation),
          schedule: text(course.schedule),
          place: text(course.place),
          audience: text(course.audience),
        };
      }),
    [CABINET_QUOTAS.name]: () =>
      master
        .table(QUOTAS)
        .read()
        .filter((q) => codes.has(String(q.course)))
        .map((q) => ({ course: q.course, territory: territories.get(String(q.territory)) ?? text(q.territory), places: q.places, territoryCode: q.territory })),
    [CABINET_TERRITORIES.name]: () =>
      territoryRows
        .filter((t) => t.active === true)
        .map((t) => ({ code: t.code, name: t.name }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name), 'ru')),
    [CABINET_PROVIDER.name]: () =>
      master
        .table(PROVIDER_BANK)
        .read()
        .filter((r) => codes.has(String(r.course)))
        .sort(byName)
        .map((r) => ({ ...person(r), sentAt: r.sentAt, present: r.present === true })),
    [CABINET_GROUPS.name]: () =>
      master
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
    [CABINET_REGISTRY.name]: () =>
      master
        .table(GROUP_REGISTRY)
        .read()
        .filter((g) => codes.has(String(g.course)))
        .map((g) => ({ group: g.group, course: g.course, size: g.size, status: g.status, documents: g.documents, documentsState: g.documentsState })),
    [CABINET_PEOPLE.name]: () =>
      master
        .table(ACCESS)
        .read()
        .filter((a) => a.active === true && (a.role === 'head' || a.role === 'leader') && a.scope === subdivision)
        .map((a) => ({
          email: String(a.email).toLowerCase(),
          role: a.role === 'head' ? 'начальник' : 'руководитель',
          name: a.name,
          // Without the board (a request carried out at once) the cabinet keeps what it shows (refreshCabinet).
          ...(board ? { lastAction: board.leaders.find((l) => l.email === String(a.email).toLowerCase())?.lastAction ?? '' } : {}),
        })),
  };
  const sheets = Object.keys(parts).filter((name) => !only || only.has(name));
  return {
    ...Object.fromEntries(sheets.map((name) => [name, parts[name]()])),
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
  CABINET_QUOTAS,
  CABINET_TERRITORIES,
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
    if (spec === CABINET_PEOPLE) {
      const shown = new Map(current.map((r) => [String(r.email), r.lastAction]));
      rows = rows.map((r) => (r.lastAction === undefined ? { ...r, lastAction: shown.get(String(r.email)) ?? '' } : r));
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
  readonly kind: string;
  readonly args: unknown;
  /** Left «выполняется» by a run that stopped. */
  readonly resumed: boolean;
  /** What the last run wrote (attempts of an interrupted request). */
  readonly previous: string;
}

const WAITING = (state: Cell | undefined) => String(state ?? '').startsWith(REQUEST_STATE.waiting) || state === REQUEST_STATE.running;

/** The bank's part of a request row: the action and its arguments (null when the cell is not what the cabinet writes). */
const requestData = (cell: Cell | undefined): { kind: string; args: unknown } | null => {
  try {
    const d = JSON.parse(String(cell ?? '')) as { kind?: unknown; args?: unknown };
    return d && typeof d.kind === 'string' ? { kind: d.kind, args: d.args ?? {} } : null;
  } catch (_e) {
    return null;
  }
};

/**
 * The requests on one request sheet to carry out, oldest first: those waiting, and those a crashed run left
 * «выполняется» (the staff functions are idempotent — a move interrupted half-way is completed by running it again).
 */
export const waitingRequests = (book: Workbook, spec: SheetSpec): CabinetRequest[] =>
  book
    .table(spec)
    .read()
    .filter((r) => WAITING(r.state))
    .map((r) => {
      const data = requestData(r.data);
      return {
        id: String(r.id),
        kind: data?.kind ?? '',
        args: data?.args ?? null,
        resumed: r.state === REQUEST_STATE.running,
        previous: String(r.result ?? ''),
      };
    });

/** A request is marked «выполняется» before the job carries it out and «выполнено»/«ошибка» after. */
export const markRequests = (book: Workbook, spec: SheetSpec, states: ReadonlyMap<string, { state: string; result: string }>): void => {
  if (states.size) book.table(spec).updateByIds(states);
};

/** Said of a resumed request that now fails: most likely its first run had done it before the crash. */
export const RESUMED = 'запрос прерывался сбоем и, вероятно, уже выполнен — проверьте результат';

/** Why a waiting row was not carried out, by where it was found. */
export const REFUSED = {
  tampered: 'не выполнен: защиту листа запросов меняли, и запрос мог записать не его владелец. Банк восстановил защиту — отправьте запрос ещё раз из кабинета.',
  notPerson: 'не выполнен: автор листа не работает в этом кабинете («Доступ»).',
  shared:
    'не выполнен: запросы принимаются только с личного листа сотрудника «Запросы — <почта>», который пишет кабинет (меню «ЕБППК → Кабинет подразделения»).',
} as const;

export interface RequestSheets {
  /** Each active person's own sheet, protected for them: its rows are theirs. */
  readonly trusted: ReadonlyArray<{ readonly spec: SheetSpec; readonly person: string }>;
  /** Sheets whose protection had been changed and was restored: who were its editors. */
  readonly restored: ReadonlyArray<{ readonly sheet: string; readonly had: readonly string[] }>;
  /** Rows refused because of where they were, with what they were answered (the web app reports them too). */
  readonly refused: ReadonlyArray<{ readonly id: string; readonly state: string; readonly result: string }>;
}

/**
 * The owner's job keeps a cabinet's request sheets (DESIGN §8): one per active head and leader, protected with editors
 * exactly the owner and that person; the sheet of someone no longer active, or named for someone who is not, is closed
 * to all but the owner. Whatever waits on a sheet whose protection had been changed, on such a closed sheet, or on the
 * old shared «Запросы» is refused, never carried out: only the sheet's own person could have written it otherwise.
 */
export const keepRequestSheets = (book: Workbook, people: readonly string[]): RequestSheets => {
  const active = new Set(people.map((p) => p.trim().toLowerCase()).filter(Boolean));
  const names = book.sheetNames();
  const trusted: Array<{ spec: SheetSpec; person: string }> = [];
  const restored: Array<{ sheet: string; had: readonly string[] }> = [];
  const refused: Array<{ id: string; state: string; result: string }> = [];
  const refuse = (spec: SheetSpec, why: string) => {
    let waiting: Row[];
    try {
      waiting = book
        .table(spec)
        .read()
        .filter((r) => WAITING(r.state));
    } catch (_e) {
      return; // not laid out as a request sheet: nothing on it is ever carried out, and it must not stop the others
    }
    const answers = waiting.map((r) => ({ id: String(r.id), state: REQUEST_STATE.failed, result: why }));
    markRequests(book, spec, new Map(answers.map(({ id, ...a }) => [id, a])));
    refused.push(...answers);
  };
  for (const person of active) {
    const spec = personalRequests(person);
    const kept = book.keepPersonal(spec, person);
    if (kept.state === 'restored') {
      restored.push({ sheet: spec.name, had: kept.had });
      refuse(spec, REFUSED.tampered);
    }
    trusted.push({ spec, person });
  }
  const mine = new Set(trusted.map((t) => t.spec.name));
  for (const name of names) {
    if (name === SHARED_REQUESTS.name) refuse(SHARED_REQUESTS, REFUSED.shared);
    if (!requestSheetPerson(name) || mine.has(name)) continue;
    const spec = requestSheet(name);
    const kept = book.keepPersonal(spec, '');
    if (kept.state === 'restored') restored.push({ sheet: name, had: kept.had });
    refuse(spec, REFUSED.notPerson);
  }
  return { trusted, restored, refused };
};

/** The journal's line for restored protections (null when none were). */
export const describeRestored = (subdivision: string, r: RequestSheets): string | null =>
  r.restored.length
    ? `кабинет «${subdivision}»: защита листов запросов восстановлена — ${r.restored
        .map((x) => `«${x.sheet}» (редакторы были: ${x.had.length ? x.had.join(', ') : 'все редакторы файла — защиты не было'})`)
        .join('; ')}`
    : null;

/** Writes these keys of the cabinet's «Служебное» where they differ: one read, at most one update and one append. */
export const recordInfo = (book: Workbook, pairs: Readonly<Record<string, string>>): void => {
  const info = book.table(CABINET_INFO);
  const have = new Map(info.read().map((i) => [String(i.key), String(i.value)]));
  const patches = new Map<string, Partial<Row>>();
  const add: Row[] = [];
  for (const [key, value] of Object.entries(pairs)) {
    if (!have.has(key)) add.push({ key, value });
    else if (have.get(key) !== value) patches.set(key, { value });
  }
  info.updateByIds(patches);
  info.append(add);
};

/** «Служебное»: the master's web app, which carries out the cabinet's requests at once (DESIGN §8). */
export const WEB_APP_KEY = 'webApp';
