// Operations that look their applications up instead of reading the whole ledger (issue 19) still see everything that
// decides their outcome: a course's archived groups keep their numbers, a late arrival's group is found by its number.
import { GROUP_REGISTRY, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { addToGroup, attendance, formGroup } from '../../src/core/use-cases/groups';
import { anApplication, memoryBank, noLock } from '../builders';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

const waiting = (b: ReturnType<typeof memoryBank>, from: number, n: number) => {
  const apps = Array.from({ length: n }, (_, i) => anApplication(from + i, { stage: 'provider', personKey: `p${from + i}` }));
  b.master.table(LEDGER).append(apps);
  b.master.table(PROVIDER_BANK).append(apps);
  return apps.map((a) => String(a.id));
};

describe('look-ups instead of whole reads', () => {
  it('numbers a course’s next group after its archived ones (their rows are no longer read by forming)', () => {
    const b = memoryBank();
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties, books: b.books };
    const first = waiting(b, 1, 2);
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(formGroup(deps, leader, 'ОМ-01', first)).toMatchObject({ ok: true, value: { group: 'ОМ-01-2026-01' } });
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = first.map((id) => ({ id, outcome: 'completed' as const, reason: '' }));
    expect(completeGroup(deps, leader, { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(archiveGroup(deps, leader, 'ОМ-01-2026-01').ok).toBe(true);
    // A second group of the same course, the same year: the archived «ОМ-01-2026-01» is not reused.
    const second = waiting(b, 3, 3);
    expect(formGroup(deps, leader, 'ОМ-01', second.slice(0, 2), 'повтор курса')).toMatchObject({ ok: true, value: { group: 'ОМ-01-2026-02', absent: 1 } });
    expect(
      b.master
        .table(GROUP_REGISTRY)
        .read()
        .map((g) => g.group),
    ).toEqual(['ОМ-01-2026-01', 'ОМ-01-2026-02']);
    // The absent one can be undone (it is listed), the archived learners are not marks.
    const a = attendance(b.master, leader, 'ОМ-01', b.clock.now());
    expect(a.ok && a.value.marks.map((m) => m.id)).toEqual([second[2]]);
  });

  it('refuses to form a group with another course’s application, naming it, and moves nothing', () => {
    const b = memoryBank();
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    const mine = waiting(b, 1, 2);
    const other = anApplication(9, { course: 'ОМ-02', stage: 'provider', personKey: 'p9' });
    b.master.table(LEDGER).append([other]);
    b.master.table(PROVIDER_BANK).append([other]);
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(formGroup(deps, leader, 'ОМ-01', [...mine, String(other.id)])).toEqual({
      ok: false,
      error: `Заявки ${other.id} не ждут зачисления на курс ОМ-01.`,
    });
    expect(b.master.table(PROVIDER_BANK).ids().sort()).toEqual([...mine, String(other.id)].sort());
    expect(b.master.table(GROUP_REGISTRY).read()).toEqual([]);
  });

  it('adds a late arrival to a group the registry knows, and refuses another course’s group or an unknown one', () => {
    const b = memoryBank();
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    const first = waiting(b, 1, 2);
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(formGroup(deps, leader, 'ОМ-01', first).ok).toBe(true);
    const late = waiting(b, 3, 1);
    expect(addToGroup(deps, leader, 'ОМ-01', 'ОМ-01-2026-07', late)).toEqual({ ok: false, error: 'Группы ОМ-01-2026-07 у курса ОМ-01 нет.' });
    expect(addToGroup(deps, leader, 'ОМ-01', 'ОМ-01-2026-01', ['2026-000001'])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/не ждут зачисления/),
    });
    expect(addToGroup(deps, leader, 'ОМ-01', 'ОМ-01-2026-01', late)).toMatchObject({ ok: true, value: { enrolled: 1 } });
    expect(b.master.table(GROUP_REGISTRY).read()[0]).toMatchObject({ group: 'ОМ-01-2026-01', size: 3 });
  });
});
