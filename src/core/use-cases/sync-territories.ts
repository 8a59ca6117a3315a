// The sync: carries out methodists' decisions from changed territory workbooks and refreshes their mirrors.
import type { Stage } from '../domain/lifecycle';
import { type BookStore, type Clock, inBatch, type Lock, type Properties, prefetch, type Table, type Workbook } from '../ports';
import { ARCHIVE, COURSES, JOURNAL, LEDGER, LETTER_TEMPLATES, PROVIDER_BANK, QUOTAS, SETTINGS, STAGE_COUNTS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { DECISION, DECISIONS, METHODIST_BANK, TERRITORY_SHEETS } from '../sheets/territory';
import { LedgerView, MOVE_KEYS } from './ledger-view';
import { queueMail, rejectionLetter } from './letters';
import { bookStatusRows, planBookStatus, planHistory, planQuotas, quotaMirror } from './mirrors';
import { type Move, moveApplications } from './move-applications';
import { QuotaBook } from './quotas';
import { loadCounts, type StageCounts } from './stage-counts';
import { waitlistNotes, waitlistPositions } from './waitlist';

export const SYNC_LAST_SEEN = 'EBPPK_SYNC_LAST_SEEN';
export const DIRTY_TERRITORIES = 'EBPPK_DIRTY_TERRITORIES';

/**
 * What waits for the sync's mirrors (issue 19): every territory, whole territories (their mirrors rebuilt from the
 * whole ledger), or just some applications of a territory (their «История» rows looked up and written).
 */
interface Dirty {
  all: boolean;
  full: Set<string>;
  ids: Map<string, Set<string>>;
}

const parseDirty = (raw: string | null): Dirty => {
  const d: Dirty = { all: raw === '*', full: new Set(), ids: new Map() };
  if (!raw || raw === '*') return d;
  const v = JSON.parse(raw) as string[] | { full?: string[]; ids?: Record<string, string[]> };
  // A list of codes is how runs before issue 19 stored it.
  (Array.isArray(v) ? v : (v.full ?? [])).forEach((c) => d.full.add(c));
  if (!Array.isArray(v)) Object.entries(v.ids ?? {}).forEach(([c, ids]) => d.ids.set(c, new Set(ids)));
  return d;
};

/** A property holds at most 9 KB: beyond this, a territory's applications give way to the whole territory. */
const DIRTY_MAX_CHARS = 8000;

/**
 * Operations that change applications outside their territory's workbook mark them, so the next sync refreshes their
 * mirrors: `'*'` every territory, a list of codes those territories whole, a map the applications of each territory.
 */
export const markDirty = (props: Properties, what: readonly string[] | '*' | ReadonlyMap<string, readonly string[]>): void => {
  const current = props.get(DIRTY_TERRITORIES);
  if (current === '*') return;
  if (what === '*') return void props.set(DIRTY_TERRITORIES, '*');
  const d = parseDirty(current);
  if (Array.isArray(what)) what.forEach((c) => d.full.add(c));
  else
    (what as ReadonlyMap<string, readonly string[]>).forEach((ids, code) => {
      if (d.full.has(code)) return;
      const set = d.ids.get(code) ?? new Set<string>();
      ids.forEach((id) => set.add(id));
      d.ids.set(code, set);
    });
  d.full.forEach((c) => d.ids.delete(c));
  const text = () => JSON.stringify({ full: [...d.full], ids: Object.fromEntries([...d.ids].map(([c, ids]) => [c, [...ids]])) });
  if (!d.full.size && !d.ids.size) return;
  let value = text();
  while (value.length > DIRTY_MAX_CHARS && d.ids.size) {
    const [biggest] = [...d.ids].sort((a, b) => b[1].size - a[1].size)[0];
    d.ids.delete(biggest);
    d.full.add(biggest);
    value = text();
  }
  if (value !== current) props.set(DIRTY_TERRITORIES, value);
};

/** Application ids by their territory (for `markDirty`). */
export const byTerritory = (ids: Iterable<string>, rows: ReadonlyMap<string, Row>): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const id of ids) {
    const t = String(rows.get(id)?.territory ?? '');
    if (t) out.set(t, [...(out.get(t) ?? []), id]);
  }
  return out;
};

export const NOTES = {
  noReason: 'Укажите причину отказа в столбце «Причина» — без неё заявка не отклонена.',
  unknownCourse: (c: string) => `Курса «${c}» нет в банке: сообщите руководителю курсов.`,
  closedCourse: (c: string) => `Запись на курс «${c}» закрыта.`,
  notInLedger: 'Этой заявки нет в «Реестре заявок» банка: сообщите в организационно-методический сектор.',
} as const;

export interface SyncDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly properties: Properties;
  readonly lock: Lock;
}

