// Crash injection for the cabinets' requests: the owner's job stops before each of its writes in turn while it forms a
// group asked for in a cabinet; the next run finishes it — nothing lost, nothing doubled, the integrity check clean.
import type { App } from '../../src/app/app';
import { runCabinetRequests } from '../../src/app/cabinet-requests';
import { personalRequests } from '../../src/core/sheets/cabinet';
import { ACCESS, ARCHIVE, CABINETS, GROUP_REGISTRY, GROUPS, LEDGER, PROVIDER_BANK, SUBDIVISIONS } from '../../src/core/sheets/master';
import { ensureCabinets, RESUMED } from '../../src/core/use-cases/cabinets';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { anApplication, type MemoryBank, memoryBank, noLock } from '../builders';
import { Crash, faulty } from './faulty';

const LEADER = 'lead@iro.perm.ru';
const REQUESTS = personalRequests(LEADER);

const scenario = () => {
  const b = memoryBank();
  b.master.table(SUBDIVISIONS).append([{ code: 'ОМ', name: 'Отдел методики' }]);
  b.master.table(ACCESS).append([{ email: LEADER, role: 'leader', scope: 'ОМ', name: 'Руководитель', active: true }]);
  const apps = [1, 2, 3, 4].map((n) => anApplication(n, { stage: 'provider' }));
  b.master.table(LEDGER).append(apps);
  b.master.table(PROVIDER_BANK).append(apps.map((a) => ({ ...a, present: false })));
  ensureCabinets({ master: b.master, cabinets: b.books, clock: b.clock, actor: 'owner', budgetMs: 1e9 });
  b.clock.t = new Date(2026, 9, 5, 10, 0).getTime(); // the course's first day: the leader asks to form the group
  const cabinet = b.books.open(String(b.master.table(CABINETS).read()[0].spreadsheetId));
  cabinet.ensure(REQUESTS);
  cabinet.table(REQUESTS).append([
    {
      id: 'r1',
      at: b.clock.now(),
      action: 'Сформировать группу',
      about: '',
      data: JSON.stringify({ kind: 'formGroup', args: { code: 'ОМ-01', present: ['2026-000001', '2026-000002', '2026-000003'] } }),
      state: 'ожидает обработки',
      result: '',
    },
  ]);
  return { b, cabinet };
};

const appOf = (b: MemoryBank, budget?: { left: number; writes: number }): App => ({
  master: budget ? faulty(b.master, budget) : b.master,
  books: b.books,
  cabinets: b.books,
  clock: b.clock,
  identity: { email: () => '' },
  lock: noLock,
  properties: b.properties,
  mailer: { remaining: () => 0, send: () => undefined },
  documents: { save: () => '', saveTable: () => '' },
  statsPublisher: { publish: () => undefined } as never,
  notify: () => undefined,
  setFormCourses: () => undefined,
});

const run = (s: ReturnType<typeof scenario>, budget?: { left: number; writes: number }) =>
  runCabinetRequests(appOf(s.b, budget), budget ? faulty(s.cabinet, budget) : s.cabinet, 'ОМ');

const state = (b: MemoryBank) => ({
  stages: b.master
    .table(LEDGER)
    .read()
    .map((r) => `${r.id}:${r.stage}:${r.group}`),
  groups: b.master.table(GROUPS).ids().sort(),
  archive: b.master.table(ARCHIVE).ids().sort(),
  provider: b.master.table(PROVIDER_BANK).ids(),
  registry: b.master
    .table(GROUP_REGISTRY)
    .read()
    .map((g) => `${g.group}:${g.size}`),
});

describe('cabinet requests: crash safety', () => {
  // A staff function logs the exception it reports as interrupted; the crashes here are on purpose.
  beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());
  const clean = scenario();
  const counted = { left: -1, writes: 0 };
  expect(run(clean, counted)).toMatchObject({ done: 1, failed: 0 });
  const expected = state(clean.b);

  it('the clean run forms the group asked for in the cabinet', () => {
    expect(expected.groups).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    expect(expected.archive).toEqual(['2026-000004']);
    expect(clean.cabinet.table(REQUESTS).read()[0]).toMatchObject({ state: 'выполнено' });
    expect(counted.writes).toBeGreaterThan(5);
  });

  for (let k = 0; k < counted.writes; k++) {
    it(`a crash before write #${k + 1} is finished by the next run: nothing lost, nothing doubled`, () => {
      const s = scenario();
      const budget = { left: k, writes: 0 };
      // A crash outside a staff function ends the execution; inside one, the function reports it interrupted.
      try {
        run(s, budget);
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
      }
      expect(budget.left).toBeLessThan(0); // the crash did happen
      run(s);
      run(s);
      expect(state(s.b)).toEqual(expected);
      expect(checkIntegrity(s.b.master, s.b.books).problems).toEqual([]);
      const request = s.cabinet.table(REQUESTS).read()[0];
      // Done by the resumed run, or found done already (the crash came after the work, before its state was written).
      if (request.state !== 'выполнено') expect(request).toMatchObject({ state: 'ошибка', result: expect.stringContaining(RESUMED) });
    });
  }
});
