// The bank's user operations as the product runs them (adapters over the counting fakes), with their set-up.

import { SpreadsheetWorkbook } from '../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { SheetsStatsPublisher } from '../src/adapters/spreadsheet-app/stats-publisher';
import type { App } from '../src/app/app';
import { getCabinet, getCabinetCourse } from '../src/app/cabinet';
import { runCabinetNow } from '../src/app/cabinet-sync';
import { CONSENT_CHOICE } from '../src/core/intake/form-spec';
import { processResponses } from '../src/core/intake/process-responses';
import { responseIdOfIndex, SWEEP_CURSOR, sweepResponses } from '../src/core/intake/sweep';
import { CABINET_SHEETS, personalRequests, REQUEST_STATE } from '../src/core/sheets/cabinet';
import { FORM_RESPONSES } from '../src/core/sheets/form-responses';
import { ACCESS, CABINETS, COURSES, LEDGER, PROVIDER_BANK, RESPONSE_LOG } from '../src/core/sheets/master';
import type { Row } from '../src/core/sheets/spec';
import { METHODIST_BANK } from '../src/core/sheets/territory';
import { listAccess } from '../src/core/use-cases/access';
import { admitApplications } from '../src/core/use-cases/admit-applications';
import { cabinetMirror, refreshCabinet } from '../src/core/use-cases/cabinets';
import { archiveGroup, completeGroup } from '../src/core/use-cases/completion';
import { courseOverview } from '../src/core/use-cases/courses';
import { currentUser } from '../src/core/use-cases/current-user';
import { formGroup } from '../src/core/use-cases/groups';
import { prepareCounts } from '../src/core/use-cases/stage-counts';
import { refreshStatistics } from '../src/core/use-cases/statistics';
import { syncTerritories } from '../src/core/use-cases/sync-territories';
import { aCourse, anApplication } from '../test/builders';
import type { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import type { BenchBank } from './bank';

export interface Op {
  readonly name: string;
  /** Untimed, uncounted preparation for run `k`. */
  prepare?(b: BenchBank, k: number): void;
  run(b: BenchBank, k: number): void;
  /** Whether repeated runs leave the bank as they found it (read-only operations). */
  readonly readOnly?: boolean;
  /** An earlier operation showing the user the same thing: its baselines are this one's too (not run twice). */
  readonly sameBaselinesAs?: string;
  /** No baseline exists (the operation has no naive counterpart): the table shows «—». */
  readonly noBaselines?: boolean;
}

const props = (b: BenchBank) => ({
  get: (k: string) => b.gas.properties.getProperty(k),
  set: (k: string, v: string) => void b.gas.properties.setProperty(k, v),
});
const lock = { withLock: <T>(fn: () => T) => fn() };
const deps = (b: BenchBank) => ({ master: b.master, books: b.books, clock: b.clock, properties: props(b), lock });
export const settle = (b: BenchBank): void => {
  for (let i = 0; i < 4 && !syncTerritories(deps(b)).skipped; i++);
};

export const response = (k: number) => ({
  responseId: String(900000 + k),
  submittedAt: new Date(2026, 10, 28),
  raw: {
    lastName: 'Бенчмаркова',
    firstName: 'Вера',
    email: `bench${k}@school.ru`,
    phone: '+79020000000',
    territory: 'perm',
    organization: 'МАОУ СОШ № 1',
    position: 'учитель',
    course: 'ОМ-01',
    birthDate: '01.01.1980',
    sex: 'женский',
    snils: `000-${String(100 + k).padStart(3, '0')}-000 00`,
    educationLevel: 'высшее',
    consent: CONSENT_CHOICE,
  },
});

/** Thirty new applications of Perm, every other one decided in the methodist's sheet (so the rows are scattered). */
export const decideThirty = (b: BenchBank, k: number): void => {
  settle(b);
  const apps = Array.from({ length: 60 }, (_, i) => anApplication(700000 + k * 100 + i, { territory: 'perm', course: 'ОМ-01', personKey: `d${k}-${i}` }));
  admitApplications({ master: b.master, books: b.books, clock: b.clock, actor: 'форма' }, apps);
  settle(b);
  const bank = b.books.open(b.bookIds.get('perm') as string).table(METHODIST_BANK);
  bank.updateByIds(new Map(apps.filter((_, i) => i % 2 === 0).map((a) => [String(a.id), { decision: 'Направить поставщику' }])));
};

/** Applications placed at the provider around the bank's moves, «Счётчики» kept as a move keeps them. */
const atProvider = (b: BenchBank, apps: Row[]): void => {
  const counts = prepareCounts(
    b.master,
    apps.map((a) => ({ course: String(a.course), territory: String(a.territory), from: null, to: 'provider' as const })),
  );
  b.master.table(LEDGER).append(apps);
  counts.write();
  b.master.table(PROVIDER_BANK).append(apps);
  b.master.table(PROVIDER_BANK).sortBy(['course', 'id']);
};

const formThirty = (b: BenchBank, code: string, base: number): void => {
  b.master.table(COURSES).append([aCourse(code, { capacity: 100 })]);
  atProvider(
    b,
    Array.from({ length: 30 }, (_, i) => anApplication(base + i, { course: code, stage: 'provider', personKey: `${code}-${i}` })),
  );
  const apps = Array.from({ length: 30 }, (_, i) => anApplication(base + i));
  const r = formGroup(
    deps(b),
    leader(b),
    code,
    apps.map((a) => String(a.id)),
  );
  if (!r.ok) throw new Error(r.error);
};

const outcomesOf = (base: number) =>
  Array.from({ length: 30 }, (_, i) => ({ id: anApplication(base + i).id as string, outcome: 'completed' as const, reason: '' }));

const LEADER = 'lead@iro.perm.ru';
const leader = (b: BenchBank) => currentUser(b.master.table(ACCESS), LEADER);

/** The App as the web app's execution composes it (no mail, documents or statistics are made by a cabinet request here). */
const appOf = (b: BenchBank): App => ({
  ...deps(b),
  cabinets: b.books,
  identity: { email: () => '' },
  mailer: { remaining: () => 0, send: () => undefined },
  documents: { save: () => '', saveTable: () => '' },
  statsPublisher: { publish: () => undefined } as never,
  notify: () => undefined,
  setFormCourses: () => undefined,
});

/** The subdivision's cabinet of each bank (every course is the subdivision's), built by the job's refresh, once. */
const cabinets = new WeakMap<object, string>();
const cabinetOf = (b: BenchBank): string => {
  let id = cabinets.get(b.gas);
  if (!id) {
    const book = b.books.create('ЕБППК — Отдел методики', CABINET_SHEETS);
    refreshCabinet(book, cabinetMirror(b.master, 'ОМ'));
    id = book.id;
    cabinets.set(b.gas, id);
  }
  return id;
};

/**
 * «Ответы формы» with one response per application of the bank, every one logged in «Обработка ответов» (built once,
 * untimed), then one more that no trigger processed: what the job's sweep finds.
 */
const missedResponse = (b: BenchBank, k: number): void => {
  if (!b.master.has(FORM_RESPONSES)) {
    b.master.ensure(FORM_RESPONSES);
    // Straight into the fake's storage (issue 19: the large banks are built there, not through the adapters): one
    // earlier response per application, each logged.
    const ss = b.gas.SpreadsheetApp.active as unknown as FakeSpreadsheet;
    const r = response(0).raw as Record<string, unknown>;
    const line = FORM_RESPONSES.columns.map((c) => (c.key === 'submittedAt' ? new Date(2026, 8, 1) : String(r[c.key] ?? '')));
    const cell = (v: string | Date) => ({ v, fmt: v instanceof Date ? 'dd.mm.yyyy hh:mm' : '@' });
    const sheet = ss.sheet(FORM_RESPONSES.name);
    const log = ss.sheet(RESPONSE_LOG.name);
    // Data row i is sheet row i + 2 (setup may have laid out blank formatted rows: they are overwritten).
    for (let i = 0; i < b.size; i++) {
      sheet.data[i + 1] = line.map(cell);
      log.data[i + 1] = [responseIdOfIndex(i), new Date(2026, 8, 1), 'принята', '', ''].map(cell);
    }
    sheet.maxRows = Math.max(sheet.maxRows, sheet.data.length);
    log.maxRows = Math.max(log.maxRows, log.data.length);
    // As the job's earlier sweeps left it: every one of these is behind the cursor.
    b.gas.properties.setProperty(SWEEP_CURSOR, String(b.size));
  }
  b.master.table(FORM_RESPONSES).append([{ ...response(k).raw, submittedAt: new Date(2026, 10, 28) }]);
};

export const OPS: Op[] = [
  // First: «Обработка ответов» then holds one entry per row of «Ответы формы» (the next operation's ids are not rows).
  {
    name: 'Подобрать один пропущенный ответ формы (задание)',
    prepare: (b, k) => missedResponse(b, 500 + k),
    run: (b) => {
      const r = sweepResponses(deps(b));
      if (!r || r.accepted.length + r.quarantined.length !== 1) throw new Error(`the sweep did not pick the missed response up: ${JSON.stringify(r)}`);
    },
  },
  { name: 'Обработать один ответ формы', run: (b, k) => void processResponses(deps(b), [response(k)]) },
  { name: 'Синхронизация: ничего не изменилось', prepare: (b) => settle(b), run: (b) => void syncTerritories(deps(b)), readOnly: true },
  {
    name: 'Синхронизация: 30 решений одной территории',
    prepare: (b, k) => decideThirty(b, k),
    run: (b) => void syncTerritories(deps(b)),
  },
  {
    name: 'Сформировать группу из 30 человек',
    prepare: (b, k) => {
      const code = `ГР-${k}`;
      b.master.table(COURSES).append([aCourse(code, { capacity: 100 })]);
      atProvider(
        b,
        Array.from({ length: 40 }, (_, i) => anApplication(800000 + k * 100 + i, { course: code, stage: 'provider', personKey: `g${k}-${i}` })),
      );
    },
    run: (b, k) => {
      const ids = Array.from({ length: 30 }, (_, i) => anApplication(800000 + k * 100 + i).id as string);
      const r = formGroup({ master: b.master, clock: b.clock, lock, properties: props(b) }, leader(b), `ГР-${k}`, ids);
      if (!r.ok) throw new Error(r.error);
    },
  },
  {
    name: 'Завершить обучение группы из 30 человек',
    prepare: (b, k) => formThirty(b, `ЗВ-${k}`, 600000 + k * 100),
    run: (b, k) => {
      const c = completeGroup(deps(b), leader(b), { group: `ЗВ-${k}-2026-01`, outcomes: outcomesOf(600000 + k * 100) });
      if (!c.ok) throw new Error(c.error);
    },
  },
  {
    name: 'Перенести группу из 30 человек в архив',
    prepare: (b, k) => {
      formThirty(b, `АР-${k}`, 650000 + k * 100);
      const c = completeGroup(deps(b), leader(b), { group: `АР-${k}-2026-01`, outcomes: outcomesOf(650000 + k * 100) });
      if (!c.ok) throw new Error(c.error);
    },
    run: (b, k) => {
      const a = archiveGroup(deps(b), leader(b), `АР-${k}-2026-01`);
      if (!a.ok) throw new Error(a.error);
    },
  },
  {
    name: 'Обновить статистику за год',
    run: (b) => {
      const publisher = new SheetsStatsPublisher(b.gas.SpreadsheetApp.active as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
      const r = refreshStatistics(
        { master: b.master, books: b.books, clock: b.clock, lock, publisher },
        currentUser(b.master.table(ACCESS), 'owner@iro.perm.ru'),
        { from: '2026-01-01', to: '2026-12-31', subdivision: '' },
      );
      if (!r.ok) throw new Error(r.error);
    },
  },
  { name: 'Открыть панель «Руководитель курсов»', run: (b) => void courseOverview(b.master, leader(b)), readOnly: true },
  {
    // Issue 19: the leader's screen from the subdivision's cabinet (its own rows only) instead of the master; the
    // workbook as the cabinet script makes it for each call.
    name: 'Открыть кабинет подразделения (руководитель)',
    sameBaselinesAs: 'Открыть панель «Руководитель курсов»',
    prepare: (b) => void cabinetOf(b),
    run: (b) => {
      const ss = b.gas.SpreadsheetApp.openById(cabinetOf(b)) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      const r = getCabinet(new SpreadsheetWorkbook(ss, { perExecution: true }), 'lead@iro.perm.ru', b.clock);
      if (!r.ok) throw new Error(r.error);
    },
    readOnly: true,
  },
  {
    // Issue 30: the course's people, loaded when the leader opens the course (the cabinet opens without them).
    name: 'Открыть курс в кабинете: его копилка и группы',
    noBaselines: true,
    prepare: (b) => void cabinetOf(b),
    run: (b) => {
      const ss = b.gas.SpreadsheetApp.openById(cabinetOf(b)) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      // ОМ-02: the bench's courses with applications at the provider are every tenth from the second.
      const r = getCabinetCourse(new SpreadsheetWorkbook(ss, { perExecution: true }), 'lead@iro.perm.ru', { code: 'ОМ-02' });
      if (!r.ok || !r.value.provider.length) throw new Error(r.ok ? 'the course has nobody at the provider' : r.error);
    },
    readOnly: true,
  },
  {
    // Issue 30: a leader's request carried out at once by the web app — the job's code path for one cabinet (its
    // request sheets checked, the request run, the cabinet's sheets refreshed from the master).
    name: 'Выполнить запрос кабинета сразу (веб-приложение): закрыть/открыть запись',
    noBaselines: true,
    prepare: (b, k) => {
      const book = b.books.open(cabinetOf(b));
      const known = b.master.table(CABINETS);
      if (!known.ids().includes('ОМ')) known.append([{ subdivision: 'ОМ', spreadsheetId: book.id, scriptId: '', version: '', lastSync: '' }]);
      const mine = personalRequests(LEADER);
      if (!book.has(mine)) book.keepPersonal(mine, LEADER);
      const args = { code: 'ОМ-01', state: k % 2 ? 'закрыт' : 'открыт' };
      book.table(mine).append([
        {
          id: `b${k}`,
          at: b.clock.now(),
          action: '',
          about: '',
          state: REQUEST_STATE.waiting,
          result: '',
          data: JSON.stringify({ kind: 'setEnrolment', args }),
        },
      ]);
    },
    run: (b) => {
      const r = runCabinetNow(appOf(b), cabinetOf(b));
      if (!r.ok || r.value.done !== 1) throw new Error(`the request was not carried out: ${JSON.stringify(r)}`);
    },
  },
  {
    name: 'Открыть панель «Начальник отдела» / «Сектор»',
    run: (b) => void listAccess(b.master, currentUser(b.master.table(ACCESS), 'head@iro.perm.ru')),
    readOnly: true,
  },
];

export const NOT_YET = ['Сформировать документы группы: цена — по вызову на документ (Drive), не по ячейкам; в фейках не измеряется'];