export interface SyncReport {
  readonly skipped: boolean;
  readonly books: number;
  readonly sent: number;
  readonly waitlisted: number;
  readonly rejected: number;
  readonly returned: number;
  readonly notes: number;
  readonly mirrors: number;
  readonly refused: string[];
  readonly touched: string[];
  /**
   * Something in the bank changed: a decision carried out, a mirror or note written, or territories marked dirty by
   * another operation. False when the run only re-read workbooks after the bank's own writes (they show up once as a
   * change), so what follows the sync (the cabinets) need not run.
   */
  readonly changed: boolean;
}

interface Counters {
  sent: number;
  waitlisted: number;
  rejected: number;
  returned: number;
  notes: number;
  refused: string[];
}

interface Master {
  ledger: Table;
  /**
   * The applications this run knows, whole, by id: every waitlisted one (when any territory has a waitlist), those whose
   * decisions it takes and those other operations marked. Moves update them in place.
   */
  rows: Map<string, Row>;
  courses: Map<string, Row>;
  quotas: QuotaBook;
  provider: Table;
  archive: Table;
  journal: Table;
}

/** Looks up, whole, the applications of `ids` this run does not know yet: a search of the ledger and those rows. */
const lookUp = (m: Master, ids: Iterable<string>): void => {
  const missing = [...new Set(ids)].filter((id) => !m.rows.has(id));
  if (missing.length) LedgerView.find(m.ledger, 'id', missing).rows.forEach((r, id) => m.rows.set(id, r));
};

const differs = (row: Row, patch: Partial<Row>): boolean => Object.keys(patch).some((k) => String(row[k] ?? '') !== String(patch[k] ?? ''));

/**
 * One territory's «Копилка методиста»: decide every row that carries a decision, and return a waitlisted one whose
 * decision was cleared. Only those rows are read (a search of «Решение», and of the waitlisted ids without one), and
 * only their applications from the ledger. Returns the ids moved.
 */
const processBook = (book: Workbook, territory: { code: string; name: string }, m: Master, deps: SyncDeps, n: Counters): string[] => {
  const bank = book.table(METHODIST_BANK);
  const rows = bank.find('decision', DECISIONS).map((f) => f.row);
  const withDecision = new Set(rows.map((r) => String(r.id)));
  const cleared: string[] = [];
  m.rows.forEach((r, id) => r.territory === territory.code && r.stage === 'waitlist' && !withDecision.has(id) && cleared.push(id));
  if (cleared.length) rows.push(...bank.find('id', cleared).map((f) => f.row));
  lookUp(
    m,
    rows.map((r) => String(r.id)),
  );
  const byMethodist: Move[] = [];
  const bySystem: Move[] = [];
  const notes = new Map<string, Partial<Row>>();
  const rejections: Array<{ id: string; course: string; reason: string }> = [];
  const note = (r: Row, patch: Partial<Row>) => differs(r, patch) && notes.set(String(r.id), patch);

  for (const r of rows) {
    const id = String(r.id);
    const rec = m.rows.get(id);
    if (!rec || rec.territory !== territory.code) {
      note(r, { bankNote: NOTES.notInLedger });
      continue;
    }
    const stage = rec.stage as Stage;
    const courseCode = String(rec.course);
    switch (r.decision) {
      case DECISION.send: {
        const course = m.courses.get(courseCode);
        if (stage === 'provider')
          byMethodist.push({ id, action: 'send' }); // an interrupted move: finish it
        else if (!course) note(r, { bankNote: NOTES.unknownCourse(courseCode) });
        else if (course.enrolment === 'закрыт') note(r, { bankNote: NOTES.closedCourse(courseCode) });
        else {
          const left = m.quotas.left(courseCode, territory.code);
          if (left !== null && left <= 0) {
            if (stage === 'methodist') bySystem.push({ id, action: 'waitlist' });
            // The waitlist pass writes why and the place in the queue («квота 5 из 5 занята»).
            note(r, { decision: DECISION.waitlist });
          } else {
            byMethodist.push({ id, action: 'send' });
            m.quotas.take(courseCode, territory.code);
          }
        }
        break;
      }
      case DECISION.reject: {
        const reason = String(r.reason ?? '').trim();
        if (!reason) note(r, { bankNote: NOTES.noReason });
        else {
          byMethodist.push({ id, action: 'reject', reason });
          rejections.push({ id, course: courseCode, reason });
        }
        break;
      }
      case DECISION.waitlist:
        // The note (the place in the queue) is written by the waitlist pass after the moves.
        if (stage === 'methodist') byMethodist.push({ id, action: 'waitlist' });
        break;
      default:
        if (stage === 'waitlist') {
          byMethodist.push({ id, action: 'unwaitlist' });
          note(r, { bankNote: '' });
        }
    }
  }

  // The records as they are before the moves (the rows are updated in place as the moves apply).
  const records = new Map([...byMethodist, ...bySystem].map((mv) => [mv.id, { ...(m.rows.get(mv.id) as Row) }]));
  const joining = [...byMethodist, ...bySystem]
    .filter((mv) => mv.action === 'waitlist')
    .map((mv) => ({ id: mv.id, course: String(m.rows.get(mv.id)?.course) }));
  const positions = waitlistPositions(territory.code, m.rows.values(), joining);
  const letters = rejections.map((r) => rejectionLetter(records.get(r.id) as Row, m.courses.get(r.course), r.reason));
  const ctx = (role: 'methodist' | 'system', actor: string) => ({
    ledgerRows: m.rows,
    records,
    ledger: m.ledger,
    journal: m.journal,
    source: bank,
    sourceSheet: 'territory' as const,
    destinations: { provider: m.provider, archive: m.archive },
    clock: deps.clock,
    actor,
    role,
    letters: { master: deps.master, courses: m.courses, positions },
    book: deps.master,
  });
  // Notes first: a row that leaves must not be written after it was deleted.
  const leaving = new Set(byMethodist.filter((mv) => mv.action === 'send' || mv.action === 'reject').map((mv) => mv.id));
  leaving.forEach((id) => notes.delete(id));
  bank.updateByIds(notes);
  n.notes += notes.size;
  // Mail is queued before the move: a crash between the two re-queues nothing (ids are stable) and loses nothing.
  queueMail(deps.master, letters, deps.clock);
  const moved: string[] = [];
  for (const [moves, role, actor] of [
    [bySystem, 'system', 'банк (квота)'],
    [byMethodist, 'methodist', `методист: ${territory.name}`],
  ] as const) {
    if (!moves.length) continue;
    const r = moveApplications(ctx(role, actor), moves);
    moved.push(...r.done);
    r.refused.forEach((x) => n.refused.push(`${x.id}: ${x.message}`));
    for (const id of r.done) {
      const action = moves.find((mv) => mv.id === id)?.action;
      if (action === 'send') n.sent++;
      else if (action === 'reject') n.rejected++;
      else if (action === 'waitlist') n.waitlisted++;
      else if (action === 'unwaitlist') n.returned++;
    }
  }
  return moved;
};

