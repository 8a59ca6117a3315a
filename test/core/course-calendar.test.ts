// The course's calendar (issue 16): forming on or after the first day (the sector may override with a reason),
// completion on or after the last, enrolment closing by itself when the course starts. Days are the provider's
// (Asia/Yekaterinburg, UTC+5): the boundaries are checked at the local midnight, given as UTC instants.
import { courseDateRule } from '../../src/core/domain/lifecycle';
import { COURSES, GROUPS, JOURNAL, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { completeGroup } from '../../src/core/use-cases/completion';
import { closeStartedEnrolment } from '../../src/core/use-cases/courses';
import { formGroup } from '../../src/core/use-cases/groups';
import { pendingOwnerWork } from '../../src/core/use-cases/owner-work';
import { anApplication, type MemoryBank, memoryBank, noLock } from '../builders';

const course = { startDate: new Date(2026, 9, 5), endDate: new Date(2026, 9, 9) };
const utc = (d: number, h: number, m: number) => new Date(Date.UTC(2026, 9, d, h, m));
const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };
const sector = { email: 'sector@iro.perm.ru', role: 'sector' as const, scope: '', name: '' };

describe('the course calendar', () => {
  it('runs in the provider’s time zone (the boundaries below are its midnights)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Asia/Yekaterinburg');
  });

  it('a group is formed from the first day: 04.10 23:59 local is too early, 05.10 00:00 is not', () => {
    expect(courseDateRule('form', course, utc(4, 18, 59))).toEqual({
      ok: false,
      error: 'Группу формируют в первый день курса или позже (курс начинается 05.10.2026): до начала отметить явку нельзя.',
    });
    expect(courseDateRule('form', course, utc(4, 19, 0)).ok).toBe(true);
    expect(courseDateRule('form', course, utc(20, 12, 0)).ok).toBe(true);
  });

  it('completion and certificates from the last day: 08.10 23:59 is too early, 09.10 00:00 is not', () => {
    expect(courseDateRule('complete', course, utc(8, 18, 59))).toMatchObject({ ok: false, error: expect.stringContaining('(09.10.2026)') });
    expect(courseDateRule('complete', course, utc(8, 19, 0)).ok).toBe(true);
  });
});

describe('forming and completing by the calendar', () => {
  const bank = (): MemoryBank => {
    const b = memoryBank();
    const apps = [1, 2, 3].map((n) => anApplication(n, { stage: 'provider' }));
    b.master.table(LEDGER).append(apps);
    b.master.table(PROVIDER_BANK).append(apps);
    return b;
  };
  const deps = (b: MemoryBank) => ({ master: b.master, clock: b.clock, lock: noLock, properties: b.properties });

  it('refuses a leader before the first day, changing nothing', () => {
    const b = bank();
    b.clock.t = new Date(2026, 9, 4, 18).getTime();
    const before = JSON.stringify(b.master.table(LEDGER).read());
    expect(formGroup(deps(b), leader, 'ОМ-01', ['2026-000001'])).toMatchObject({ ok: false, error: expect.stringMatching(/^Группу формируют в первый день/) });
    expect(formGroup(deps(b), leader, 'ОМ-01', ['2026-000001'], 'очень надо')).toMatchObject({ ok: false });
    expect(JSON.stringify(b.master.table(LEDGER).read())).toBe(before);
  });

  it('the sector may form early only with a reason, which goes to «Журнал»', () => {
    const b = bank();
    b.clock.t = new Date(2026, 9, 2, 12).getTime();
    expect(formGroup(deps(b), sector, 'ОМ-01', ['2026-000001'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('Сектор может сформировать раньше, указав причину.'),
    });
    const r = formGroup(deps(b), sector, 'ОМ-01', ['2026-000001', '2026-000002'], 'выездная группа начинает раньше');
    expect(r).toMatchObject({ ok: true, value: { group: 'ОМ-01-2026-01', enrolled: 2, absent: 1 } });
    expect(b.master.table(JOURNAL).read()).toContainEqual(
      expect.objectContaining({ action: 'формирование до начала курса', reason: 'ОМ-01: выездная группа начинает раньше', actor: sector.email }),
    );
  });

  it('completion waits for the last day; the certificates then carry it as their issue date', () => {
    const b = bank();
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(formGroup(deps(b), leader, 'ОМ-01', ['2026-000001']).ok).toBe(true);
    const outcomes = [{ id: '2026-000001', outcome: 'completed' as const, reason: '' }];
    b.clock.t = new Date(2026, 9, 8, 23, 59).getTime();
    expect(completeGroup(deps(b), leader, { group: 'ОМ-01-2026-01', outcomes })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Обучение завершают в последний день/),
    });
    b.clock.t = new Date(2026, 9, 9, 0, 0).getTime();
    expect(completeGroup(deps(b), leader, { group: 'ОМ-01-2026-01', outcomes })).toMatchObject({ ok: true, value: { completed: 1 } });
    const issued = b.master
      .table(GROUPS)
      .read()
      .find((r) => r.id === '2026-000001');
    expect(issued?.issueDate).toEqual(new Date(2026, 9, 9));
  });
});

describe('enrolment closes by itself when the course starts', () => {
  it('once a day: the open courses that started are closed, journaled, and the Form is asked to follow', () => {
    const b = memoryBank();
    const d = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    b.clock.t = new Date(2026, 9, 4, 23, 0).getTime();
    expect(closeStartedEnrolment(d, pendingOwnerWork(b.properties))).toEqual([]);
    // The same day again: nothing read at all (the day is remembered in the owner's-work property).
    const reads = jest.spyOn(b.master, 'table');
    expect(closeStartedEnrolment(d, pendingOwnerWork(b.properties))).toEqual([]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    b.clock.t = new Date(2026, 9, 5, 0, 5).getTime();
    expect(closeStartedEnrolment(d, pendingOwnerWork(b.properties))).toEqual(['ОМ-01', 'ОМ-02']);
    expect(
      b.master
        .table(COURSES)
        .read()
        .map((c) => c.enrolment),
    ).toEqual(['закрыт', 'закрыт']);
    expect(b.master.table(JOURNAL).read()).toContainEqual(expect.objectContaining({ action: 'запись закрыта: курс начался', reason: 'ОМ-01, ОМ-02' }));
    expect(pendingOwnerWork(b.properties)).toMatchObject({ form: 1, day: '2026-10-05' });
  });
});
