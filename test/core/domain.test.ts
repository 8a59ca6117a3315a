import { ApplicationId, formatApplicationId } from '../../src/core/domain/application';
import { Course, groupNumber } from '../../src/core/domain/course';
import { AccessEntry } from '../../src/core/domain/reference';

const aCourse = (over: Record<string, unknown> = {}) => ({
  code: 'ОМ-12',
  title: 'Формирующее оценивание',
  hours: 36,
  form: 'очная',
  startDate: new Date(2026, 8, 1),
  endDate: new Date(2026, 8, 5),
  capacity: 30,
  subdivision: 'ОМ',
  ...over,
});

describe('domain schemas', () => {
  it('accepts a valid course and fills defaults', () => {
    const r = Course.safeParse(aCourse());
    expect(r.success && r.data.enrolment).toBe('черновик');
  });

  it('explains each bad course field in Russian', () => {
    const r = Course.safeParse(aCourse({ hours: 5, form: 'дистант', endDate: new Date(2026, 7, 1), capacity: 0 }));
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'hours: Объём не меньше 16 часов',
        'form: Форма обучения: очная, очно-заочная или заочная с ДОТ',
        'capacity: Вместимость не меньше 1',
      ]),
    );
  });

  it('refuses a course that ends before it starts', () => {
    const r = Course.safeParse(aCourse({ endDate: new Date(2026, 7, 1) }));
    expect(!r.success && r.error.issues[0].message).toBe('Дата окончания раньше даты начала');
  });

  it('requires a scope for every role but the sector', () => {
    expect(AccessEntry.safeParse({ email: 'A@IRO.ru', role: 'sector' }).success).toBe(true);
    const r = AccessEntry.safeParse({ email: 'b@iro.ru', role: 'leader' });
    expect(!r.success && r.error.issues[0].message).toBe('Для этой роли укажите подразделение или территорию');
    const ok = AccessEntry.safeParse({ email: ' C@Iro.Ru ', role: 'methodist', scope: 'perm' });
    expect(ok.success && ok.data.email).toBe('c@iro.ru');
  });

  it('formats application ids and group numbers', () => {
    expect(formatApplicationId(2026, 123)).toBe('2026-000123');
    expect(groupNumber('ОМ-12', 2026, 1)).toBe('ОМ-12-2026-01');
  });

  it('accepts only application ids of the form 2026-000123, with a Russian reason', () => {
    expect(ApplicationId.safeParse('2026-000123').success).toBe(true);
    const bad = ApplicationId.safeParse('2026-123');
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['номер заявки вида 2026-000123']);
  });

  it('answers in Russian where a schema has no message of its own', () => {
    const r = Course.safeParse(aCourse({ title: 42 }));
    expect(r.success ? '' : r.error.issues.find((i) => i.path[0] === 'title')?.message).toMatch(/[а-я]/);
  });
});