/**
 * Writes each waitlisted application's place in the queue, or the offer when a place is free, on «Копилка методиста»
 * (only rows whose note changes; those rows looked up, not the sheet read). `ledgerRows`: at least the territory's
 * waitlisted applications. Returns the rows written.
 */
const refreshWaitlistNotes = (
  book: Workbook,
  territory: string,
  ledgerRows: Iterable<Row>,
  courses: ReadonlyMap<string, Row>,
  quotas: QuotaBook,
  counts: StageCounts,
): number => {
  const wanted = waitlistNotes(territory, ledgerRows, courses, quotas, counts);
  if (!wanted.size) return 0;
  const bank = book.table(METHODIST_BANK);
  const patches = new Map<string, Partial<Row>>();
  for (const { row: r } of bank.find('id', [...wanted.keys()])) {
    const note = wanted.get(String(r.id));
    if (note !== undefined && note !== String(r.bankNote ?? '')) patches.set(String(r.id), { bankNote: note });
  }
  bank.updateByIds(patches);
  return patches.size;
};

export const syncTerritories = (deps: SyncDeps): SyncReport => {
  const { master, books, properties } = deps;
  const lastSeen = properties.get(SYNC_LAST_SEEN);
  const dirtyRaw = properties.get(DIRTY_TERRITORIES);
  const changes = books.changedSince(lastSeen ? Number(lastSeen) : null);
  const n: Counters = { sent: 0, waitlisted: 0, rejected: 0, returned: 0, notes: 0, refused: [] };
  if (!changes.length && !dirtyRaw) return { skipped: true, books: 0, mirrors: 0, touched: [], changed: false, ...n };

  const opened = new Map<string, Workbook>();
  const open = (id: string): Workbook => {
    let book = opened.get(id);
    if (!book) {
      book = books.open(id, TERRITORY_SHEETS);
      opened.set(id, book);
    }
    return book;
  };
  const dirty = parseDirty(dirtyRaw);
  let territories: Row[] = [];
  /** Territories whose mirrors are rebuilt from the whole ledger (a course or a workbook changed, or a long list). */
  const full = new Set<string>(dirty.full);
  /** Territories to refresh, with the applications whose «История» rows to look at. */
  const touched = new Map<string, Set<string>>();
  /** Territories whose decisions this run took: their «О книге» gets the new time (others only when its counts change). */
  const decided = new Set<string>();

  const m = deps.lock.withLock((): Master => {
    // The small sheets the sync reads whole (letters need their templates and settings), in one request.
    prefetch(master, [TERRITORIES, COURSES, QUOTAS, STAGE_COUNTS, LETTER_TEMPLATES, SETTINGS]);
    territories = master
      .table(TERRITORIES)
      .read()
      .filter((t) => t.workbookId);
    if (dirty.all) territories.forEach((t) => full.add(String(t.code)));
    full.forEach((c) => touched.set(c, new Set()));
    dirty.ids.forEach((ids, c) => touched.set(c, new Set([...(touched.get(c) ?? []), ...ids])));
    const byBook = new Map(territories.map((t) => [String(t.workbookId), { code: String(t.code), name: String(t.name) }]));
    const ledger = master.table(LEDGER);
    const counts = loadCounts(master, true);
    const m: Master = {
      ledger,
      rows: new Map(),
      courses: new Map(
        master
          .table(COURSES)
          .read()
          .map((c) => [String(c.code), c]),
      ),
      quotas: new QuotaBook(master.table(QUOTAS).read(), counts),
      provider: master.table(PROVIDER_BANK),
      archive: master.table(ARCHIVE),
      journal: master.table(JOURNAL),
    };
    // Every waitlisted application, when a territory has any (the queue's order and the cleared decisions need them).
    if (counts.rows().some((r) => Number(r.waitlist) > 0)) LedgerView.find(ledger, 'stage', ['waitlist']).rows.forEach((r, id) => m.rows.set(id, r));
    lookUp(
      m,
      [...touched].flatMap(([, ids]) => [...ids]),
    );
    const sentBefore = n.sent;
    for (const change of changes) {
      const territory = byBook.get(change.id);
      if (!territory) continue;
      const before = n.sent + n.rejected + n.waitlisted + n.returned;
      const moved = processBook(open(change.id), territory, m, deps, n);
      touched.set(territory.code, new Set([...(touched.get(territory.code) ?? []), ...moved]));
      if (n.sent + n.rejected + n.waitlisted + n.returned > before) decided.add(territory.code);
    }
    // Keep a course's applicants together in «Копилка поставщика».
    if (n.sent > sentBefore) m.provider.sortBy(['course', 'id']);
    return m;
  });

  // Mirrors and waitlist notes: only for territories whose workbook or applications changed, from the counts after
  // the moves (kept by the moves themselves) and the applications this run knows; the whole ledger's move columns only
  // for territories to rebuild whole.
  const counts = loadCounts(master, false);
  const quotas = new QuotaBook(master.table(QUOTAS).read(), counts);
  const courses = [...m.courses.values()];
  const whole = [...touched.keys()].some((c) => full.has(c)) ? new LedgerView(m.ledger, MOVE_KEYS) : null;
  let mirrors = 0;
  for (const t of territories) {
    const code = String(t.code);
    const ids = touched.get(code);
    if (!ids) continue;
    const book = open(String(t.workbookId));
    const rows = whole && full.has(code) ? [...whole.rows.values()] : [...m.rows.values()];
    n.notes += refreshWaitlistNotes(book, code, rows, m.courses, quotas, counts);
    const people = (list: readonly string[]) => (whole ? whole.full(list) : new Map(list.map((id) => [id, m.rows.get(id) as Row])));
    // Everything read first, then the writes together (one Sheets API request).
    const writes = [
      planQuotas(book, quotaMirror(code, courses, quotas, counts)),
      planHistory(book, code, rows, people, m.courses, whole && full.has(code) ? undefined : [...ids]),
    ];
    // «О книге» is written when decisions were taken here or its counts moved (a new application, say): a change the
    // cabinets follow too; never for the bank's own writes showing up as a change.
    writes.push(planBookStatus(book, bookStatusRows(String(t.name), code, deps.clock.now(), counts), decided.has(code)));
    mirrors += writes.filter((w) => w.changed).length;
    inBatch(book, () => writes.forEach((w) => w.write()));
  }

  // Remember Drive's latest modified time we have read: our own writes since then show up once more, harmlessly.
  if (changes.length) properties.set(SYNC_LAST_SEEN, String(Math.max(...changes.map((c) => c.modified))));
  // Cleared only if nobody marked more territories while this run worked (those wait for the next run) — compared and
  // cleared under the lock, which every execution that marks territories holds.
  if (dirtyRaw)
    deps.lock.withLock(() => {
      if (properties.get(DIRTY_TERRITORIES) === dirtyRaw) properties.set(DIRTY_TERRITORIES, '');
    });
  const changed = !!dirtyRaw || mirrors + n.sent + n.rejected + n.waitlisted + n.returned + n.notes + n.refused.length > 0;
  return { skipped: false, books: changes.length, mirrors, touched: [...touched.keys()].sort(), changed, ...n };
};
