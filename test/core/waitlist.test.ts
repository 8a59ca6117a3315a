// The waitlist (issue 16): per course and territory in the order applications arrived; each waiting teacher is told
// their place; when the quota and the course's capacity have room again, the first in line is offered to the methodist
// on «Копилка методиста» — marked, never moved by the bank on its own.
import { COURSES, LEDGER, OUTBOX, PROVIDER_BANK } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { HISTORY, METHODIST_BANK, TERRITORY_QUOTAS } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { withdrawApplication } from '../../src/core/use-cases/groups';
import { syncTerritories } from '../../src/core/use-cases/sync-territories';
import { anApplication, bookOf, type MemoryBank, memoryBank, noLock } from '../builders';

const SEND = { decision: 'Направить поставщику' };
const bank = (n: number, capacity = 30): MemoryBank => {
  const b = memoryBank();
  b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { capacity }]]));
  admitApplications(
    { master: b.master, books: b.books, clock: b.clock, actor: 'форма' },
    Array.from({ length: n }, (_, i) => anApplication(i + 1)),
  );
  return b;
};
const sync = (b: MemoryBank) => syncTerritories({ master: b.master, books: b.books, clock: b.clock, properties: b.properties, lock: noLock });
const perm = (b: MemoryBank) => bookOf(b.master, b.books, 'perm').table(METHODIST_BANK);
const decide = (b: MemoryBank, ids: number[]) => perm(b).updateByIds(new Map(ids.map((n) => [id(n), SEND])));
const notes = (b: MemoryBank) =>
  Object.fromEntries(
    perm(b)
      .read()
      .map((r) => [String(r.id), String(r.bankNote)]),
  );
const id = (n: number) => String(anApplication(n).id);
const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

describe('the waitlist', () => {
  it('queues in the order applications arrived, tells each teacher the place, and offers the first when a place frees', () => {
    const b = bank(8);
    // 8 is waitlisted by the methodist first; 7 arrives in the queue later (quota full) but arrived earlier: it leads.
    decide(b, [1, 2, 3, 4, 5]);
    perm(b).updateByIds(new Map([[id(8), { decision: 'Лист ожидания' }]]));
    sync(b);
    expect(notes(b)[id(8)]).toBe('Лист ожидания: 1-я по очереди (квота 5 из 5 занята).');
    decide(b, [7]);
    sync(b);
    const stage = new Map(
      b.master
        .table(LEDGER)
        .read()
        .map((r) => [String(r.id), r.stage]),
    );
    expect([7, 8].map((n) => stage.get(id(n)))).toEqual(['waitlist', 'waitlist']);
    expect(notes(b)).toMatchObject({
      [id(7)]: 'Лист ожидания: 1-я по очереди (квота 5 из 5 занята).',
      [id(8)]: 'Лист ожидания: 2-я по очереди (квота 5 из 5 занята).',
    });
    const letters = new Map(
      b.master
        .table(OUTBOX)
        .read()
        .map((l) => [String(l.id), String(l.body)]),
    );
    expect(letters.get(`${id(8)}/лист ожидания`)).toContain('Ваше место в очереди: 1.');
    expect(letters.get(`${id(7)}/лист ожидания`)).toContain('Ваше место в очереди: 1.');

    // A leader withdraws one sent application: the place is free; the next sync offers it to the first in line only.
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    expect(withdrawApplication(deps, leader, id(1), 'по болезни').ok).toBe(true);
    sync(b);
    expect(notes(b)).toMatchObject({
      [id(7)]: 'Место освободилось (свободно: 1): выберите «Направить поставщику».',
      [id(8)]: 'Лист ожидания: 2-я по очереди.',
    });
    // Nothing moved by itself.
    expect(b.master.table(PROVIDER_BANK).ids()).toHaveLength(4);

    // The methodist takes the offer; the next in line moves up.
    decide(b, [7]);
    sync(b);
    expect(b.master.table(PROVIDER_BANK).ids()).toContain(id(7));
    expect(notes(b)[id(8)]).toBe('Лист ожидания: 1-я по очереди (квота 5 из 5 занята).');
  });

  it('offers no place while the course is full, even if the territory’s quota has room', () => {
    const b = bank(4, 2);
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { capacity: 2 }]]));
    decide(b, [1, 2]);
    sync(b);
    perm(b).updateByIds(new Map([[id(3), { decision: 'Лист ожидания' }]]));
    sync(b);
    expect(notes(b)[id(3)]).toBe('Лист ожидания: 1-я по очереди (мест на курсе нет).');
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { capacity: 3 }]]));
    // One more place, and the methodist fills it at once with another application: still no place for the queue.
    decide(b, [4]);
    sync(b);
    const row = perm(b)
      .read()
      .find((r: Row) => r.id === id(3));
    expect(row?.bankNote).toBe('Лист ожидания: 1-я по очереди (мест на курсе нет).');
  });
});

describe('the course card in the methodist’s workbook', () => {
  it('«Квоты» keeps a closed course while the territory has an active application, with place, schedule, annotation and leader; «История» has the dates and place', () => {
    const b = bank(3);
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { schedule: 'Пн–Пт, 10:00', annotation: 'Про оценивание.' }]]));
    decide(b, [1]);
    sync(b);
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { enrolment: 'закрыт' }]]));
    b.properties.set('EBPPK_DIRTY_TERRITORIES', '*');
    sync(b);
    const book = bookOf(b.master, b.books, 'perm');
    const quotas = book.table(TERRITORY_QUOTAS).read();
    expect(quotas.find((q) => q.course === 'ОМ-01')).toMatchObject({
      enrolment: 'закрыт',
      quota: '5',
      sent: 1,
      left: 4,
      placesLeft: 29,
      place: 'Пермь, ул. Екатерининская, 210',
      schedule: 'Пн–Пт, 10:00',
      annotation: 'Про оценивание.',
      leader: 'lead@iro.perm.ru',
    });
    // ОМ-02 is open and has nothing of this territory: listed; once closed with nothing active, it goes.
    expect(quotas.map((q) => q.course)).toContain('ОМ-02');
    b.master.table(COURSES).updateByIds(new Map([['ОМ-02', { enrolment: 'закрыт' }]]));
    b.properties.set('EBPPK_DIRTY_TERRITORIES', '*');
    sync(b);
    expect(
      book
        .table(TERRITORY_QUOTAS)
        .read()
        .map((q) => q.course),
    ).toEqual(['ОМ-01']);
    expect(book.table(HISTORY).read()[0]).toMatchObject({ id: id(1), courseDates: '05.10.2026–09.10.2026', place: 'Пермь, ул. Екатерининская, 210' });
  });
});
