// Personal data under 152-ФЗ (issue 16): a person withdraws consent (the status page, or the sector on their request),
// and the yearly rollover anonymises what the retention period no longer covers.
//
// Withdrawal marks every application of the person (same СНИЛС, any course) in «Реестр заявок», cancels their waiting
// letters and sends no more, and withdraws what has not started — at the methodist, in the waitlist, at the provider. A
// person already in a group stays there: the course's documents (the order, the certificate, ФИС ФРДО) are what the law
// obliges the provider to keep; those rows are anonymised by the next rollover once archived.
import { STAGE_SHEET, type Stage } from '../domain/lifecycle';
import { consentWithdrawn } from '../domain/person';
import type { BookStore, Clock, Lock, Properties, Table, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ARCHIVE, GROUPS, JOURNAL, LEDGER, LETTER_STATUS, OUTBOX, PROVIDER_BANK, SETTINGS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { METHODIST_BANK } from '../sheets/territory';
import { ageAt, ageBand } from '../stats/dimensions';
import { LedgerView, MOVE_KEYS } from './ledger-view';
import { type Move, moveApplications } from './move-applications';
import { MAX_ATTEMPTS } from './outbox';
import { requestOwnerWork } from './owner-work';
import { getSetting } from './settings';
import { byTerritory, markDirty } from './sync-territories';

export const CONSENT_WITHDRAWN = 'отзыв согласия на обработку персональных данных';

export interface ConsentDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly lock: Lock;
  readonly properties: Properties;
}

export interface Withdrawal {
  readonly id: string;
  /** Every application of the person, now marked. */
  readonly applications: number;
  /** Withdrawn because they had not started. */
  readonly withdrawn: string[];
  /** In a group: kept for the course's documents, anonymised after the archive. */
  readonly kept: string[];
  readonly letters: number;
  /** Still at a methodist's: withdrawn by the owner's job (a sidebar runs as the clicker, who cannot open the workbook). */
  readonly deferred: string[];
}

const ACTIVE_BEFORE_COURSE: ReadonlySet<Stage> = new Set<Stage>(['methodist', 'waitlist', 'provider']);

