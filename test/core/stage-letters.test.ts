// A letter at every step of an application (issue 16), queued in the outbox by the move itself: one per step and
// person, never two, with what the teacher needs at that step.
import { COURSES, LEDGER, OUTBOX, PROVIDER_BANK } from '../../src/core/sheets/master';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { formGroup, undoMark, withdrawApplication } from '../../src/core/use-cases/groups';
import { anApplication, memoryBank, noLock } from '../builders';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

describe('letters at every step', () => {
  it('enrolled (with the course card and the leader), absent, withdrawn, completed (with the number), expelled — once each', () => {
    const b = memoryBank();
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { schedule: 'Пн–Пт, 10:00–16:30', annotation: 'Про оценивание.' }]]));
    const apps = [1, 2, 3, 4].map((n) => anApplication(n, { stage: 'provider' }));
    b.master.table(LEDGER).append(apps);
    b.master.table(PROVIDER_BANK).append(apps);
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(withdrawApplication(deps, leader, '2026-000004', 'по болезни').ok).toBe(true);
    expect(formGroup(deps, leader, 'ОМ-01', ['2026-000001', '2026-000002']).ok).toBe(true);
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = [
      { id: '2026-000001', outcome: 'completed' as const, reason: '' },
      { id: '2026-000002', outcome: 'expelled' as const, reason: 'пропуски' },
    ];
    expect(completeGroup(deps, leader, { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(archiveGroup(deps, leader, 'ОМ-01-2026-01').ok).toBe(true);
    // Re-running the archive and undoing then redoing a mark queue nothing twice.
    archiveGroup(deps, leader, 'ОМ-01-2026-01');
    const letters = new Map(
      b.master
        .table(OUTBOX)
        .read()
        .map((l) => [String(l.id), l]),
    );
    expect([...letters.keys()].sort()).toEqual(
      [
        '2026-000001/в группе',
        '2026-000002/в группе',
        '2026-000003/не явился',
        '2026-000004/отозвана',
        '2026-000001/завершил обучение',
        '2026-000002/отчислен',
      ].sort(),
    );
    const enrolled = letters.get('2026-000001/в группе');
    expect(enrolled).toMatchObject({ to: 'teacher1@school.perm.ru', subject: 'Заявка 2026-000001: вы зачислены в группу', status: 'ждёт' });
    for (const part of [
      'группу ОМ-01-2026-01',
      'Даты: 05.10.2026–09.10.2026',
      'Расписание: Пн–Пт, 10:00–16:30',
      'О курсе: Про оценивание.',
      'Руководитель курса: lead@iro.perm.ru',
    ])
      expect(String(enrolled?.body)).toContain(part);
    expect(String(letters.get('2026-000003/не явился')?.body)).toContain('руководитель курса может исправить отметку в течение 14 дней');
    expect(String(letters.get('2026-000004/отозвана')?.body)).toContain('отозвана: по болезни');
    expect(String(letters.get('2026-000001/завершил обучение')?.body)).toMatch(/Регистрационный номер удостоверения: 2026\/\d{5} от 09\.10\.2026/);
    expect(String(letters.get('2026-000002/отчислен')?.body)).toContain('Причина: пропуски');
    // An undo sends no letter of its own; the next mark's letter was already sent, so none again.
    b.clock.t = new Date(2026, 9, 12, 10).getTime();
    expect(undoMark(deps, leader, '2026-000003', 'ошибка').ok).toBe(true);
    expect(b.master.table(OUTBOX).read()).toHaveLength(6);
  });
});
