// Yearly rollover: archive rows of years before a chosen one move, with their ledger rows, to «ЕБППК — Архив <год>»,
// so the master stays far below Google Sheets' 10-million-cell limit. Idempotent: a stopped run is finished by the next.
import type { BookStore, Clock, Lock, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ARCHIVE, LEDGER, OUTBOX, SETTINGS } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { anonymiseBook, anonymiseLetters, retentionYears } from './consent';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { LedgerView } from './ledger-view';
import { getSetting, setSetting } from './settings';
import { recountStages } from './stage-counts';

export interface RolloverDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly lock: Lock;
}

const yearOf = (r: Row): number | null => {
  const d = r.archivedAt instanceof Date ? r.archivedAt : r.issueDate instanceof Date ? r.issueDate : null;
  return d ? d.getFullYear() : null;
};

export const archiveKey = (year: number) => `archive.${year}`;

export const rolloverArchive = (
  deps: RolloverDeps,
  user: CurrentUser,
  beforeYear: number,
): Result<{ years: Array<{ year: number; moved: number; spreadsheet: string }>; anonymised: number }, string> =>
  deps.lock.withLock(() => {
    if (beforeYear > deps.clock.now().getFullYear()) return err('Переносить можно только прошедшие годы.');
    const archive = deps.master.table(ARCHIVE);
    const byYear = new Map<number, Row[]>();
    for (const r of archive.read()) {
      const y = yearOf(r);
      if (y === null || y >= beforeYear) continue;
      const list = byYear.get(y);
      if (list) list.push(r);
      else byYear.set(y, [r]);
    }
    const settings = deps.master.table(SETTINGS);
    const ledgerView = new LedgerView(deps.master.table(LEDGER), ['id']);
    const years: Array<{ year: number; moved: number; spreadsheet: string }> = [];
    for (const [year, rows] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
      let id = getSetting(settings, archiveKey(year));
      if (!id) {
        id = deps.books.create(`ЕБППК — Архив ${year}`, [ARCHIVE, LEDGER]).id;
        setSetting(settings, archiveKey(year), id);
      }
      const book = deps.books.open(id);
      const ids = rows.map((r) => String(r.id));
      // Copy first (skipping what an interrupted run already copied), then delete from the master.
      const targetArchive = book.table(ARCHIVE);
      const haveArchive = new Set(targetArchive.ids());
      targetArchive.append(rows.filter((r) => !haveArchive.has(String(r.id))));
      const targetLedger = book.table(LEDGER);
      const haveLedger = new Set(targetLedger.ids());
      const ledgerRows = [...ledgerView.full(ids.filter((x) => !haveLedger.has(x))).values()];
      targetLedger.append(ledgerRows);
      // The ledger rows go before the archive rows: the archive rows are what a re-run starts from.
      deps.master.table(LEDGER).deleteByIds(ids);
      archive.deleteByIds(ids);
      years.push({ year, moved: rows.length, spreadsheet: id });
    }
    // The ledger lost those rows: «Счётчики» follows.
    if (years.length) recountStages(deps.master);
    if (years.length) {
      journal(deps.master, {
        at: deps.clock.now(),
        actor: user.email,
        action: 'годовой перенос архива',
        reason: years.map((y) => `${y.year}: ${y.moved}`).join('; '),
      });
    }
    // Retention (152-ФЗ): rows archived more than `retentionYears` full years ago, and those of people who withdrew
    // consent, lose the person (the statistics keep territory, position, sex, age band). The master and every yearly archive.
    const now = deps.clock.now();
    const keep = retentionYears(deps.master);
    const lastYear = now.getFullYear() - keep - 1;
    const done = new Set(anonymiseBook(deps.master, lastYear, now));
    // A yearly archive made by another sector member belongs to them: if this one cannot open it, say so and go on.
    const unreachable: string[] = [];
    for (const r of settings.read()) {
      const m = /^archive\.(\d{4})$/.exec(String(r.key));
      if (!m || !String(r.value)) continue;
      try {
        anonymiseBook(deps.books.open(String(r.value)), lastYear, now).forEach((x) => done.add(x));
      } catch (e) {
        unreachable.push(`${m[1]}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (unreachable.length) journal(deps.master, { at: now, actor: user.email, action: 'обезличивание: архив недоступен', reason: unreachable.join('; ') });
    if (done.size) {
      anonymiseLetters(deps.master.table(OUTBOX), done);
      journal(deps.master, {
        at: now,
        actor: user.email,
        action: 'обезличивание',
        reason: `обезличено заявок: ${done.size} (архив до ${lastYear} года включительно — срок хранения ${keep} лет, и отозвавшие согласие)`,
      });
    }
    return ok({ years, anonymised: done.size });
  });
