// Territory workbooks: one per territory, created by setup, shared with exactly that territory's methodists.
import type { BookStore, Clock, Workbook } from '../ports';
import { ACCESS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { TERRITORY_SHEETS } from '../sheets/territory';
import { journal } from './journal';

export const bookName = (territoryName: string): string => `ЕБППК — ${territoryName}`;

export interface BooksReport {
  readonly created: string[];
  readonly shared: number;
  readonly unshared: number;
  /** Territories left for the next run because the time budget ran out. */
  readonly remaining: number;
}

export interface BooksDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly actor: string;
  /** Stop starting new work after this many ms (Apps Script stops an execution at 6 minutes). */
  readonly budgetMs: number;
}

/** Active methodists by territory code, lower-case e-mails. */
export const methodistsByTerritory = (access: readonly Row[]): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const a of access) {
    if (a.role !== 'methodist' || a.active !== true) continue;
    const code = String(a.scope).trim();
    if (!out.has(code)) out.set(code, new Set());
    (out.get(code) as Set<string>).add(String(a.email).trim().toLowerCase());
  }
  return out;
};

/**
 * Creates the missing workbooks and re-syncs sharing: editors are exactly the territory's active methodists.
 * Resumable: each workbook id is recorded as soon as it exists, so a run stopped by the time budget loses nothing.
 */
export const ensureTerritoryBooks = (deps: BooksDeps): BooksReport => {
  const start = deps.clock.now().getTime();
  const territoriesTable = deps.master.table(TERRITORIES);
  const territories = territoriesTable.read().filter((t) => t.active === true && String(t.code));
  const methodists = methodistsByTerritory(deps.master.table(ACCESS).read());
  const created: string[] = [];
  let shared = 0;
  let unshared = 0;
  let remaining = 0;
  for (const t of territories) {
    if (deps.clock.now().getTime() - start > deps.budgetMs) {
      remaining++;
      continue;
    }
    let id = String(t.workbookId);
    if (!id) {
      id = deps.books.create(bookName(String(t.name)), TERRITORY_SHEETS).id;
      territoriesTable.updateByIds(new Map([[String(t.code), { workbookId: id }]]));
      created.push(String(t.name));
    } else {
      const book = deps.books.open(id);
      TERRITORY_SHEETS.forEach((spec) => book.ensure(spec));
    }
    const want = methodists.get(String(t.code)) ?? new Set<string>();
    const have = new Set(deps.books.editors(id));
    const add = [...want].filter((e) => !have.has(e));
    const remove = [...have].filter((e) => !want.has(e));
    if (add.length || remove.length) deps.books.share(id, add, remove);
    shared += add.length;
    unshared += remove.length;
  }
  if (created.length || shared || unshared) {
    journal(deps.master, {
      at: deps.clock.now(),
      actor: deps.actor,
      action: 'книги территорий',
      reason: [created.length ? `созданы: ${created.length}` : '', shared ? `открыт доступ: ${shared}` : '', unshared ? `закрыт доступ: ${unshared}` : '']
        .filter(Boolean)
        .join('; '),
    });
  }
  return { created, shared, unshared, remaining };
};
