// Places accepted applications: the full record in «Реестр заявок» (master), the methodist's copy in the territory's
// «Копилка методиста» (no СНИЛС, no birth date), a «Журнал» row each. One append per sheet, whatever the count.
import { STAGE_LABELS } from '../domain/lifecycle';
import { showPhone } from '../domain/person';
import { type BookStore, type Clock, inBatch, type Workbook } from '../ports';
import { COURSES, JOURNAL, LEDGER, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { METHODIST_BANK } from '../sheets/territory';
import { prepareCounts } from './stage-counts';

export interface AdmitDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly actor: string;
}

/** The methodist's copy: only the columns declared on «Копилка методиста» survive encoding; СНИЛС is not among them. */
export const methodistRow = (app: Row, courseTitle: string): Row => ({
  ...Object.fromEntries(METHODIST_BANK.columns.map((c) => [c.key, app[c.key] ?? ''])),
  courseTitle,
  phone: showPhone(app.phone),
  decision: '',
  reason: '',
  bankNote: '',
});

/**
 * `apps` are full ledger records with stage 'methodist'. Ledger first: a crash after it leaves an application the
 * integrity check reports and `admitApplications` re-places (it skips ids already in the territory's piggy bank).
 */
export interface AdmitLookups {
  /** Course code → title, and territory code → workbook id, when the caller has read them already. */
  readonly titles?: ReadonlyMap<string, string>;
  readonly bookOf?: ReadonlyMap<string, string>;
  /** Which of these applications' ids the ledger holds, when the caller knows already (else one look-up). */
  readonly ledgerIds?: ReadonlySet<string>;
}

export const admitApplications = (deps: AdmitDeps, apps: readonly Row[], lookups: AdmitLookups = {}): void => {
  if (!apps.length) return;
  const now = deps.clock.now();
  const ledger = deps.master.table(LEDGER);
  const known = lookups.ledgerIds ?? ledger.present(apps.map((a) => String(a.id)));
  const fresh = apps.filter((a) => !known.has(String(a.id)));
  const counts = prepareCounts(
    deps.master,
    fresh.map((a) => ({ course: String(a.course), territory: String(a.territory), from: null, to: 'methodist' as const })),
  );
  // The ledger, the journal and «Счётчики» together (one request in Apps Script).
  inBatch(deps.master, () => {
    ledger.append(fresh.map((a) => ({ ...a, stage: 'methodist', updatedAt: now, updatedBy: deps.actor })));
    deps.master
      .table(JOURNAL)
      .append(
        fresh.map((a) => ({ at: now, actor: deps.actor, action: 'заявка принята', applicationId: a.id, from: '', to: STAGE_LABELS.methodist, reason: '' })),
      );
    counts.write();
  });
  const titles =
    lookups.titles ??
    new Map(
      deps.master
        .table(COURSES)
        .read()
        .map((c) => [String(c.code), String(c.title)]),
    );
  const bookOf =
    lookups.bookOf ??
    new Map(
      deps.master
        .table(TERRITORIES)
        .read()
        .map((t) => [String(t.code), String(t.workbookId)]),
    );
  const byTerritory = new Map<string, Row[]>();
  for (const a of apps) {
    const list = byTerritory.get(String(a.territory));
    if (list) list.push(a);
    else byTerritory.set(String(a.territory), [a]);
  }
  byTerritory.forEach((rows, code) => {
    const id = bookOf.get(code);
    if (!id) throw new Error(`У территории «${code}» нет книги: выполните «ЕБППК → Настроить банк».`);
    const bank = deps.books.open(id).table(METHODIST_BANK);
    const present = bank.present(rows.map((r) => String(r.id)));
    bank.append(rows.filter((r) => !present.has(String(r.id))).map((r) => methodistRow(r, titles.get(String(r.course)) ?? '')));
  });
};