/** `actor` is who is recorded («заявитель (страница статуса)» or the sector member); idempotent. */
export const withdrawConsent = (
  deps: ConsentDeps,
  actor: { email: string; role: 'sector' | 'system' },
  id: string,
  opts: { ownerExecution: boolean },
): Result<Withdrawal, string> =>
  deps.lock.withLock(() => {
    const ledger = deps.master.table(LEDGER);
    const view = new LedgerView(ledger, [...MOVE_KEYS, 'personKey']);
    const app = view.rows.get(id);
    if (!app) return err(`Заявки ${id} нет в «Реестре заявок».`);
    const key = String(app.personKey ?? '');
    const ids = [...view.rows.values()].filter((r) => r.id === id || (key && r.personKey === key)).map((r) => String(r.id));
    const records = view.full(ids);
    const now = deps.clock.now();

    // 1. No more letters: the waiting ones are cancelled before anything else.
    const outbox = deps.master.table(OUTBOX);
    const mine = new Set(ids);
    const waiting = outbox
      .read()
      .filter((l) => mine.has(String(l.id).split('/')[0]))
      .filter((l) => l.status === LETTER_STATUS.queued || (l.status === LETTER_STATUS.failed && Number(l.attempts) < MAX_ATTEMPTS));
    outbox.updateByIds(new Map(waiting.map((l) => [String(l.id), { status: LETTER_STATUS.cancelled, error: 'согласие отозвано' }])));

    // 2. The mark, on every application of the person not marked yet (and on the records the moves copy).
    const fresh = ids.filter((x) => !consentWithdrawn(records.get(x) ?? {}));
    ledger.updateByIds(new Map(fresh.map((x) => [x, { consentWithdrawnAt: now }])));
    records.forEach((r) => {
      if (!consentWithdrawn(r)) r.consentWithdrawnAt = now;
    });
    // A learner kept in a group carries the mark on «Группы» too: completion and the archive copy that row.
    const inGroups = ids.filter((x) => view.rows.get(x)?.stage === 'group');
    deps.master.table(GROUPS).updateByIds(new Map(inGroups.map((x) => [x, { consentWithdrawnAt: now }])));
    deps.master
      .table(JOURNAL)
      .append(fresh.map((x) => ({ at: now, actor: actor.email, action: 'отзыв согласия', applicationId: x, from: '', to: '', reason: CONSENT_WITHDRAWN })));

    // 3. What has not started is withdrawn (no letter: the person asked for none).
    const pending = ids.filter((x) => ACTIVE_BEFORE_COURSE.has(view.rows.get(x)?.stage as Stage));
    const move = (source: Table, sourceSheet: 'provider' | 'territory', list: string[]) =>
      list.length
        ? moveApplications(
            {
              ledgerRows: view.rows,
              records,
              ledger,
              journal: deps.master.table(JOURNAL),
              book: deps.master,
              source,
              sourceSheet,
              destinations: { archive: deps.master.table(ARCHIVE) },
              clock: deps.clock,
              actor: actor.email,
              role: actor.role,
            },
            list.map((x): Move => ({ id: x, action: 'withdraw', reason: CONSENT_WITHDRAWN })),
          ).done
        : [];
    const withdrawn = move(
      deps.master.table(PROVIDER_BANK),
      'provider',
      pending.filter((x) => STAGE_SHEET[view.rows.get(x)?.stage as Stage] === 'provider'),
    );
    // At a methodist's the application is in the territory's workbook, which only the owner (and the methodists) can
    // open: the status page runs as the owner and does it now; the sector's sidebar runs as the clicker, so the owner's job
    // does it at its next run (`finishConsentWithdrawals`).
    const atMethodists = pending.filter((x) => STAGE_SHEET[view.rows.get(x)?.stage as Stage] === 'territory');
    if (atMethodists.length && opts.ownerExecution) withdrawn.push(...withdrawAtMethodists(deps, view, records, atMethodists, actor));
    else if (atMethodists.length) requestOwnerWork(deps.properties, 'consent');
    markDirty(deps.properties, byTerritory(ids, view.rows));
    return ok({
      id,
      applications: ids.length,
      withdrawn,
      kept: inGroups,
      letters: waiting.length,
      deferred: opts.ownerExecution ? [] : atMethodists,
    });
  });

/** Withdraws applications still at their territory's methodist, one move per territory workbook (the owner's to open). */
const withdrawAtMethodists = (
  deps: ConsentDeps,
  view: LedgerView,
  records: ReadonlyMap<string, Row>,
  ids: readonly string[],
  actor: { email: string; role: 'sector' | 'system' },
): string[] => {
  const books = new Map(
    deps.master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.workbookId ?? '')]),
  );
  const byTerritory = new Map<string, string[]>();
  for (const x of ids) {
    const t = String(view.rows.get(x)?.territory);
    byTerritory.set(t, [...(byTerritory.get(t) ?? []), x]);
  }
  const done: string[] = [];
  byTerritory.forEach((list, t) => {
    const bookId = books.get(t);
    if (!bookId) return;
    done.push(
      ...moveApplications(
        {
          ledgerRows: view.rows,
          records,
          ledger: view.table,
          journal: deps.master.table(JOURNAL),
          book: deps.master,
          source: deps.books.open(bookId).table(METHODIST_BANK),
          sourceSheet: 'territory',
          destinations: { archive: deps.master.table(ARCHIVE) },
          clock: deps.clock,
          actor: actor.email,
          role: actor.role,
        },
        list.map((x): Move => ({ id: x, action: 'withdraw', reason: CONSENT_WITHDRAWN })),
      ).done,
    );
  });
  return done;
};

