// Issue 19: an execution reads the header rows of the bank's sheets in one Sheets API request instead of one call per
// sheet; without the advanced service (or before setup made every sheet) each sheet reads its own, with the same result.
import { LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { anApplication } from '../builders';
import type { GasBank } from './bank-fixture';
import { callAs, staffBank } from './staff-fixture';

const formThirty = (b: GasBank) => {
  const apps = Array.from({ length: 40 }, (_, i) => anApplication(i + 1, { stage: 'provider' }));
  b.master.table(LEDGER).append(apps);
  b.master.table(PROVIDER_BANK).append(apps);
  b.gas.Clock.set(2026, 9, 5);
  b.gas.calls.reset();
  const r = callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: apps.slice(0, 30).map((a) => String(a.id)) });
  expect(r.value).toMatchObject({ enrolled: 30, absent: 10 });
  return { ...b.gas.calls.snapshot() };
};

describe('header rows of the bank’s sheets', () => {
  it('come in one request per execution: forming a group reads no header on its own', () => {
    const withApi = formThirty(staffBank());
    // The headers, and the small sheets forming reads whole (courses, groups, settings, letters, counts).
    expect(withApi['Sheets.Values.batchGet']).toBe(2);
    const b = staffBank();
    const values = (b.code.Sheets as { Spreadsheets: Record<string, unknown> }).Spreadsheets;
    delete values.Values;
    const without = formThirty(b);
    expect(without['Sheets.Values.batchGet']).toBeUndefined();
    // Every sheet the operation touched read its header with a call of its own.
    expect(without['Range.getValues'] - withApi['Range.getValues']).toBeGreaterThanOrEqual(6);
  });

  it('a renamed header column still stops the operation with the sheet and the column named, and nothing moves', () => {
    const b = staffBank();
    const ledger = b.ss.sheet('Реестр заявок');
    const col = ledger.data[0].findIndex((c) => c.v === 'Этап');
    ledger.data[0][col].v = 'Стадия';
    const apps = Array.from({ length: 2 }, (_, i) => anApplication(i + 1, { stage: 'provider' }));
    b.master.table(PROVIDER_BANK).append(apps);
    b.gas.Clock.set(2026, 9, 5);
    const r = callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: ['2026-000001'] });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/«Реестр заявок».*«Этап»/);
    expect(b.ss.sheet('Копилка поставщика').dump()).toHaveLength(3);
  });
});
