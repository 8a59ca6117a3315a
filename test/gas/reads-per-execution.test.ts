// One read per sheet per execution: a server function reads each sheet it needs once (the per-execution table cache),
// never the same sheet twice because two use cases each asked for it.

import { LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import type { CourseSummary } from '../../src/core/use-cases/courses';
import { recountStages } from '../../src/core/use-cases/stage-counts';
import { anApplication } from '../builders';
import type { GasBank } from './bank-fixture';
import { callAs, courseInput, staffBank, type Who } from './staff-fixture';

/** getValues of data rows per sheet of the master during `act` (a header-only read finds the columns: not counted). */
const readsDuring = (b: GasBank, act: () => unknown): Record<string, number> => {
  b.ss.sheets.forEach((s) => (s.dataReads = 0));
  act();
  return Object.fromEntries(b.ss.sheets.filter((s) => s.dataReads > 0).map((s) => [s.name, s.dataReads]));
};

const bankWithApplicants = (): GasBank => {
  const b = staffBank();
  const apps = Array.from({ length: 5 }, (_, i) => anApplication(i + 1, { stage: 'provider' }));
  b.master.table(LEDGER).append(apps);
  b.master.table(PROVIDER_BANK).append(apps);
  return b;
};

describe('reads per execution', () => {
  it.each<[string, Who, unknown]>([
    ['getLeaderOverview', 'leader', undefined],
    ['getCourse', 'leader', { code: 'ОМ-01' }],
    ['getAttendance', 'leader', { code: 'ОМ-01' }],
    ['getAccessList', 'sector', undefined],
    ['getHelpInfo', 'leader', undefined],
  ])('%s reads each sheet at most once', (fn, who, arg) => {
    const b = bankWithApplicants();
    const reads = readsDuring(b, () => expect(callAs(b, who, fn, arg).ok).toBe(true));
    expect(Object.entries(reads).filter(([, n]) => n > 1)).toEqual([]);
  });

  it('the leader’s overview reads no application from the ledger while «Счётчики» is true; otherwise three columns', () => {
    const b = bankWithApplicants();
    recountStages(b.master);
    const ledger = b.ss.sheets.find((s) => s.name === LEDGER.name);
    const read = () => {
      const before = ledger?.cellsRead ?? 0;
      const r = callAs(b, 'leader', 'getLeaderOverview', {});
      return { cells: (ledger?.cellsRead ?? 0) - before, course: (r.value as { courses: CourseSummary[] }).courses.find((c) => c.code === 'ОМ-01') };
    };
    // Not a cell of the ledger: its row count is one call.
    expect(read()).toMatchObject({ cells: 0, course: { atProvider: 5 } });
    // A row written around the bank: the counts no longer add up to the ledger's rows, so it counts course, territory
    // and stage of every application (and does not write: a read)
    b.master.table(LEDGER).append([anApplication(6, { stage: 'provider' })]);
    expect(read()).toMatchObject({ cells: LEDGER.columns.length + 6 * 3, course: { atProvider: 6 } });
  });

  it('saving a course reads «Курсы» once in full (plus the id column just before updating it)', () => {
    const b = bankWithApplicants();
    expect(callAs(b, 'leader', 'saveCourse', courseInput()).ok).toBe(true);
    const reads = readsDuring(b, () => expect(callAs(b, 'leader', 'saveCourse', courseInput({ title: 'Новое название' })).ok).toBe(true));
    expect(reads.Курсы).toBeLessThanOrEqual(2);
    expect(reads.Доступ).toBe(1);
  });
});
