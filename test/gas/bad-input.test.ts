// Bad input on the staff paths: a clear Russian message, and nothing written.
import { callAs, staffBank } from './staff-fixture';

const snapshot = (b: ReturnType<typeof staffBank>) => JSON.stringify(b.ss.sheets.map((s) => [s.name, s.dump()]));

describe('bad input on staff operations', () => {
  const cases: Array<[string, string, unknown, RegExp]> = [
    ['sector', 'exportFrdo', { from: '2026-12-31', to: '2026-01-01', subdivision: '' }, /^Укажите период: дата начала не позже даты конца\.$/],
    ['sector', 'refreshStatistics', { from: '2026-12-31', to: '2026-01-01', subdivision: '' }, /^Укажите период: дата начала не позже даты конца\.$/],
    ['sector', 'rolloverArchive', { beforeYear: 2099 }, /^Переносить можно только прошедшие годы\.$/],
    ['sector', 'saveSubdivision', { code: 'отдел 1!', name: 'x' }, /^Код подразделения: буквы, цифры и дефис$/],
    ['sector', 'saveTerritory', { code: 'Пермь', name: 'Пермь', active: true }, /^Код территории: латинские буквы, цифры и дефис$/],
    // A new territory (no code: the bank makes it from the name) needs its name.
    ['sector', 'saveTerritory', { code: '', name: '   ', active: true }, /^Укажите название территории$/],
    [
      'sector',
      'grantAccess',
      { email: 'm9@perm.ru', role: 'methodist', scope: 'atlantis', name: '' },
      /^Территории с кодом «atlantis» нет на листе «Территории»\.$/,
    ],
    ['sector', 'grantAccess', { email: 'не почта', role: 'leader', scope: 'ОМ', name: '' }, /Некорректный адрес электронной почты/],
    ['sector', 'revokeAccess', { email: 'owner@iro.perm.ru' }, /^Свой собственный доступ отозвать нельзя/],
    [
      'leader',
      'completeGroup',
      { group: 'ОМ-99-2026-01', outcomes: [{ id: '2026-000001', outcome: 'completed', reason: '' }] },
      /^Группа не найдена среди курсов вашего подразделения\.$/,
    ],
    ['leader', 'formGroup', { code: 'ОМ-01', present: [] }, /^Отметьте хотя бы одного присутствующего/],
  ];
  for (const [who, fn, arg, message] of cases) {
    it(`${fn} ${JSON.stringify(arg).slice(0, 60)} → a Russian message, nothing written`, () => {
      const b = staffBank();
      b.gas.Clock.set(2026, 9, 5); // the courses' first day: what is refused is the input, not the date
      const before = snapshot(b);
      const r = callAs(b, who as 'sector', fn, arg);
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(message);
      expect(snapshot(b)).toBe(before);
    });
  }
});
