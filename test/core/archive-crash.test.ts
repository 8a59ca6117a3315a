// A crash before each write of «Перенести в архив» is completed by the next run: nothing lost, nothing doubled.
import { ARCHIVE, GROUP_REGISTRY, GROUPS, JOURNAL, LEDGER, PROVIDER_BANK, SETTINGS } from '../../src/core/sheets/master';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { formGroup } from '../../src/core/use-cases/groups';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { rolloverArchive } from '../../src/core/use-cases/rollover';
import { getSetting } from '../../src/core/use-cases/settings';
import { anApplication, type MemoryBank, memoryBank, noLock } from '../builders';
import { Crash, faulty } from './faulty';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

const scenario = (): MemoryBank => {
  const b = memoryBank();
  const apps = Array.from({ length: 6 }, (_, i) => anApplication(i + 1, { stage: 'provider' }));
  b.master.table(LEDGER).append(apps);
  b.master.table(PROVIDER_BANK).append(apps);
  const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
  b.clock.t = new Date(2026, 9, 5, 10, 0).getTime(); // the course's first day: the group is formed
  formGroup(
    deps,
    leader,
    'ОМ-01',
    apps.map((a) => String(a.id)),
  );
  const outcomes = apps.map((a, i) => ({
    id: String(a.id),
    outcome: (i === 2 ? 'expelled' : 'completed') as 'completed' | 'expelled',
    reason: i === 2 ? 'неуспеваемость' : '',
  }));
  b.clock.t = new Date(2026, 9, 9, 16, 0).getTime(); // its last day: completion and certificates
  completeGroup(deps, leader, { group: 'ОМ-01-2026-01', outcomes });
  return b;
};

const state = (b: MemoryBank) => ({
  stages: b.master
    .table(LEDGER)
    .read()
    .map((r) => `${r.id}:${r.stage}:${r.group}`),
  groups: b.master.table(GROUPS).ids(),
  archive: b.master
    .table(ARCHIVE)
    .read()
    .map((a) => `${a.id}:${a.outcome}:${a.regNumber}`)
    .sort(),
  registry: b.master
    .table(GROUP_REGISTRY)
    .read()
    .map((g) => `${g.group}:${g.status}`),
  journal: b.master
    .table(JOURNAL)
    .read()
    .filter((j) => j.action === 'завершить обучение' || j.action === 'отчислить')
    .map((j) => j.applicationId)
    .sort(),
});

const run = (b: MemoryBank, budget?: { left: number; writes: number }) =>
  archiveGroup({ master: budget ? faulty(b.master, budget) : b.master, clock: b.clock, lock: noLock, properties: b.properties }, leader, 'ОМ-01-2026-01');

describe('archive crash safety', () => {
  const clean = scenario();
  const counted = { left: -1, writes: 0 };
  run(clean, counted);
  const expected = state(clean);

  it('the clean run archives everyone with their certificate numbers', () => {
    expect(expected.groups).toEqual([]);
    expect(expected.archive).toHaveLength(6);
    expect(expected.archive.filter((a) => a.includes(':completed:2026/'))).toHaveLength(5);
    expect(expected.registry).toEqual(['ОМ-01-2026-01:в архиве']);
  });

  for (let k = 0; k <= counted.writes; k++) {
    it(`a crash before write #${k + 1} is completed by the next run`, () => {
      const b = scenario();
      try {
        run(b, { left: k, writes: 0 });
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
      }
      run(b);
      expect(state(b)).toEqual(expected);
      expect(checkIntegrity(b.master, b.books).problems).toEqual([]);
    });
  }
});

describe('rollover crash safety', () => {
  const setup = (): MemoryBank => {
    const b = memoryBank();
    const old = Array.from({ length: 5 }, (_, i) => anApplication(100 + i, { stage: 'completed', group: 'ОМ-01-2024-01' }));
    b.master.table(LEDGER).append(old);
    b.master.table(ARCHIVE).append(old.map((a) => ({ ...a, outcome: 'completed', archivedAt: new Date(2024, 3, 1) })));
    return b;
  };
  const sector = { email: 'owner@iro.perm.ru', role: 'sector' as const, scope: '', name: '' };
  const roll = (b: MemoryBank, budget?: { left: number; writes: number }) =>
    rolloverArchive({ master: budget ? faulty(b.master, budget) : b.master, books: b.books, clock: b.clock, lock: noLock }, sector, 2026);
  const snapshot = (b: MemoryBank) => {
    const book = b.books.open(getSetting(b.master.table(SETTINGS), 'archive.2024'));
    return {
      master: b.master.table(ARCHIVE).ids(),
      ledger: b.master.table(LEDGER).ids(),
      yearlyArchive: book.table(ARCHIVE).ids().sort(),
      yearlyLedger: book.table(LEDGER).ids().sort(),
    };
  };
  const clean = setup();
  const counted = { left: -1, writes: 0 };
  roll(clean, counted);
  const expected = snapshot(clean);

  it('the clean run moves all five', () => {
    expect(expected.master).toEqual([]);
    expect(expected.yearlyArchive).toHaveLength(5);
    expect(expected.yearlyLedger).toHaveLength(5);
  });

  for (let k = 0; k <= counted.writes; k++) {
    it(`a crash before write #${k + 1} is finished by the next run`, () => {
      const b = setup();
      try {
        roll(b, { left: k, writes: 0 });
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
      }
      roll(b);
      expect(snapshot(b)).toEqual(expected);
    });
  }
});

describe('archiving again', () => {
  it('writes nothing to an archived group: «В архиве с» keeps the first archiving', () => {
    const b = scenario();
    run(b);
    const archivedAt = () => b.master.table(GROUP_REGISTRY).read()[0].archivedAt;
    const first = archivedAt();
    const journal = b.master.table(JOURNAL).read().length;
    b.clock.advance(24 * 3600 * 1000);
    expect(run(b)).toEqual({ ok: true, value: { archived: 0 } });
    expect(archivedAt()).toEqual(first);
    expect(b.master.table(JOURNAL).read()).toHaveLength(journal);
  });
});