/**
 * The owner's job, when a withdrawal recorded from a sidebar left applications at methodists: withdraws every
 * application marked «Согласие отозвано» that still waits at a methodist's. Returns the ids withdrawn.
 */
export const finishConsentWithdrawals = (deps: ConsentDeps): string[] =>
  deps.lock.withLock(() => {
    const view = new LedgerView(deps.master.table(LEDGER), [...MOVE_KEYS, 'consentWithdrawnAt']);
    const ids = [...view.rows.values()].filter((r) => STAGE_SHEET[r.stage as Stage] === 'territory' && consentWithdrawn(r)).map((r) => String(r.id));
    if (!ids.length) return [];
    const done = withdrawAtMethodists(deps, view, view.full(ids), ids, { email: 'банк (отзыв согласия)', role: 'system' });
    markDirty(deps.properties, byTerritory(ids, view.rows));
    return done;
  });

// ——— Retention ———

/** Years personal data stays after the course (`retentionYears` on «Настройки»). */
export const RETENTION_YEARS = 5;

export const retentionYears = (master: Workbook): number => {
  const v = Number(getSetting(master.table(SETTINGS), 'retentionYears'));
  return v > 0 ? v : RETENTION_YEARS;
};

/** What anonymisation blanks: the person, not the statistics' dimensions (territory, position, sex, age band). */
const PERSONAL = ['lastName', 'firstName', 'middleName', 'email', 'phone', 'organization', 'snils', 'birthDate', 'diplomaLastName', 'personKey'] as const;

/** The patch that anonymises a row of «Архив» or «Реестр заявок» archived in `year`. */
export const anonymised = (row: Row, year: number, now: Date): Partial<Row> => ({
  ...Object.fromEntries(PERSONAL.map((k) => [k, ''])),
  ageBand: row.birthDate instanceof Date ? ageBand(ageAt(row.birthDate, new Date(year, 11, 31))) : String(row.ageBand ?? ''),
  anonymisedAt: now,
});

const yearOf = (r: Row): number | null => {
  const d = r.archivedAt instanceof Date ? r.archivedAt : r.issueDate instanceof Date ? r.issueDate : null;
  return d ? d.getFullYear() : null;
};

/**
 * Anonymises, in one workbook's «Архив» and «Реестр заявок», the archived applications older than the retention period
 * (archived in `lastKeptYear` or before) and those whose person withdrew consent. Returns the application ids done.
 */
export const anonymiseBook = (book: Workbook, lastYear: number, now: Date): string[] => {
  const ledger = book.table(LEDGER);
  const ledgerRows = new Map(ledger.read().map((r) => [String(r.id), r]));
  const archive = book.table(ARCHIVE);
  const due = new Map<string, Row>();
  for (const r of archive.read()) {
    const y = yearOf(r);
    if (r.anonymisedAt instanceof Date || y === null) continue;
    // The ledger is the record of a withdrawal (the archive row may be a copy made before it).
    if (y <= lastYear || consentWithdrawn(r) || consentWithdrawn(ledgerRows.get(String(r.id)) ?? {})) due.set(String(r.id), { ...r, year: y });
  }
  if (!due.size) return [];
  archive.updateByIds(new Map([...due].map(([id, r]) => [id, anonymised(r, Number(r.year), now)])));
  const patches = new Map<string, Partial<Row>>();
  due.forEach((r, id) => {
    const l = ledgerRows.get(id);
    if (l) patches.set(id, anonymised(l, Number(r.year), now));
  });
  ledger.updateByIds(patches);
  return [...due.keys()];
};

/** Letters of anonymised applications lose their address and text (the subject names only the application and course). */
export const anonymiseLetters = (outbox: Table, ids: ReadonlySet<string>): number => {
  const patches = new Map(
    outbox
      .read()
      .filter((l) => ids.has(String(l.id).split('/')[0]) && (String(l.to) || String(l.body)))
      .map((l) => [String(l.id), { to: '', body: '' }]),
  );
  outbox.updateByIds(patches);
  return patches.size;
};
