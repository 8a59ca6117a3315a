import { Application, formatApplicationId } from '../../src/core/domain/application';
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

  it('validates an application record: phone and СНИЛС formats', () => {
    const base = {
      id: '2026-000001',
      course: 'ОМ-12',
      stage: 'methodist',
      createdAt: new Date(),
      updatedAt: new Date(),
      lastName: 'Иванова',
      firstName: 'Анна',
      email: 'a@b.ru',
      phone: '+79001234567',
      territory: 'perm',
      organization: 'МАОУ СОШ № 1',
      position: 'учитель',
      birthDate: new Date(1985, 1, 2),
      sex: 'женский',
      snils: '112-233-445 95',
      educationLevel: 'высшее',
      consentVersion: '1',
      consentAt: new Date(),
    };
    expect(Application.safeParse(base).success).toBe(true);
    const bad = Application.safeParse({ ...base, phone: '89001234567', snils: '11223344595' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['Телефон в формате +7XXXXXXXXXX', 'СНИЛС в формате XXX-XXX-XXX YY']);
  });
});
