// The course's calendar (issue 16): forming on or after the first day (the sector may override with a reason),
// completion on or after the last, enrolment closing by itself when the course starts. Days are the provider's
// (Asia/Yekaterinburg, UTC+5): the boundaries are checked at the local midnight, given as UTC instants.
import { courseDateRule } from '../../src/core/domain/lifecycle';
import { ARCHIVE, COURSES, GROUPS, JOURNAL, LEDGER, PROVIDER_BANK, SETTINGS } from '../../src/core/sheets/master';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { closeStartedEnrolment } from '../../src/core/use-cases/courses';
import { addToGroup, formGroup, undoMark } from '../../src/core/use-cases/groups';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { pendingOwnerWork } from '../../src/core/use-cases/owner-work';
import { setSetting } from '../../src/core/use-cases/settings';
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

describe('undoing a wrong mark', () => {
  /** ОМ-01 formed on its first day (05.10.2026): 2026-000003 marked absent; then 000001 expelled at completion. */
  const formed = (): MemoryBank => {
    const b = memoryBank();
    const apps = [1, 2, 3].map((n) => anApplication(n, { stage: 'provider' }));
    b.master.table(LEDGER).append(apps);
    b.master.table(PROVIDER_BANK).append(apps);
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    const r = formGroup({ master: b.master, clock: b.clock, lock: noLock, properties: b.properties }, leader, 'ОМ-01', ['2026-000001', '2026-000002']);
    if (!r.ok) throw new Error(r.error);
    return b;
  };
  const deps = (b: MemoryBank) => ({ master: b.master, clock: b.clock, lock: noLock, properties: b.properties });
  const stage = (b: MemoryBank, id: string) =>
    b.master
      .table(LEDGER)
      .read()
      .find((r) => r.id === id)?.stage;

  it('a leader returns «не явился» to the provider’s piggy bank on day 14, with a reason in «Журнал»; then adds the person to the group', () => {
    const b = formed();
    b.clock.t = new Date(2026, 9, 19, 23, 0).getTime(); // 14 days after the mark
    expect(undoMark(deps(b), leader, '2026-000003', '')).toMatchObject({ ok: false, error: 'Укажите причину: почему отметка была ошибочной.' });
    expect(undoMark(deps(b), leader, '2026-000003', 'был на занятии, отметили по ошибке')).toMatchObject({ ok: true, value: { stage: 'provider' } });
    expect(stage(b, '2026-000003')).toBe('provider');
    expect(b.master.table(ARCHIVE).ids()).not.toContain('2026-000003');
    expect(b.master.table(PROVIDER_BANK).ids()).toContain('2026-000003');
    expect(b.master.table(JOURNAL).read()).toContainEqual(
      expect.objectContaining({ applicationId: '2026-000003', from: 'не явился', to: 'в копилке поставщика', reason: 'был на занятии, отметили по ошибке' }),
    );
    expect(addToGroup(deps(b), leader, 'ОМ-01', 'ОМ-01-2026-01', ['2026-000003'])).toMatchObject({ ok: true, value: { enrolled: 1 } });
    expect(checkIntegrity(b.master, b.books).problems).toEqual([]);
  });

  it('on day 15 only the sector can', () => {
    const b = formed();
    b.clock.t = new Date(2026, 9, 20, 0, 30).getTime(); // 15 days after the mark
    expect(undoMark(deps(b), leader, '2026-000003', 'ошибка')).toMatchObject({
      ok: false,
      error: 'Отметка сделана больше 14 дней назад: вернуть заявку может только сектор ИРО ПК.',
    });
    expect(stage(b, '2026-000003')).toBe('absent');
    expect(undoMark(deps(b), sector, '2026-000003', 'ошибка')).toMatchObject({ ok: true });
  });

  it('the window is the sector’s setting «undoDays»', () => {
    const b = formed();
    setSetting(b.master.table(SETTINGS), 'undoDays', '3');
    b.clock.t = new Date(2026, 9, 9, 12).getTime();
    expect(undoMark(deps(b), leader, '2026-000003', 'ошибка')).toMatchObject({ ok: false, error: expect.stringContaining('больше 3 дней') });
  });

  it('«отчислен» (final once the group is archived) goes back to its group, is completed and archived again; another subdivision sees nothing', () => {
    const b = formed();
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const done = completeGroup(deps(b), leader, {
      group: 'ОМ-01-2026-01',
      outcomes: [
        { id: '2026-000001', outcome: 'expelled', reason: 'не прошёл аттестацию' },
        { id: '2026-000002', outcome: 'completed', reason: '' },
      ],
    });
    expect(done.ok).toBe(true);
    const other = { ...leader, email: 'co@iro.perm.ru', scope: 'ЦО' };
    expect(undoMark(deps(b), other, '2026-000001', 'ошибка')).toMatchObject({ ok: false, error: 'Заявка не найдена среди курсов вашего подразделения.' });
    expect(undoMark(deps(b), leader, '2026-000002', 'ошибка')).toMatchObject({ ok: false, error: expect.stringMatching(/^Вернуть можно заявку/) });
    // Until the archive an outcome is corrected by completing again; archived, «отчислен» is final — until undone.
    expect(archiveGroup(deps(b), leader, 'ОМ-01-2026-01').ok).toBe(true);
    expect(stage(b, '2026-000001')).toBe('expelled');
    b.clock.t = new Date(2026, 9, 12, 10).getTime();
    expect(undoMark(deps(b), leader, '2026-000001', 'аттестацию пересдал')).toMatchObject({ ok: true, value: { stage: 'group' } });
    expect(b.master.table(GROUPS).read()).toEqual([expect.objectContaining({ id: '2026-000001', group: 'ОМ-01-2026-01', outcome: '' })]);
    const again = completeGroup(deps(b), leader, { group: 'ОМ-01-2026-01', outcomes: [{ id: '2026-000001', outcome: 'completed', reason: '' }] });
    expect(again).toMatchObject({ ok: true, value: { completed: 1 } });
    expect(archiveGroup(deps(b), leader, 'ОМ-01-2026-01')).toMatchObject({ ok: true, value: { archived: 1 } });
    expect(stage(b, '2026-000001')).toBe('completed');
    expect(checkIntegrity(b.master, b.books).problems).toEqual([]);
  });
});
