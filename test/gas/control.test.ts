// Control through build/Code.js (issue 17): the job's first run of a day writes «Контроль» in the master and each cabinet
// and queues one reminder per person; a second run that day does neither; the boards cost the same calls with 1,000 and
// 20,000 applications; a head's cabinet shows the board from its own sheets.
import { CONTROL, OUTBOX } from '../../src/core/sheets/master';
import { anApplication } from '../builders';
import { fire } from './bank-fixture';
import { cabinetBank, cabinetOf, HEAD, inCabinet, LEADER } from './cabinet-fixture';
import { callAs, staffBank } from './staff-fixture';

describe('control through the bundle', () => {
  it('the day’s first job run writes «Контроль» in the master and the cabinets and queues reminders; the second run does neither', () => {
    const b = cabinetBank();
    // An application admitted on 1 September and still undecided on the 7th: the Perm methodists are late (5 days).
    b.admit([anApplication(90)]);
    b.gas.Clock.set(2026, 8, 7, 6);
    fire(b, 'runJob_');
    const control = b.master.table(CONTROL).read();
    expect(control).toContainEqual(expect.objectContaining({ title: 'Решение по заявкам', owner: 'perm', state: 'просрочено', subdivision: 'ОМ' }));
    const cabinet = cabinetOf(b, 'ОМ').sheet('Контроль').dump();
    expect(cabinet[0]).toEqual(['Обязанность', 'Курс', 'Группа', 'Территория', 'Кто отвечает', 'Имя', 'Заявок', 'Срок', 'Состояние', 'Просрочено дней']);
    expect(cabinet.slice(1).map((r) => r[0])).toContain('Решение по заявкам');
    expect(
      cabinetOf(b, 'ФФ')
        .sheet('Контроль')
        .dump()
        .slice(1)
        .map((r) => r[1]),
    ).not.toContain('ОМ-01');
    const reminders = b.master
      .table(OUTBOX)
      .read()
      .filter((l) => String(l.id).startsWith('контроль/'));
    expect(reminders.map((l) => l.id)).toContain('контроль/m1@perm.edu.ru/2026-09-07');
    expect(reminders.every((l) => l.status === 'отправлено')).toBe(true);
    b.gas.calls.reset();
    b.gas.Clock.set(2026, 8, 7, 6, 5);
    fire(b, 'runJob_');
    expect(
      b.master
        .table(OUTBOX)
        .read()
        .filter((l) => String(l.id).startsWith('контроль/')),
    ).toHaveLength(reminders.length);
    // The second run of the day is idle: no file but the master is opened, nothing written.
    expect(b.gas.calls.of('Range.setValues')).toBe(0);
  }, 60000);

  it('a head’s cabinet shows the board: the leaders with their duties and last action, each course’s territories and methodists', () => {
    const b = cabinetBank();
    b.admit([anApplication(91, { updatedAt: new Date(2026, 7, 20) })]);
    b.gas.Clock.set(2026, 8, 2, 6);
    fire(b, 'runJob_');
    const view = inCabinet(b, 'ОМ', HEAD, 'getCabinet');
    expect(view.ok).toBe(true);
    const board = view.value.board;
    expect(board.leaders.map((l: { email: string }) => l.email)).toContain(LEADER);
    const om1 = board.courses.find((c: { code: string }) => c.code === 'ОМ-01');
    expect(om1.territories).toContainEqual(
      expect.objectContaining({ name: 'Пермский городской округ', methodists: [expect.objectContaining({ email: 'm1@perm.edu.ru', name: 'Методист Перми' })] }),
    );
    expect(board.duties.map((d: { title: string }) => d.title)).toContain('Решение по заявкам');
  }, 60000);

  it('the board costs the same spreadsheet calls with 1,000 and 20,000 applications', () => {
    const cost = (size: number) => {
      const b = staffBank();
      b.admit(
        Array.from({ length: size }, (_, i) => anApplication(i + 1, { territory: i % 2 ? 'kungursky' : 'perm', stage: i % 3 ? 'methodist' : 'provider' })),
      );
      b.gas.calls.reset();
      const r = callAs(b, 'sector', 'getControlBoard');
      expect(r.ok).toBe(true);
      expect(r.value.territories.map((t: { name: string }) => t.name)).toContain('Пермский городской округ');
      return Object.fromEntries(Object.entries(b.gas.calls.snapshot()).filter(([k]) => /^(Range|Sheet|Spreadsheet|SpreadsheetApp)\./.test(k)));
    };
    const small = cost(1000);
    expect(cost(20000)).toEqual(small);
    expect(small['Range.getValues']).toBeLessThanOrEqual(9);
  }, 120000);
});
