// Builders and a small memory bank for tests: fixed clock, generated ids, the same use cases the product runs.
import { MemoryBookStore } from '../src/adapters/memory/memory-book-store';
import { MemoryWorkbook } from '../src/adapters/memory/memory-workbook';
import { formatApplicationId } from '../src/core/domain/application';
import type { BookStore, Clock, Lock, Properties, Workbook } from '../src/core/ports';
import { ACCESS, COURSES, QUOTAS, TERRITORIES } from '../src/core/sheets/master';
import type { Row } from '../src/core/sheets/spec';
import { setupBank } from '../src/core/use-cases/setup-bank';
import { ensureTerritoryBooks } from '../src/core/use-cases/territory-books';

export class FixedClock implements Clock {
  constructor(public t = new Date(2026, 8, 1, 9, 0).getTime()) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const memoryProperties = (): Properties & { store: Map<string, string> } => {
  const store = new Map<string, string>();
  return { store, get: (k) => (store.has(k) ? (store.get(k) as string) : null), set: (k, v) => void store.set(k, v) };
};

export const noLock: Lock = { withLock: (fn) => fn() };

const SURNAMES = ['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Попов', 'Васильева', 'Соколов'];

/** A full ledger record of a valid application (stage 'methodist'). */
export const anApplication = (n: number, over: Partial<Row> = {}): Row => ({
  id: formatApplicationId(2026, n),
  course: 'ОМ-01',
  lastName: SURNAMES[n % SURNAMES.length],
  firstName: 'Анна',
  middleName: 'Петровна',
  email: `teacher${n}@school.perm.ru`,
  phone: `+7902${String(1000000 + n).slice(-7)}`,
  organization: `МАОУ СОШ № ${1 + (n % 150)}`,
  position: 'учитель',
  territory: 'perm',
  birthDate: new Date(1980, n % 12, 1 + (n % 28)),
  sex: n % 2 ? 'мужской' : 'женский',
  snils: '112-233-445 95',
  educationLevel: 'высшее',
  diplomaLastName: '',
  consentVersion: '1',
  consentAt: new Date(2026, 7, 20),
  createdAt: new Date(2026, 7, 20),
  stage: 'methodist',
  group: '',
  reason: '',
  personKey: `snils:11223344595-${n}`,
  responseId: String(n + 1),
  updatedAt: new Date(2026, 7, 20),
  updatedBy: 'форма',
  ...over,
});

export const aCourse = (code: string, over: Partial<Row> = {}): Row => ({
  code,
  title: `Курс ${code}`,
  annotation: '',
  schedule: '',
  hours: 36,
  form: 'очная',
  startDate: new Date(2026, 9, 5),
  endDate: new Date(2026, 9, 9),
  place: 'Пермь, ул. Екатерининская, 210',
  audience: 'учителя',
  capacity: 30,
  subdivision: 'ОМ',
  leader: 'lead@iro.perm.ru',
  enrolment: 'открыт',
  ...over,
});

export interface MemoryBank {
  master: MemoryWorkbook;
  books: MemoryBookStore;
  clock: FixedClock;
  properties: ReturnType<typeof memoryProperties>;
}

/** A set-up bank in memory: 43 territories with workbooks, two methodists of Perm, courses and quotas. */
export const memoryBank = (opts: { courses?: Row[]; quotas?: Row[]; access?: Row[] } = {}): MemoryBank => {
  const master = new MemoryWorkbook('master');
  const books = new MemoryBookStore();
  const clock = new FixedClock();
  const properties = memoryProperties();
  const r = setupBank({ master, clock, actor: 'owner@iro.perm.ru', triggers: { ensure: () => [] }, triggerSpecs: [] });
  if (!r.ok) throw new Error(r.error);
  master.table(ACCESS).append(
    opts.access ?? [
      { email: 'm1@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Методист Перми', active: true },
      { email: 'm2@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Второй методист', active: true },
      { email: 'm@kungur.edu.ru', role: 'methodist', scope: 'kungursky', name: 'Методист Кунгура', active: true },
    ],
  );
  master.table(COURSES).append(opts.courses ?? [aCourse('ОМ-01'), aCourse('ОМ-02')]);
  master.table(QUOTAS).append(opts.quotas ?? [{ course: 'ОМ-01', territory: 'perm', places: 5 }]);
  ensureTerritoryBooks({ master, books, clock, actor: 'owner@iro.perm.ru', budgetMs: 1e9 });
  return { master, books, clock, properties };
};

export const bookOf = (master: Workbook, books: BookStore, code: string): Workbook => {
  const t = master.table(TERRITORIES).read();
  return books.open(String(t.find((r) => r.code === code)?.workbookId));
};
