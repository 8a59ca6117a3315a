// The owner's job and the cabinets: carry out what changed cabinets ask (one Drive query finds them), then bring every
// cabinet's sheets up to date when something in the bank changed. An idle run opens no cabinet.
import type { Workbook } from '../core/ports';
import { CABINET_COURSES, CABINET_INFO, CABINET_PEOPLE, CABINET_QUOTAS, CABINET_REGISTRY } from '../core/sheets/cabinet';
import { ACCESS, ARCHIVE, CABINETS, COURSES, LEDGER, QUOTAS, SETTINGS, TERRITORIES } from '../core/sheets/master';
import type { Row } from '../core/sheets/spec';
import { STATS_ARCHIVE_KEYS, STATS_LEDGER_KEYS, statsRows } from '../core/stats/statistics';
import { cabinetMirror, recordInfo, refreshCabinet, WEB_APP_KEY } from '../core/use-cases/cabinets';
import { controlBoard } from '../core/use-cases/control';
import { getSetting } from '../core/use-cases/settings';
import type { App } from './app';
import { type CabinetRequestsReport, keepSheets, runCabinetRequests } from './cabinet-requests';
import { errorText } from './errors';
import type { RpcResult } from './rpc';

const SEEN_KEY = 'EBPPK_CABINETS_SEEN';

export interface CabinetSyncReport {
  readonly requests: { done: number; failed: number };
  readonly refreshed: number;
}

/** Opens each cabinet once per run. */
const opener = (app: App) => {
  const opened = new Map<string, Workbook>();
  return (id: string): Workbook => {
    let b = opened.get(id);
    if (!b) {
      b = app.cabinets.open(id);
      opened.set(id, b);
    }
    return b;
  };
};

export interface CabinetPass {
  readonly open: (id: string) => Workbook;
  readonly rows: () => Row[];
  /** «Кабинеты» changed (a cabinet was made): read it again. */
  readonly forget: () => void;
}

export const cabinetPass = (app: App): CabinetPass => {
  let rows: Row[] | null = null;
  return {
    open: opener(app),
    rows: () => (rows ??= app.master.table(CABINETS).read()),
    forget: () => {
      rows = null;
    },
  };
};

/**
 * Requests of the cabinets changed since the last run, and the script id each cabinet's onOpen recorded there (carried
 * to «Кабинеты»). "Last seen" is the newest modified time read: our own writes are newer, so the next run reads those
 * cabinets once more, finds nothing waiting and writes nothing.
 */
export const takeCabinetRequests = (app: App, pass: CabinetPass): CabinetSyncReport['requests'] & { touched: Touched } => {
  const seen = app.properties.get(SEEN_KEY);
  const changes = app.cabinets.changedSince(seen ? Number(seen) : null);
  const touched = new Map<string, ReadonlySet<string>>();
  if (!changes.length) return { done: 0, failed: 0, touched };
  const bySheet = new Map(pass.rows().map((c) => [String(c.spreadsheetId), c]));
  let done = 0;
  let failed = 0;
  const ids = new Map<string, Partial<Row>>();
  for (const change of changes) {
    const cabinet = bySheet.get(change.id);
    if (!cabinet) continue;
    const book = pass.open(change.id);
    // Under the script lock: never beside the web app carrying the same cabinet's requests (runCabinetNow).
    const r = app.lock.withLock(() => runCabinetRequests(app, book, String(cabinet.subdivision)));
    done += r.done;
    failed += r.failed;
    if (r.touched.size) touched.set(change.id, r.touched);
    const info = new Map(
      book
        .table(CABINET_INFO)
        .read()
        .map((i) => [String(i.key), String(i.value)]),
    );
    const scriptId = info.get('scriptId') ?? '';
    const version = info.get('version') ?? '';
    if (scriptId !== String(cabinet.scriptId) || version !== String(cabinet.version)) ids.set(String(cabinet.subdivision), { scriptId, version });
  }
  if (ids.size) app.master.table(CABINETS).updateByIds(ids);
  app.properties.set(SEEN_KEY, String(Math.max(...changes.map((c) => c.modified))));
  return { done, failed, touched };
};

/** Per cabinet (spreadsheet id), the names of its mirrored sheets to rewrite. */
export type Touched = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Every cabinet's request sheets kept for its people as «Доступ» says: a new person's made (before sharing opens the
 * cabinet to them), a leaver's closed, a changed protection restored. Run with the sharing check (daily and when
 * «Доступ» changes).
 */
export const keepCabinetRequestSheets = (app: App, pass: CabinetPass): void => {
  const access = app.master.table(ACCESS).read();
  const webApp = getSetting(app.master.table(SETTINGS), 'statusUrl');
  for (const c of pass.rows()) {
    if (!c.spreadsheetId) continue;
    const book = pass.open(String(c.spreadsheetId));
    keepSheets(app, book, String(c.subdivision), access);
    // Where the cabinet's sidebar asks for its requests to be carried out at once.
    if (webApp) recordInfo(book, { [WEB_APP_KEY]: webApp });
  }
};

/** What the web app answers the cabinet's sidebar. */
export interface RunNowReport {
  readonly done: number;
  readonly failed: number;
  readonly results: CabinetRequestsReport['results'];
}

