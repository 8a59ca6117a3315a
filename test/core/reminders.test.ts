// The daily reminders (issue 17): one letter per person per day (a second run queues nothing), only to whom something is
// late or due by tomorrow, heads and the sector weekly on Mondays, «Без сводок» honoured, and within the mail quota.
import { ACCESS, CONTROL, LEDGER, OUTBOX } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { sendOutbox } from '../../src/core/use-cases/outbox';
import { dailyControl } from '../../src/core/use-cases/reminders';
import { aCourse, anApplication, memoryBank, noLock } from '../builders';

const STAFF: Row[] = [
  { email: 'lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Лидия', active: true },
  { email: 'idle.lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Без дел', active: true },
  { email: 'head@iro.perm.ru', role: 'head', scope: 'ОМ', name: 'Начальник', active: true },
  { email: 'sector@iro.perm.ru', role: 'sector', scope: '', name: 'Сектор', active: true },
  { email: 'm1@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Методист Перми', active: true },
  { email: 'm2@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Второй', active: true, noDigest: true },
  { email: 'm@kungur.edu.ru', role: 'methodist', scope: 'kungursky', name: 'Кунгур', active: true },
];

const bank = () => {
  const b = memoryBank({
    access: STAFF,
    // ОМ-01 has started with people at the provider and no group: the leader is late forming it.
    courses: [
      aCourse('ОМ-01', { annotation: 'A', schedule: 'S' }),
      aCourse('ОМ-02', { annotation: 'A', schedule: 'S', startDate: new Date(2026, 11, 20), endDate: new Date(2026, 11, 22) }),
    ],
  });
  b.master.table(LEDGER).append([
    anApplication(1, { stage: 'provider' }),
    anApplication(2, { course: 'ОМ-02', updatedAt: new Date(2026, 10, 10) }), // perm: decision overdue
    anApplication(3, { course: 'ОМ-02', territory: 'kungursky', updatedAt: new Date(2026, 10, 29) }), // not yet late
  ]);
  return b;
};
const run = (b: ReturnType<typeof bank>, at: Date) => {
  b.clock.t = at.getTime();
  return dailyControl({ master: b.master, clock: b.clock, lock: noLock });
};
const letters = (b: ReturnType<typeof bank>) => b.master.table(OUTBOX).read();

describe('daily control', () => {
  it('writes «Контроль» and one reminder to each person with something late or due; nothing twice the same day', () => {
    const b = bank();
    const tuesday = new Date(2026, 11, 1, 7, 0);
    const r = run(b, tuesday);
    expect(r.duties).toBe(b.master.table(CONTROL).read().length);
    expect(
      b.master
        .table(CONTROL)
        .read()
        .map((x) => `${x.subdivision}|${x.title}|${x.state}`),
    ).toEqual(expect.arrayContaining(['ОМ|Сформировать группу|просрочено', 'ОМ|Решение по заявкам|просрочено', 'ОМ|Решение по заявкам|срок на этой неделе']));
    const to = letters(b).map((l) => l.to);
    // The leader (late group), the Perm methodist (late decision) — not the second Perm methodist (no reminders), not
    // Kungur (not late yet), not the idle leader, and on a Tuesday neither the head nor the sector.
    expect(to.sort()).toEqual(['lead@iro.perm.ru', 'm1@perm.edu.ru']);
    const methodist = letters(b).find((l) => l.to === 'm1@perm.edu.ru');
    expect(methodist).toMatchObject({ id: 'контроль/m1@perm.edu.ru/2026-12-01', subject: 'ЕБППК: что требует внимания на 01.12.2026' });
    expect(String(methodist?.body)).toContain('— Решение по заявкам, ОМ-02: срок 15.11.2026, просрочено на 16 дн.');
    expect(String(methodist?.body)).toContain('— ОМ-01: свободно 4 из 5');
    expect(run(b, new Date(2026, 11, 1, 15, 0)).letters).toBe(0);
    expect(letters(b)).toHaveLength(2);
  });

  it('on Monday the head gets the subdivision’s week and the sector the bank’s', () => {
    const b = bank();
    run(b, new Date(2026, 10, 30, 7, 0)); // Monday 30.11.2026
    const head = letters(b).find((l) => l.to === 'head@iro.perm.ru');
    expect(String(head?.body)).toMatch(/Неделя подразделения ОМ: просрочено \d+, срок на этой неделе \d+\./);
    expect(String(head?.body)).toContain('— Лидия: просрочено');
    const sector = letters(b).find((l) => l.to === 'sector@iro.perm.ru');
    expect(String(sector?.body)).toContain('— ОМ: курсов 2');
    expect(String(sector?.body)).toContain('— Пермский городской округ: 1, самая давняя ждёт 20 дн.');
  });

  it('sends within the day’s mail quota; the rest go the next day, none twice', () => {
    const b = bank();
    run(b, new Date(2026, 10, 30, 7, 0));
    const queued = letters(b).length;
    expect(queued).toBe(5); // the leader, the Perm methodist, the head, the owner and the sector member (both sector)
    const sent: string[] = [];
    const mailer = (quota: number) => ({ remaining: () => quota - sent.length, send: (to: string) => void sent.push(to) });
    sendOutbox(b.master.table(OUTBOX), mailer(2), b.clock);
    expect(sent).toHaveLength(2);
    sendOutbox(b.master.table(OUTBOX), mailer(100), b.clock);
    sendOutbox(b.master.table(OUTBOX), mailer(100), b.clock);
    expect(sent.sort()).toEqual(
      letters(b)
        .map((l) => String(l.to))
        .sort(),
    );
  });

  it('«Без сводок» switches a person’s reminders off', () => {
    const b = bank();
    b.master.table(ACCESS).updateByIds(new Map([['lead@iro.perm.ru', { noDigest: true }]]));
    run(b, new Date(2026, 11, 1, 7, 0));
    expect(letters(b).map((l) => l.to)).toEqual(['m1@perm.edu.ru']);
  });
});
