// One read per sheet per execution: a server function reads each sheet it needs once (the per-execution table cache),
// never the same sheet twice because two use cases each asked for it.

import { LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
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

  it('the leader’s overview reads the four columns of the ledger its counts need, of every application', () => {
    const b = bankWithApplicants();
    const ledger = b.ss.sheets.find((s) => s.name === LEDGER.name);
    const before = ledger?.cellsRead ?? 0;
    expect(callAs(b, 'leader', 'getLeaderOverview', {}).ok).toBe(true);
    // The header row, then course, territory, stage and group of the 5 applications.
    expect((ledger?.cellsRead ?? 0) - before).toBe(LEDGER.columns.length + 5 * 4);
  });

  it('saving a course reads «Курсы» once in full (plus the id column just before updating it)', () => {
    const b = bankWithApplicants();
    expect(callAs(b, 'leader', 'saveCourse', courseInput()).ok).toBe(true);
    const reads = readsDuring(b, () => expect(callAs(b, 'leader', 'saveCourse', courseInput({ title: 'Новое название' })).ok).toBe(true));
    expect(reads.Курсы).toBeLessThanOrEqual(2);
    expect(reads.Доступ).toBe(1);
  });
});