/**
 * The web app's "carry out this cabinet's waiting requests now" (DESIGN §8): exactly the job's code path for one cabinet
 * — the requests on its protected sheets, under the script lock (so never beside the job or another such run), then the
 * cabinet's sheets from the master. It carries no authority: the requester of each row is its sheet's protection, as
 * for the job. An unknown spreadsheet id is refused before anything is opened.
 */
export const runCabinetNow = (app: App, spreadsheetId: string): RpcResult<RunNowReport> => {
  try {
    const cabinet = app.master
      .table(CABINETS)
      .read()
      .find((c) => String(c.spreadsheetId) === spreadsheetId && spreadsheetId !== '');
    if (!cabinet) return { ok: false, error: 'Кабинет не найден среди кабинетов банка.' };
    const subdivision = String(cabinet.subdivision);
    return app.lock.withLock(() => {
      const book = app.cabinets.open(spreadsheetId);
      const r = runCabinetRequests(app, book, subdivision);
      // The cabinet shows what its requests changed: the sheets they can have changed, from the master (not the year's
      // statistics or the board: the job's, daily) — a course's enrolment reads no applications.
      if (r.touched.size) refreshCabinet(book, cabinetMirror(app.master, subdivision, undefined, undefined, r.touched));
      return { ok: true as const, value: { done: r.done, failed: r.failed, results: r.results } };
    });
  } catch (e) {
    return { ok: false, error: errorText(e), interrupted: true };
  }
};

/**
 * What the job's run must rewrite in the cabinets: everything (a new day, a new cabinet, applications moved by the
 * territories' decisions), or only what its other work can have changed — the sheets a cabinet's requests touched in
 * that cabinet; every cabinet's course list and quotas after a course change (the Form's list follows course changes)
 * or new applications (the counts); every cabinet's people after a sharing change; every cabinet's register of groups
 * after documents were made — or nothing: the run's cost follows its work, not the bank.
 */
export const refreshPlan = (
  pass: CabinetPass,
  work: {
    readonly everything: boolean;
    readonly touched: Touched;
    readonly courses: boolean;
    readonly people: boolean;
    readonly documents: boolean;
  },
): Touched | 'all' | null => {
  if (work.everything) return 'all';
  if (!work.touched.size && !work.courses && !work.people && !work.documents) return null;
  const plan = new Map<string, Set<string>>();
  const add = (id: string, names: Iterable<string>) => plan.set(id, new Set([...(plan.get(id) ?? []), ...names]));
  work.touched.forEach((names, id) => add(id, names));
  for (const c of pass.rows().filter((r) => r.spreadsheetId)) {
    if (work.courses) add(String(c.spreadsheetId), [CABINET_COURSES.name, CABINET_QUOTAS.name]);
    if (work.people) add(String(c.spreadsheetId), [CABINET_PEOPLE.name]);
    if (work.documents) add(String(c.spreadsheetId), [CABINET_REGISTRY.name]);
  }
  return plan;
};

/**
 * Every cabinet's sheets from the master (only sheets that differ are written); «Кабинеты» gets the time. The statistics
 * are this calendar year's, from the master's ledger and archive (older years live in the yearly archives: the sector's),
 * and only with `statistics` (the day's first run: issue 19 — they read ten columns of every application and three of
 * the archive, seconds at 100,000, after every change otherwise). `only`: just these cabinets' sheets (refreshPlan).
 */
export const refreshCabinets = (app: App, pass: CabinetPass, statistics = true, only?: Touched): number => {
  let written = 0;
  const at = new Map<string, Partial<Row>>();
  const rows = pass.rows().filter((c) => c.spreadsheetId && (!only || only.has(String(c.spreadsheetId))));
  if (!rows.length) return 0;
  if (only) {
    // Only what this run's work can have changed, in the cabinets it concerns: no board, no statistics.
    for (const c of rows) {
      const id = String(c.spreadsheetId);
      written += refreshCabinet(pass.open(id), cabinetMirror(app.master, String(c.subdivision), undefined, undefined, only.get(id)));
      at.set(String(c.subdivision), { lastSync: app.clock.now() });
    }
    app.master.table(CABINETS).updateByIds(at);
    return written;
  }
  const year = app.clock.now().getFullYear();
  const stats = statistics
    ? statsRows(
        {
          ledger: app.master.table(LEDGER).readColumns(STATS_LEDGER_KEYS),
          archive: app.master.table(ARCHIVE).readColumns(STATS_ARCHIVE_KEYS),
          courses: app.master.table(COURSES).read(),
          territories: app.master.table(TERRITORIES).read(),
          quotas: app.master.table(QUOTAS).read(),
        },
        { from: new Date(year, 0, 1), to: new Date(year, 11, 31, 23, 59, 59) },
        null,
      )
    : undefined;
  // The control board (issue 17), once for every cabinet: each gets its subdivision's part.
  const board = controlBoard(app.master, null, app.clock.now());
  for (const c of rows) {
    written += refreshCabinet(pass.open(String(c.spreadsheetId)), cabinetMirror(app.master, String(c.subdivision), stats, board));
    at.set(String(c.subdivision), { lastSync: app.clock.now() });
  }
  if (at.size) app.master.table(CABINETS).updateByIds(at);
  return written;
};
