import { ACCESS, TERRITORIES } from '../../src/core/sheets/master';
import { METHODIST_BANK, TERRITORY_SHEETS } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { ensureTerritoryBooks } from '../../src/core/use-cases/territory-books';
import { anApplication, bookOf, memoryBank } from '../builders';

describe('territory workbooks', () => {
  it('creates one workbook per territory with the three sheets, named after it, and records its id', () => {
    const { master, books } = memoryBank();
    const territories = master.table(TERRITORIES).read();
    expect(books.books.size).toBe(43);
    expect(new Set(territories.map((t) => t.workbookId)).size).toBe(43);
    const perm = books.books.get(String(territories.find((t) => t.code === 'perm')?.workbookId));
    expect(perm?.name).toBe('ЕБППК — Пермский городской округ');
    expect([...(perm?.workbook.grids.keys() ?? [])]).toEqual(TERRITORY_SHEETS.map((s) => s.name));
  });

  it('shares each workbook with exactly its territory’s methodists', () => {
    const { master, books } = memoryBank();
    for (const t of master.table(TERRITORIES).read()) {
      const expected = t.code === 'perm' ? ['m1@perm.edu.ru', 'm2@perm.edu.ru'] : t.code === 'kungursky' ? ['m@kungur.edu.ru'] : [];
      expect(books.editors(String(t.workbookId))).toEqual(expected);
    }
  });

  it('re-running creates nothing new and removes a revoked methodist', () => {
    const { master, books, clock } = memoryBank();
    master.table(ACCESS).updateByIds(new Map([['m2@perm.edu.ru', { active: false }]]));
    const r = ensureTerritoryBooks({ master, books, clock, actor: 'owner', budgetMs: 1e9 });
    expect(r).toEqual({ created: [], shared: 0, unshared: 1, remaining: 0 });
    expect(books.books.size).toBe(43);
    expect(books.editors(String(master.table(TERRITORIES).read()[0].workbookId))).toEqual(['m1@perm.edu.ru']);
  });

  it('stops at the time budget and finishes on the next run without duplicates', () => {
    const { master, clock } = memoryBank();
    const fresh = new (require('../../src/adapters/memory/memory-book-store').MemoryBookStore)();
    master.table(TERRITORIES).updateByIds(
      new Map(
        master
          .table(TERRITORIES)
          .read()
          .map((t) => [String(t.code), { workbookId: '' }]),
      ),
    );
    const ticking = { now: () => (clock.advance(1000), clock.now()) };
    const first = ensureTerritoryBooks({ master, books: fresh, clock: ticking, actor: 'owner', budgetMs: 10_000 });
    expect(first.created.length).toBeGreaterThan(0);
    expect(first.remaining).toBe(43 - first.created.length);
    const second = ensureTerritoryBooks({ master, books: fresh, clock, actor: 'owner', budgetMs: 1e9 });
    expect(second.created.length + first.created.length).toBe(43);
    expect(fresh.books.size).toBe(43);
  });

  it('gives a methodist only their territory’s applicants, without СНИЛС or birth date', () => {
    const { master, books, clock } = memoryBank();
    admitApplications({ master, books, clock, actor: 'форма' }, [anApplication(1), anApplication(2, { territory: 'kungursky' }), anApplication(3)]);
    const perm = bookOf(master, books, 'perm').table(METHODIST_BANK).read();
    const kungur = bookOf(master, books, 'kungursky').table(METHODIST_BANK).read();
    expect(perm.map((r) => r.id)).toEqual(['2026-000001', '2026-000003']);
    expect(kungur.map((r) => r.id)).toEqual(['2026-000002']);
    const headers = METHODIST_BANK.columns.map((c) => c.header);
    expect(headers).not.toEqual(expect.arrayContaining(['СНИЛС']));
    expect(headers).not.toContain('Дата рождения');
    expect(JSON.stringify(perm)).not.toContain('112-233-445 95');
  });
});
