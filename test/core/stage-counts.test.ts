// «Счётчики» (issue 19): kept by every admission and move, so a full recount after a bank's whole journey has nothing
// to mend; recounted when rows were written around the bank; the dirty marks the sync works from.
import { GridTable } from '../../src/adapters/grid/grid-table';
import { LEDGER, STAGE_COUNTS } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { HISTORY, METHODIST_BANK } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { courseOverview } from '../../src/core/use-cases/courses';
import { formGroup, withdrawApplication } from '../../src/core/use-cases/groups';
import { loadCounts, recountStages, StageCounts } from '../../src/core/use-cases/stage-counts';
import { DIRTY_TERRITORIES, markDirty, syncTerritories } from '../../src/core/use-cases/sync-territories';
import { anApplication, bookOf, type MemoryBank, memoryBank, noLock } from '../builders';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };
const sync = (b: MemoryBank) => syncTerritories({ master: b.master, books: b.books, clock: b.clock, properties: b.properties, lock: noLock });
const decide = (b: MemoryBank, code: string, decisions: Record<string, Partial<Row>>) =>
  bookOf(b.master, b.books, code)
    .table(METHODIST_BANK)
    .updateByIds(new Map(Object.entries(decisions)));
const kept = (b: MemoryBank) =>
  Object.fromEntries(
    b.master
      .table(STAGE_COUNTS)
      .read()
      .map((r) => [r.key, [r.methodist, r.waitlist, r.provider, r.group, r.done, r.other]]),
  );

