import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { resetValidationCache } from '../../src/adapters/spreadsheet-app/validation';
import type { Workbook } from '../../src/core/ports';
import { type FakeGas, fakeGas, installGlobals } from '../fakes/services';
import type { FakeSpreadsheet } from '../fakes/spreadsheet';
import { FakeRange } from '../fakes/spreadsheet-app';
import { LOG, PEOPLE, tableContract } from './table-contract';

const books = new Map<Workbook, FakeSpreadsheet>();
const sheetOf = (wb: Workbook, name = PEOPLE.name) => (books.get(wb) as FakeSpreadsheet).sheet(name);

let gas: FakeGas;
/** The ids a sheet holds, in sheet order. */
const idsOf = (wb: Workbook, spec: typeof PEOPLE | typeof LOG) =>
  wb
    .table(spec)
    .read()
    .map((r) => r.id);
const make = (): Workbook => {
  gas = fakeGas();
  installGlobals(gas);
  resetValidationCache();
  const ss = gas.SpreadsheetApp.bindNew();
  const wb = new SpreadsheetWorkbook(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  wb.ensure(PEOPLE);
  books.set(wb, ss);
  return wb;
};

const contractHooks = {
  renameHeader: (wb: Workbook, from: string, to: string) => {
    const s = sheetOf(wb);
    s.data[0].forEach((c) => c.v === from && (c.v = to));
  },
  moveColumnToEnd: (wb: Workbook, header: string) => {
    const s = sheetOf(wb);
    const i = s.data[0].findIndex((c) => c.v === header);
    const width = s.data[0].length;
    s.data = s.data.map((r) => {
      const row = r.slice();
      while (row.length < width) row.push({ v: '', fmt: '' });
      return [...row.slice(0, i), ...row.slice(i + 1), row[i]];
    });
  },
  raw: (wb: Workbook) => sheetOf(wb).dump(),
};
tableContract('spreadsheet-app over the fakes', { make, ...contractHooks });
// Where the advanced Sheets service is not enabled, appends and deletes go through SpreadsheetApp alone.
tableContract('spreadsheet-app over the fakes, without the advanced Sheets service', {
  make: () => {
    const wb = make();
    delete (globalThis as Record<string, unknown>).Sheets;
    return wb;
  },
  ...contractHooks,
});

describe('spreadsheet-app Table: call budgets and typed input', () => {
  const person = (i: number) => ({ id: String(i), name: `=Имя${i}`, phone: '+7900', hours: 72, born: new Date(1990, 0, 1), ok: false });

  it('reads a 10,000-row table with one getValues', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 10000 }, (_, i) => person(i)));
    gas.calls.reset();
    const rows = wb.table(PEOPLE).read();
    expect(rows).toHaveLength(10000);
    expect(gas.calls.of('Range.getValues')).toBe(1);
    expect(gas.calls.total('Range.', 'Sheet.')).toBe(2); // getDataRange + getValues, nothing per row
  });

  it('appends 5,000 rows in one Sheets API request: values typed, formats and validation per cell, nothing parsed', () => {
    const wb = make();
    const t = wb.table(PEOPLE);
    t.read(); // the header
    gas.calls.reset();
    t.append(Array.from({ length: 5000 }, (_, i) => person(i)));
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(gas.calls.total('Range.')).toBe(0);
    expect(gas.calls.of('Sheet.getLastRow')).toBe(0);
    // The spreadsheet's time zone is the script's: the date's fields are its own, no formatting call; the zones are
    // asked once.
    expect(gas.calls.of('Utilities.formatDate')).toBe(0);
    expect(gas.calls.of('Spreadsheet.getSpreadsheetTimeZone')).toBe(1);
    expect(gas.calls.of('Session.getScriptTimeZone')).toBe(1);
    const s = sheetOf(wb);
    expect(s.formulas()).toEqual([]);
    expect(s.maxRows).toBeGreaterThanOrEqual(5001);
    const row = s.dump()[5000];
    expect(row.slice(0, 4)).toEqual(['4999', '=Имя4999', '+7900', 72]);
    expect((row[4] as Date).getTime()).toBe(new Date(1990, 0, 1).getTime());
    expect(row[5]).toBe(false);
    expect(s.data[5000].map((c) => c.fmt)).toEqual(['@', '@', '@', '0', 'dd.mm.yyyy', '0']);
    expect(s.data[5000].map((c) => c.rule?.kind ?? null)).toEqual([null, null, null, null, 'date', 'checkbox']);
    expect(wb.table(PEOPLE).read()).toHaveLength(5000);
  });

  it('appends with SpreadsheetApp where the advanced service is not enabled: formats, validation, values, one growth', () => {
    const wb = make();
    delete (globalThis as Record<string, unknown>).Sheets;
    gas.calls.reset();
    wb.table(PEOPLE).append(Array.from({ length: 5000 }, (_, i) => person(i)));
    expect(gas.calls.of('Range.setValues')).toBe(1);
    expect(gas.calls.of('Sheet.insertRowsAfter')).toBe(1);
    expect(gas.calls.of('Range.setNumberFormats')).toBe(1);
    expect(gas.calls.of('Range.setDataValidations')).toBe(1);
    expect(sheetOf(wb).formulas()).toEqual([]);
    expect(sheetOf(wb).dump()[5000].slice(0, 4)).toEqual(['4999', '=Имя4999', '+7900', 72]);
  });

  it('appends the SpreadsheetApp way when the Sheets API refuses the request, writing nothing twice', () => {
    const wb = make();
    const api = (globalThis as unknown as { Sheets: { Spreadsheets: { batchUpdate: () => never } } }).Sheets.Spreadsheets;
    api.batchUpdate = () => {
      throw new Error('Invalid requests[0]: unknown request');
    };
    wb.table(PEOPLE).append([person(1), person(2)]);
    expect(idsOf(wb, PEOPLE)).toEqual(['1', '2']);
    expect(sheetOf(wb).dump()[1].slice(1, 3)).toEqual(['=Имя1', '+7900']);
  });

  it('replaces every row in one Sheets API request: shorter clears the rows left below, longer grows the sheet', () => {
    const wb = make();
    const t = wb.table(PEOPLE);
    t.append(Array.from({ length: 100 }, (_, i) => person(i)));
    t.read();
    gas.calls.reset();
    t.replaceAll(Array.from({ length: 30 }, (_, i) => person(1000 + i)));
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(gas.calls.total('Range.')).toBe(0);
    const s = sheetOf(wb);
    expect(s.lastRow()).toBe(31);
    expect(idsOf(wb, PEOPLE)).toEqual(Array.from({ length: 30 }, (_, i) => String(1000 + i)));
    expect(s.dump()[1].slice(1, 3)).toEqual(['=Имя1000', '+7900']);
    expect(s.formulas()).toEqual([]);
    gas.calls.reset();
    t.replaceAll(Array.from({ length: 1500 }, (_, i) => person(i)));
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(s.maxRows).toBeGreaterThanOrEqual(1501);
    expect(wb.table(PEOPLE).read()).toHaveLength(1500);
  });

  it('in a batch, appends to several sheets go in one request; a read in between sends them first; a throw still sends', () => {
    const wb = make();
    wb.ensure(LOG);
    const people = wb.table(PEOPLE);
    const log = wb.table(LOG);
    people.read();
    log.read();
    gas.calls.reset();
    const api = (globalThis as unknown as { Sheets: { batches: string[][] } }).Sheets;
    api.batches.length = 0;
    wb.batch?.(() => {
      people.append([person(1)]);
      log.append([{ id: '1', what: 'запись', n: 1 }]);
      people.append([person(2)]);
      expect(sheetOf(wb).lastRow()).toBe(1); // nothing sent yet
    });
    expect(api.batches).toEqual([['appendCells', 'appendCells', 'appendCells']]);
    expect(idsOf(wb, PEOPLE)).toEqual(['1', '2']);
    expect(idsOf(wb, LOG)).toEqual(['1']);
    // A read inside the batch sees the rows appended before it.
    api.batches.length = 0;
    wb.batch?.(() => {
      people.append([person(3)]);
      expect(wb.table(PEOPLE).find('id', ['3'])).toHaveLength(1);
      log.append([{ id: '2', what: 'запись', n: 2 }]);
    });
    expect(api.batches).toEqual([['appendCells'], ['appendCells']]);
    // A throw inside: what was appended before it is sent, as it would have been one by one.
    expect(() =>
      wb.batch?.(() => {
        people.append([person(4)]);
        throw new Error('сбой');
      }),
    ).toThrow('сбой');
    expect(idsOf(wb, PEOPLE)).toEqual(['1', '2', '3', '4']);
  });

  it('in a batch, updates of rows go in the same request, typed (text stays text, a date the same day); else setValues', () => {
    const run = (service: boolean) => {
      const wb = make();
      wb.ensure(LOG);
      wb.table(PEOPLE).append([person(1), person(2)]);
      if (!service) delete (globalThis as { Sheets?: unknown }).Sheets;
      const people = wb.table(PEOPLE);
      people.read();
      gas.calls.reset();
      const batches = (gas.Sheets as unknown as { batches: string[][] }).batches;
      batches.length = 0;
      wb.batch?.(() => {
        wb.table(LOG).append([{ id: '1', what: 'запись', n: 1 }]);
        people.updateByIds(new Map([['2', { name: '=ВЗЛОМ()', phone: '007', born: new Date(2001, 4, 9), hours: '' }]]));
      });
      return { wb, batches: [...batches], setValues: gas.calls.of('Range.setValues') };
    };
    const api = run(true);
    // A sheet people edit: its ids are read again before the update, which sends the append first.
    expect(api.batches).toEqual([['appendCells'], ['updateCells']]);
    expect(api.setValues).toBe(0);
    const plain = run(false);
    expect(plain.setValues).toBe(2); // the append's values and the update
    for (const { wb } of [api, plain]) {
      const row = wb
        .table(PEOPLE)
        .read()
        .find((r) => r.id === '2');
      expect(row).toMatchObject({ name: '=ВЗЛОМ()', phone: '007', born: new Date(2001, 4, 9), hours: '' });
      expect(sheetOf(wb).formulas()).toEqual([]);
    }
    // A sheet only the bank writes, read in this execution: no read before the update, so one request.
    const wb = make();
    wb.ensure(LOG);
    wb.table(LOG).append([{ id: '1', what: 'запись', n: 1 }]);
    const once = new SpreadsheetWorkbook(books.get(wb) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, { perExecution: true });
    const log = once.table(LOG);
    log.read();
    const batches = (gas.Sheets as unknown as { batches: string[][] }).batches;
    batches.length = 0;
    once.batch?.(() => {
      once.table(PEOPLE).append([person(3)]);
      log.updateByIds(new Map([['1', { what: 'исправлено', n: 2 }]]));
    });
    expect(batches).toEqual([['appendCells', 'updateCells']]);
    expect(idsOf(wb, PEOPLE)).toEqual(['3']);
    expect(wb.table(LOG).read()).toEqual([expect.objectContaining({ id: '1', what: 'исправлено', n: 2 })]);
  });

  it('a batch the Sheets API refuses is written the SpreadsheetApp way, every append in order', () => {
    const wb = make();
    wb.ensure(LOG);
    const api = (globalThis as unknown as { Sheets: { Spreadsheets: { batchUpdate: () => never } } }).Sheets.Spreadsheets;
    api.batchUpdate = () => {
      throw new Error('Invalid requests[0]: unknown request');
    };
    wb.batch?.(() => {
      wb.table(PEOPLE).append([person(1)]);
      wb.table(LOG).append([{ id: '1', what: 'запись', n: 1 }]);
      wb.table(PEOPLE).append([person(2)]);
    });
    expect(idsOf(wb, PEOPLE)).toEqual(['1', '2']);
    expect(idsOf(wb, LOG)).toEqual(['1']);
    expect(sheetOf(wb).formulas()).toEqual([]);
  });

  it('writes a date as its wall-clock time in the spreadsheet’s time zone, so it reads back as the same moment', () => {
    const wb = make();
    const ss = books.get(wb) as FakeSpreadsheet;
    ss.timeZone = 'Europe/Moscow'; // two hours behind the script's Asia/Yekaterinburg
    const born = new Date(1990, 0, 1); // midnight in Yekaterinburg: 31.12.1989 22:00 in Moscow
    gas.calls.reset();
    wb.table(PEOPLE).append([
      { ...person(1), born },
      { ...person(2), born },
    ]);
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(gas.calls.of('Utilities.formatDate')).toBe(1); // once per distinct date
    const cell = sheetOf(wb).dump()[1][4] as Date;
    expect(cell.getTime()).toBe(born.getTime());
    expect(wb.table(PEOPLE).read()[1].born).toEqual(born);
    // Read back through the Sheets API (scattered rows in one request, dates as serial numbers): the same moment.
    wb.table(PEOPLE).append([person(3), { ...person(4), born }]);
    gas.calls.reset();
    expect(
      wb
        .table(PEOPLE)
        .find('id', ['1', '4'])
        .map((f) => f.row.born),
    ).toEqual([born, born]);
    expect(gas.calls.of('Sheets.Values.batchGet')).toBe(1);
  });

  it('deletes scattered ids in one Sheets API request when the advanced service is enabled', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 100 }, (_, i) => person(i)));
    gas.calls.reset();
    const ids = ['5', '6', '40', '41', '90'];
    expect(wb.table(PEOPLE).deleteByIds(ids)).toBe(5);
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(gas.calls.of('Sheet.deleteRows')).toBe(0);
    const left = wb
      .table(PEOPLE)
      .read()
      .map((r) => Number(r.id));
    expect(left).toHaveLength(95);
    expect(left.some((id) => ids.includes(String(id)))).toBe(false);
  });

  it('deletes scattered ids in one deleteRows per contiguous run, highest first, without the advanced service', () => {
    const wb = make();
    delete (globalThis as Record<string, unknown>).Sheets;
    wb.table(PEOPLE).append(Array.from({ length: 100 }, (_, i) => person(i)));
    gas.calls.reset();
    const ids = [...Array.from({ length: 30 }, (_, i) => String(40 + i)), '5', '6', '90'];
    expect(wb.table(PEOPLE).deleteByIds(ids)).toBe(33);
    expect(gas.calls.of('Sheet.deleteRows')).toBe(3);
    // The header, then a search for the ids right before deleting (no column re-read).
    expect(gas.calls.of('Range.getValues')).toBe(1);
    expect(gas.calls.of('TextFinder.findAll')).toBe(1);
    const left = wb
      .table(PEOPLE)
      .read()
      .map((r) => Number(r.id));
    expect(left).toHaveLength(67);
    expect(left.some((id) => ids.includes(String(id)))).toBe(false);
  });

  it('looks records up without reading the column: one search, then just the rows found', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 2000 }, (_, i) => person(i)));
    const sheet = sheetOf(wb);
    const read0 = sheet.cellsRead;
    gas.calls.reset();
    const found = wb.table(PEOPLE).find('id', ['17', '18', '1999']);
    expect(found.map((f) => f.row.id)).toEqual(['17', '18', '1999']);
    expect(gas.calls.of('TextFinder.findAll')).toBe(1);
    // The header (6 cells) and two runs of rows (3 × 6) in one request: nothing of the other 1,997 rows.
    expect(sheet.cellsRead - read0).toBe(6 + 3 * 6);
    expect(sheet.cellsSearched).toBe(2000);
    expect(gas.calls.of('Range.getValues')).toBe(1);
    expect(gas.calls.of('Sheets.Values.batchGet')).toBe(1);
    // Typed as getValues types them: the date a Date, the checkbox a boolean, text as typed.
    expect(found[2].row).toEqual({ ...person(1999), phone: '+7900', name: '=Имя1999' });
    // Without the advanced service, a read per run.
    delete (globalThis as { Sheets?: unknown }).Sheets;
    gas.calls.reset();
    expect(wb.table(PEOPLE).find('id', ['17', '18', '1999'])).toEqual(found);
    expect(gas.calls.of('Range.getValues')).toBe(3);
  });

  it('reads a few columns of a wide sheet in one read per block of neighbouring columns', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 100 }, (_, i) => person(i)));
    const sheet = sheetOf(wb);
    const read0 = sheet.cellsRead;
    gas.calls.reset();
    // «Номер» (1st) and «Готово» (6th): the header, then two reads of one column each — 2 columns of 6.
    expect(wb.table(PEOPLE).readColumns(['id', 'ok'])).toHaveLength(100);
    expect(gas.calls.of('Range.getValues')).toBe(3);
    expect(sheet.cellsRead - read0).toBe(6 + 100 * 2);
    // A gap of two columns is read through: «Номер» … «Часы» (1st–4th) in one read.
    gas.calls.reset();
    expect(wb.table(PEOPLE).readColumns(['id', 'hours'])).toHaveLength(100);
    expect(gas.calls.of('Range.getValues')).toBe(2);
  });

  it('finds by reading the column where the platform has no TextFinder', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 50 }, (_, i) => person(i)));
    const proto = FakeRange.prototype as unknown as Record<string, unknown>;
    const finder = proto.createTextFinder;
    delete proto.createTextFinder;
    try {
      expect(
        wb
          .table(PEOPLE)
          .find('id', ['7', '42'])
          .map((f) => f.row.id),
      ).toEqual(['7', '42']);
    } finally {
      proto.createTextFinder = finder;
    }
  });

  it('searches a hundred values per TextFinder', () => {
    const wb = make();
    wb.table(PEOPLE).append(Array.from({ length: 300 }, (_, i) => person(i)));
    gas.calls.reset();
    const ids = Array.from({ length: 250 }, (_, i) => String(i));
    expect(wb.table(PEOPLE).present(ids).size).toBe(250);
    expect(gas.calls.of('TextFinder.findAll')).toBe(3);
  });

  it('updates scattered records found on a bank-only sheet with one write and no id column read', () => {
    const wb = make();
    wb.ensure(LOG);
    wb.table(LOG).append(Array.from({ length: 1000 }, (_, i) => ({ id: String(i + 1), what: `запись ${i + 1}`, n: i })));
    const t = wb.table(LOG);
    const ids = ['500', '502', '504', '506', '508', '510', '512', '514'];
    t.find('id', ids);
    gas.calls.reset();
    const written = sheetOf(wb, LOG.name).cellsWritten;
    t.updateByIds(new Map(ids.map((id) => [id, { n: -1 }])));
    expect(gas.calls.of('Range.getValues')).toBe(0);
    expect(gas.calls.of('TextFinder.findAll')).toBe(1);
    // The eight changed cells, each its own range, in one request (not the rows between).
    expect(gas.calls.of('Range.setValues')).toBe(0);
    expect(gas.calls.of('Sheets.batchUpdate')).toBe(1);
    expect(sheetOf(wb, LOG.name).cellsWritten - written).toBe(8);
    // Without the advanced service: one block from the first to the last (the rows between were read by the search's
    // one span, so they are written back as they are).
    delete (globalThis as { Sheets?: unknown }).Sheets;
    const again = wb.table(LOG);
    again.find('id', ids);
    gas.calls.reset();
    again.updateByIds(new Map(ids.map((id) => [id, { n: -2 }])));
    expect(gas.calls.of('Range.setValues')).toBe(1);
    expect(
      wb
        .table(LOG)
        .read()
        .filter((r) => r.n === -2)
        .map((r) => r.id),
    ).toEqual(ids);
  });

  it('in one execution, updates records it found on a bank-only sheet without searching again', () => {
    const wb = make();
    wb.ensure(LOG);
    wb.table(LOG).append(Array.from({ length: 300 }, (_, i) => ({ id: String(i + 1), what: `запись ${i + 1}`, n: i })));
    const execution = new SpreadsheetWorkbook(books.get(wb) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, { perExecution: true });
    const t = execution.table(LOG);
    t.find('id', ['10', '12']);
    gas.calls.reset();
    expect(t.updateByIds(new Map([['12', { n: -12 }]]))).toEqual([]);
    expect(gas.calls.of('TextFinder.findAll')).toBe(0);
    expect(gas.calls.of('Range.setValues')).toBe(1);
    // A record it did not read is searched for, and only its row read.
    const read0 = sheetOf(wb, LOG.name).cellsRead;
    expect(t.updateByIds(new Map([['200', { n: -200 }]]))).toEqual([]);
    expect(gas.calls.of('TextFinder.findAll')).toBe(1);
    expect(sheetOf(wb, LOG.name).cellsRead - read0).toBe(3);
    expect(
      wb
        .table(LOG)
        .read()
        .filter((r) => Number(r.n) < 0)
        .map((r) => r.id),
    ).toEqual(['12', '200']);
  });

  it('reads rows it has read in this execution once, their later updates included; rows that moved are read again', () => {
    const wb = make();
    wb.ensure(LOG);
    wb.table(LOG).append(Array.from({ length: 300 }, (_, i) => ({ id: String(i + 1), what: `запись ${i + 1}`, n: i })));
    const execution = new SpreadsheetWorkbook(books.get(wb) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, { perExecution: true });
    const t = execution.table(LOG);
    const found = t.find('id', ['10', '12']);
    t.updateByIds(new Map([['12', { n: -12 }]]));
    gas.calls.reset();
    expect(t.readAt(found.map((f) => f.index)).map((f) => [f.row.id, f.row.n])).toEqual([
      ['10', 9],
      ['12', -12],
    ]);
    expect(gas.calls.of('Range.getValues')).toBe(0);
    t.deleteByIds(['5']);
    gas.calls.reset();
    expect(t.readAt([8]).map((f) => f.row.id)).toEqual(['10']);
    expect(gas.calls.of('Range.getValues')).toBe(1);
  });

  it('updates 30 contiguous records with one setValues', () => {
    const wb = make();
    const t = wb.table(PEOPLE);
    t.append(Array.from({ length: 1000 }, (_, i) => person(i)));
    t.read();
    gas.calls.reset();
    t.updateByIds(new Map(Array.from({ length: 30 }, (_, i) => [String(500 + i), { ok: true }])));
    expect(gas.calls.of('Range.setValues')).toBe(1);
    expect(gas.calls.of('Range.getValues')).toBe(1);
  });

  it('shows what the fake does without plain-text format: it parses like typed input', () => {
    const wb = make();
    const s = sheetOf(wb);
    // Columns 10–12 are outside the declared (plain-text formatted) columns.
    s.getRange(5, 10, 1, 3).setValues([['=1+1', '+79001234567', '007']]);
    expect(s.formulas()).toEqual(['=1+1']);
    expect(s.dump()[4].slice(10, 12)).toEqual([79001234567, 7]);
    void wb;
  });
});
