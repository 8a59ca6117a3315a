// Crash injection: the sync stops after each write in turn; the next run completes it with nothing lost or doubled.
import { ARCHIVE, JOURNAL, LEDGER, OUTBOX, PROVIDER_BANK, QUOTAS } from '../../src/core/sheets/master';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { syncTerritories } from '../../src/core/use-cases/sync-territories';
import { anApplication, bookOf, type MemoryBank, memoryBank, noLock } from '../builders';

import { Crash, faulty, faultyBooks } from './faulty';

const scenario = (): MemoryBank => {
  const b = memoryBank();
  b.master.table(QUOTAS).replaceAll([{ course: 'ОМ-01', territory: 'perm', places: 3 }]);
  admitApplications(
    { master: b.master, books: b.books, clock: b.clock, actor: 'форма' },
    Array.from({ length: 8 }, (_, i) => anApplication(i + 1)),
  );
  bookOf(b.master, b.books, 'perm')
    .table(METHODIST_BANK)
    .updateByIds(
      new Map([
        ['2026-000001', { decision: 'Направить поставщику' }],
        ['2026-000003', { decision: 'Направить поставщику' }],
        ['2026-000004', { decision: 'Отклонить', reason: 'не педагог' }],
        ['2026-000005', { decision: 'Направить поставщику' }],
        ['2026-000007', { decision: 'Направить поставщику' }],
        ['2026-000008', { decision: 'Лист ожидания' }],
      ]),
    );
  return b;
};

const state = (b: MemoryBank) => ({
  stages: b.master
    .table(LEDGER)
    .read()
    .map((r) => `${r.id}:${r.stage}`),
  provider: b.master.table(PROVIDER_BANK).ids().sort(),
  archive: b.master.table(ARCHIVE).ids().sort(),
  methodist: bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).ids().sort(),
  // Which letters, not in which row order (a crash and re-run may queue a move's letters in another order).
  outbox: b.master.table(OUTBOX).ids().sort(),
  transitions: b.master
    .table(JOURNAL)
    .read()
    .filter((j) => j.applicationId && j.action !== 'заявка принята')
    .map((j) => `${j.applicationId}:${j.to}`)
    .sort(),
});

const run = (b: MemoryBank, budget?: { left: number; writes: number }) =>
  syncTerritories({
    master: budget ? faulty(b.master, budget) : b.master,
    books: budget ? faultyBooks(b.books, budget) : b.books,
    clock: b.clock,
    properties: b.properties,
    lock: noLock,
  });

describe('sync crash safety', () => {
  const clean = scenario();
  const counted = { left: -1, writes: 0 };
  run(clean, counted);
  const expected = state(clean);

  it('the clean run sends within the quota, rejects, waitlists', () => {
    expect(expected.provider).toEqual(['2026-000001', '2026-000003', '2026-000005']);
    expect(expected.archive).toEqual(['2026-000004']);
    expect(expected.stages).toContain('2026-000007:waitlist');
    expect(expected.stages).toContain('2026-000008:waitlist');
    expect(counted.writes).toBeGreaterThan(6);
  });

  for (let k = 0; k <= counted.writes; k++) {
    it(`a crash before write #${k + 1} is completed by the next run: nothing lost, nothing doubled`, () => {
      const b = scenario();
      const budget = { left: k, writes: 0 };
      let crashed = false;
      try {
        run(b, budget);
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
        crashed = true;
      }
      run(b);
      run(b);
      expect(crashed || k >= counted.writes).toBe(true);
      expect(state(b)).toEqual(expected);
      expect(checkIntegrity(b.master, b.books).problems).toEqual([]);
    });
  }
});