describe('«Счётчики»', () => {
  it('follow admissions, decisions, the waitlist, forming, completing, archiving and a withdrawal: the recount mends nothing', () => {
    const b = memoryBank();
    const deps = { master: b.master, books: b.books, clock: b.clock, lock: noLock, properties: b.properties };
    admitApplications(
      { ...deps, actor: 'форма' },
      Array.from({ length: 9 }, (_, i) => anApplication(i + 1, { territory: i < 8 ? 'perm' : 'kungursky' })),
    );
    expect(kept(b)).toEqual({ 'ОМ-01/perm': [8, 0, 0, 0, 0, 0], 'ОМ-01/kungursky': [1, 0, 0, 0, 0, 0] });
    // Seven sent with a quota of 5: two waitlisted; one rejected.
    decide(b, 'perm', {
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [anApplication(i + 1).id, { decision: 'Направить поставщику' }])),
      '2026-000008': { decision: 'Отклонить', reason: 'нет стажа' },
    });
    expect(sync(b)).toMatchObject({ sent: 5, waitlisted: 2, rejected: 1 });
    expect(kept(b)['ОМ-01/perm']).toEqual([0, 2, 5, 0, 0, 1]);
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    const ids = Array.from({ length: 5 }, (_, i) => String(anApplication(i + 1).id));
    expect(withdrawApplication(deps, leader, ids[4], 'по заявлению').ok).toBe(true);
    expect(formGroup(deps, leader, 'ОМ-01', ids.slice(0, 3)).ok).toBe(true); // the fourth did not come
    expect(kept(b)['ОМ-01/perm']).toEqual([0, 2, 0, 3, 0, 3]);
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = ids.slice(0, 3).map((id, i) => ({ id, outcome: i ? ('completed' as const) : ('expelled' as const), reason: i ? '' : 'не сдал' }));
    expect(completeGroup(deps, leader, { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(archiveGroup(deps, leader, 'ОМ-01-2026-01').ok).toBe(true);
    expect(kept(b)['ОМ-01/perm']).toEqual([0, 2, 0, 0, 3, 3]);
    expect(recountStages(b.master)).toBe(false);
    // What the leader sees is what the ledger says.
    const [course] = courseOverview(b.master, leader).filter((c) => c.code === 'ОМ-01');
    expect(course).toMatchObject({ atProvider: 0, inGroups: 0, groups: ['ОМ-01-2026-01'] });
    expect(course.atMethodists.find((t) => t.territory === 'Пермский городской округ')).toMatchObject({ count: 2, waitlist: 2, used: 3, quota: 5 });
  });

  it('are recounted from the ledger when their sum differs from its rows, and written back only when asked', () => {
    const b = memoryBank();
    admitApplications({ master: b.master, books: b.books, clock: b.clock, actor: 'форма' }, [anApplication(1)]);
    // A row written around the bank (a restore, a hand edit): the kept counts no longer add up.
    b.master.table(LEDGER).append([anApplication(2, { stage: 'provider' })]);
    expect(loadCounts(b.master, false).used('ОМ-01', 'perm')).toBe(1);
    expect(kept(b)['ОМ-01/perm']).toEqual([1, 0, 0, 0, 0, 0]);
    expect(loadCounts(b.master, true).total()).toBe(2);
    expect(kept(b)['ОМ-01/perm']).toEqual([1, 0, 1, 0, 0, 0]);
    expect(recountStages(b.master)).toBe(false);
  });

  it('are made where a bank set up before them lacks the sheet: by the first writer, or by the day’s recount without a report', () => {
    const older = () => {
      const b = memoryBank();
      admitApplications({ master: b.master, books: b.books, clock: b.clock, actor: 'форма' }, [anApplication(1), anApplication(2)]);
      (b.master as unknown as { grids: Map<string, unknown> }).grids.delete(STAGE_COUNTS.name);
      return b;
    };
    const b = older();
    decide(b, 'perm', { '2026-000001': { decision: 'Направить поставщику' } });
    expect(sync(b)).toMatchObject({ sent: 1 });
    expect(kept(b)['ОМ-01/perm']).toEqual([1, 0, 1, 0, 0, 0]);
    const c = older();
    expect(recountStages(c.master)).toBe(false); // made, not mended: nothing for «Журнал»
    expect(kept(c)['ОМ-01/perm']).toEqual([2, 0, 0, 0, 0, 0]);
  });

  it('count a course’s places over every territory and a territory’s over every course', () => {
    const c = StageCounts.of([
      { course: 'A', territory: 'x', stage: 'group' },
      { course: 'A', territory: 'y', stage: 'completed' },
      { course: 'A', territory: 'y', stage: 'absent' },
      { course: 'B', territory: 'x', stage: 'waitlist' },
    ]);
    expect([c.held('A'), c.used('A', 'y'), c.held('B')]).toEqual([2, 1, 0]);
    expect(c.coursesOf('x').map((t) => t.course)).toEqual(['A', 'B']);
    c.shift([{ course: 'A', territory: 'x', from: 'group', to: 'absent' }]);
    expect([c.held('A'), c.total()]).toEqual([1, 4]);
  });
});

describe('marks for the sync’s mirrors', () => {
  it('keep applications by territory, give way to the whole territory, and read what runs before them stored', () => {
    const b = memoryBank();
    markDirty(b.properties, new Map([['perm', ['2026-000001']]]));
    markDirty(b.properties, new Map([['perm', ['2026-000002']]]));
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '')).toEqual({ full: [], ids: { perm: ['2026-000001', '2026-000002'] } });
    markDirty(b.properties, ['perm']);
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '')).toEqual({ full: ['perm'], ids: {} });
    // A long list (a property holds 9 KB) becomes its territory whole.
    markDirty(b.properties, new Map([['kungursky', Array.from({ length: 700 }, (_, i) => `2026-${String(i).padStart(6, '0')}`)]]));
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '')).toEqual({ full: ['perm', 'kungursky'], ids: {} });
    // The format of runs before issue 19.
    b.properties.set(DIRTY_TERRITORIES, JSON.stringify(['perm']));
    markDirty(b.properties, new Map([['kungursky', ['2026-000009']]]));
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '')).toEqual({ full: ['perm'], ids: { kungursky: ['2026-000009'] } });
  });

  it('an application marked by another operation gets its «История» row without the sheet or the ledger read whole', () => {
    const b = memoryBank();
    const deps = { master: b.master, books: b.books, clock: b.clock, lock: noLock, properties: b.properties };
    admitApplications({ ...deps, actor: 'форма' }, [anApplication(1), anApplication(2)]);
    decide(b, 'perm', { '2026-000001': { decision: 'Направить поставщику' }, '2026-000002': { decision: 'Направить поставщику' } });
    sync(b);
    sync(b); // reads back its own writes once; now nothing has changed
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(withdrawApplication(deps, leader, '2026-000002', 'по заявлению').ok).toBe(true);
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '')).toEqual({ full: [], ids: { perm: ['2026-000002'] } });
    const spies = [jest.spyOn(GridTable.prototype, 'read'), jest.spyOn(GridTable.prototype, 'readKeys')];
    const r = sync(b);
    const whole = spies.flatMap((s) => s.mock.contexts.map((t) => (t as GridTable).spec.name));
    spies.forEach((s) => s.mockRestore());
    expect(r.touched).toEqual(['perm']);
    expect(whole).not.toContain(HISTORY.name);
    expect(whole).not.toContain(LEDGER.name);
    const history = bookOf(b.master, b.books, 'perm').table(HISTORY);
    expect(Object.fromEntries(history.read().map((h) => [h.id, h.stage]))).toEqual({ '2026-000001': 'в копилке поставщика', '2026-000002': 'отозвана' });
  });
});
