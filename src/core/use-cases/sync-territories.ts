// The sync: carries out methodists' decisions from changed territory workbooks and refreshes their mirrors.
import type { Stage } from '../domain/lifecycle';
import type { BookStore, Clock, Lock, Properties, Table, Workbook } from '../ports';
import { ARCHIVE, COURSES, JOURNAL, LEDGER, PROVIDER_BANK, QUOTAS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { DECISION, METHODIST_BANK } from '../sheets/territory';
import { LedgerView, MOVE_KEYS } from './ledger-view';
import { queueMail, rejectionLetter } from './letters';
import { bookStatusRows, quotaMirror, refreshMirrors, writeBookStatus } from './mirrors';
import { type Move, moveApplications } from './move-applications';
import { QuotaBook } from './quotas';
import { waitlistNotes, waitlistPositions } from './waitlist';

export const SYNC_LAST_SEEN = 'EBPPK_SYNC_LAST_SEEN';
export const DIRTY_TERRITORIES = 'EBPPK_DIRTY_TERRITORIES';

/** Operations that change applications of a territory outside its workbook mark it, so the next sync refreshes its mirrors. */
export const markDirty = (props: Properties, codes: readonly string[] | '*'): void => {
  const current = props.get(DIRTY_TERRITORIES);
  if (current === '*') return;
  if (codes === '*') {
    props.set(DIRTY_TERRITORIES, '*');
    return;
  }
  const set = new Set<string>(current ? (JSON.parse(current) as string[]) : []);
  const before = set.size;
  codes.forEach((c) => set.add(c));
  if (set.size !== before || current === null) props.set(DIRTY_TERRITORIES, JSON.stringify([...set]));
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
  view: LedgerView;
  ledgerRows: Map<string, Row>;
  courses: Map<string, Row>;
  quotas: QuotaBook;
  provider: Table;
  archive: Table;
  journal: Table;
}

const differs = (row: Row, patch: Partial<Row>): boolean => Object.keys(patch).some((k) => String(row[k] ?? '') !== String(patch[k] ?? ''));

/** One territory's «Копилка методиста»: decide every row that carries a decision. */
const processBook = (book: Workbook, territory: { code: string; name: string }, m: Master, deps: SyncDeps, n: Counters): void => {
  const bank = book.table(METHODIST_BANK);
  const rows = bank.read();
  const byMethodist: Move[] = [];
  const bySystem: Move[] = [];
  const notes = new Map<string, Partial<Row>>();
  const rejections: Array<{ id: string; course: string; reason: string }> = [];
  const note = (r: Row, patch: Partial<Row>) => differs(r, patch) && notes.set(String(r.id), patch);

  for (const r of rows) {
    const id = String(r.id);
    const rec = m.ledgerRows.get(id);
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

  // Full records only for the applications that move (the index has no e-mail, СНИЛС …).
  const records = m.view.full([...byMethodist, ...bySystem].map((mv) => mv.id));
  const joining = [...byMethodist, ...bySystem]
    .filter((mv) => mv.action === 'waitlist')
    .map((mv) => ({ id: mv.id, course: String(m.ledgerRows.get(mv.id)?.course) }));
  const positions = waitlistPositions(territory.code, m.ledgerRows.values(), joining);
  const letters = rejections.map((r) => rejectionLetter(records.get(r.id) as Row, m.courses.get(r.course), r.reason));
  const ctx = (role: 'methodist' | 'system', actor: string) => ({
    ledgerRows: m.ledgerRows,
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
  for (const [moves, role, actor] of [
    [bySystem, 'system', 'банк (квота)'],
    [byMethodist, 'methodist', `методист: ${territory.name}`],
  ] as const) {
    if (!moves.length) continue;
    const r = moveApplications(ctx(role, actor), moves);
    r.refused.forEach((x) => n.refused.push(`${x.id}: ${x.message}`));
    for (const id of r.done) {
      const action = moves.find((mv) => mv.id === id)?.action;
      if (action === 'send') n.sent++;
      else if (action === 'reject') n.rejected++;
      else if (action === 'waitlist') n.waitlisted++;
      else if (action === 'unwaitlist') n.returned++;
    }
  }
};

/**
 * Writes each waitlisted application's place in the queue, or the offer when a place is free, on «Копилка методиста»
 * (only rows whose note changes). Reads the sheet only when the territory has a waitlist. Returns the rows written.
 */
const refreshWaitlistNotes = (book: Workbook, territory: string, ledgerRows: readonly Row[], courses: ReadonlyMap<string, Row>, quotas: QuotaBook): number => {
  if (!ledgerRows.some((r) => r.territory === territory && r.stage === 'waitlist')) return 0;
  const wanted = waitlistNotes(territory, ledgerRows, courses, quotas);
  const bank = book.table(METHODIST_BANK);
  const patches = new Map<string, Partial<Row>>();
  for (const r of bank.read()) {
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

  const territories = master
    .table(TERRITORIES)
    .read()
    .filter((t) => t.workbookId);
  const byBook = new Map(territories.map((t) => [String(t.workbookId), { code: String(t.code), name: String(t.name) }]));
  const opened = new Map<string, Workbook>();
  const open = (id: string): Workbook => {
    let book = opened.get(id);
    if (!book) {
      book = books.open(id);
      opened.set(id, book);
    }
    return book;
  };
  const touched = new Set<string>(dirtyRaw === '*' ? territories.map((t) => String(t.code)) : dirtyRaw ? (JSON.parse(dirtyRaw) as string[]) : []);
  /** Territories whose decisions this run took: their «О книге» gets the new time (others only when its counts change). */
  const decided = new Set<string>();

  const m = deps.lock.withLock((): Master => {
    const ledger = master.table(LEDGER);
    // The move columns only: person fields for «История» come from the mirror itself or, for rows it lacks,
    // from the full records of just those applications.
    const view = new LedgerView(ledger, MOVE_KEYS);
    const ledgerRows = view.rows;
    const m: Master = {
      ledger,
      view,
      ledgerRows,
      courses: new Map(
        master
          .table(COURSES)
          .read()
          .map((c) => [String(c.code), c]),
      ),
      quotas: new QuotaBook(master.table(QUOTAS).read(), ledgerRows.values()),
      provider: master.table(PROVIDER_BANK),
      archive: master.table(ARCHIVE),
      journal: master.table(JOURNAL),
    };
    const sentBefore = n.sent;
    for (const change of changes) {
      const territory = byBook.get(change.id);
      if (!territory) continue;
      const before = n.sent + n.rejected + n.waitlisted + n.returned;
      processBook(open(change.id), territory, m, deps, n);
      touched.add(territory.code);
      if (n.sent + n.rejected + n.waitlisted + n.returned > before) decided.add(territory.code);
    }
    // Keep a course's applicants together in «Копилка поставщика».
    if (n.sent > sentBefore) m.provider.sortBy(['course', 'id']);
    return m;
  });

  // Mirrors and waitlist notes: only for territories whose workbook or applications changed.
  const courses = [...m.courses.values()];
  const ledgerRows = [...m.ledgerRows.values()];
  let mirrors = 0;
  for (const t of territories) {
    if (!touched.has(String(t.code))) continue;
    const code = String(t.code);
    n.notes += refreshWaitlistNotes(open(String(t.workbookId)), code, ledgerRows, m.courses, m.quotas);
    const quotaRows = quotaMirror(code, courses, m.quotas, ledgerRows);
    mirrors += refreshMirrors(open(String(t.workbookId)), quotaRows, code, ledgerRows, (ids) => m.view.full(ids), m.courses);
    writeBookStatus(open(String(t.workbookId)), bookStatusRows(String(t.name), code, deps.clock.now(), ledgerRows), decided.has(code));
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
  return { skipped: false, books: changes.length, mirrors, touched: [...touched].sort(), changed, ...n };
};
