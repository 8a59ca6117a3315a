// One contract suite for every Table adapter: records by header name, batches, ids, broken headers, plain text.
import type { Workbook } from '../../src/core/ports';
import { SheetStructureError } from '../../src/core/sheets/codec';
import { sheet } from '../../src/core/sheets/spec';

export const PEOPLE = sheet({
  name: 'Люди',
  idKey: 'id',
  columns: [
    { key: 'id', header: 'Номер', type: 'text' },
    { key: 'name', header: 'ФИО', type: 'text' },
    { key: 'phone', header: 'Телефон', type: 'text' },
    { key: 'hours', header: 'Часы', type: 'number' },
    { key: 'born', header: 'Дата рождения', type: 'date' },
    { key: 'ok', header: 'Готово', type: 'checkbox' },
  ],
});

/** A sheet only the bank writes (under its lock): updates after a look-up trust the positions the search found. */
export const LOG = sheet({
  name: 'Журнал бота',
  idKey: 'id',
  botOnly: true,
  columns: [
    { key: 'id', header: 'Номер', type: 'text' },
    { key: 'what', header: 'Что', type: 'text' },
    { key: 'n', header: 'Число', type: 'number' },
  ],
});

export interface ContractHarness {
  /** A fresh workbook holding PEOPLE (created through `ensure`). */
  make(): Workbook;
  /** Renames a header cell of PEOPLE, as a user would. */
  renameHeader(wb: Workbook, from: string, to: string): void;
  /** Moves the column with this header to the end, as a user reordering columns would. */
  moveColumnToEnd(wb: Workbook, header: string): void;
  /** Raw cell values of PEOPLE, header first. */
  raw(wb: Workbook): unknown[][];
}

const person = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Иванов ${id}`,
  phone: '+79001234567',
  hours: 72,
  born: new Date(1990, 4, 17),
  ok: false,
  ...extra,
});

export const tableContract = (label: string, h: ContractHarness): void => {
  describe(`Table contract: ${label}`, () => {
    it('reads back what it appended, typed by column', () => {
      // Arrange
      const wb = h.make();
      const t = wb.table(PEOPLE);
      // Act
      t.append([person('1'), person('2', { ok: true })]);
      const rows = wb.table(PEOPLE).read();
      // Assert
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ id: '1', name: 'Иванов 1', phone: '+79001234567', hours: 72, ok: false });
      expect((rows[0].born as Date).getTime()).toBe(new Date(1990, 4, 17).getTime());
      expect(rows[1].ok).toBe(true);
    });

    it('keeps formula-looking and number-looking user text as text', () => {
      const wb = h.make();
      const hostile = ['=HYPERLINK("http://x","y")', '+79001234567', '-1', '@mention', '007', '01.09.2026', 'TRUE'];
      wb.table(PEOPLE).append(hostile.map((name, i) => person(String(i), { name })));
      const names = wb
        .table(PEOPLE)
        .read()
        .map((r) => r.name);
      expect(names).toEqual(hostile);
      expect(
        h
          .raw(wb)
          .slice(1)
          .map((r) => r[1]),
      ).toEqual(hostile);
    });

    it('finds columns by header, whatever their order', () => {
      const wb = h.make();
      wb.table(PEOPLE).append([person('1')]);
      h.moveColumnToEnd(wb, 'ФИО');
      const t = wb.table(PEOPLE);
      expect(t.read()[0].name).toBe('Иванов 1');
      t.append([person('2', { name: 'Петров' })]);
      t.updateByIds(new Map([['1', { name: 'Сидоров' }]]));
      expect(
        wb
          .table(PEOPLE)
          .read()
          .map((r) => r.name),
      ).toEqual(['Сидоров', 'Петров']);
    });

    it('names the sheet and the column when a header was renamed, and touches nothing', () => {
      const wb = h.make();
      wb.table(PEOPLE).append([person('1')]);
      h.renameHeader(wb, 'Телефон', 'Тел.');
      const before = JSON.stringify(h.raw(wb));
      const act = () => wb.table(PEOPLE).append([person('2')]);
      expect(act).toThrow(SheetStructureError);
      expect(act).toThrow(/Восстановите столбец «Телефон» на листе «Люди» или выполните «ЕБППК → Настроить банк»/);
      expect(() => wb.table(PEOPLE).read()).toThrow(/«Телефон»/);
      expect(JSON.stringify(h.raw(wb))).toBe(before);
    });

    it('updates records by id and reports ids it did not find', () => {
      const wb = h.make();
      const t = wb.table(PEOPLE);
      t.append(['1', '2', '3', '4'].map((id) => person(id)));
      const missing = wb.table(PEOPLE).updateByIds(
        new Map([
          ['2', { hours: 36 }],
          ['4', { ok: true, name: 'Новое' }],
          ['9', { hours: 1 }],
        ]),
      );
      expect(missing).toEqual(['9']);
      const rows = wb.table(PEOPLE).read();
      expect(rows.map((r) => r.hours)).toEqual([72, 36, 72, 72]);
      expect(rows[3]).toMatchObject({ name: 'Новое', ok: true, phone: '+79001234567' });
    });

    it('updates a contiguous run and scattered records alike', () => {
      const wb = h.make();
      wb.table(PEOPLE).append(['1', '2', '3', '4', '5', '6'].map((id) => person(id)));
      const t = wb.table(PEOPLE);
      t.read();
      t.updateByIds(new Map(['2', '3', '4', '6'].map((id) => [id, { hours: Number(id) * 10 }])));
      expect(
        wb
          .table(PEOPLE)
          .read()
          .map((r) => r.hours),
      ).toEqual([72, 20, 30, 40, 72, 60]);
    });

    it('reads a narrow block of columns, updates inside it, and fetches full records by index', () => {
      const wb = h.make();
      wb.table(PEOPLE).append(['1', '2', '3', '4', '5'].map((id) => person(id)));
      const t = wb.table(PEOPLE);
      const found = t.readKeys(['id', 'phone']);
      expect(found.map((f) => [f.index, f.row])).toEqual(['1', '2', '3', '4', '5'].map((id, i) => [i, { id, phone: '+79001234567' }]));
      t.updateByIds(
        new Map([
          ['2', { name: 'Второй' }],
          ['4', { name: 'Четвёртый' }],
        ]),
      );
      const full = t.readAt([3, 1]);
      expect(full.map((f) => [f.index, f.row.id, f.row.name, f.row.hours])).toEqual([
        [1, '2', 'Второй', 72],
        [3, '4', 'Четвёртый', 72],
      ]);
      expect(
        wb
          .table(PEOPLE)
          .read()
          .map((r) => r.name),
      ).toEqual(['Иванов 1', 'Второй', 'Иванов 3', 'Четвёртый', 'Иванов 5']);
    });

    it('deletes by id in runs, re-reading ids so a stale order does no harm', () => {
      const wb = h.make();
      const t = wb.table(PEOPLE);
      t.append(['1', '2', '3', '4', '5', '6'].map((id) => person(id)));
      t.read();
      // Someone else deletes row "1" after our read: positions shifted.
      wb.table(PEOPLE).deleteByIds(['1']);
      const n = t.deleteByIds(['2', '3', '5', '42']);
      expect(n).toBe(3);
      expect(
        wb
          .table(PEOPLE)
          .read()
          .map((r) => r.id),
      ).toEqual(['4', '6']);
    });

    it('finds records by a text column exactly: whole cell, case, and characters a pattern would treat specially', () => {
      const wb = h.make();
      const t = wb.table(PEOPLE);
      t.append(['1', '10', '11', 'a.b', 'axb', 'Ab', 'ab', '(x)|y'].map((id) => person(id)));
      const ids = (vals: string[]) =>
        wb
          .table(PEOPLE)
          .find('id', vals)
          .map((f) => [f.index, f.row.id]);
      expect(ids(['1'])).toEqual([[0, '1']]);
      expect(ids(['a.b', 'ab', '(x)|y', 'нет'])).toEqual([
        [3, 'a.b'],
        [6, 'ab'],
        [7, '(x)|y'],
      ]);
      expect(ids([])).toEqual([]);
      expect(wb.table(PEOPLE).find('id', ['11'])[0].row).toMatchObject({ name: 'Иванов 11', hours: 72, ok: false });
      expect([...wb.table(PEOPLE).present(['10', 'Ab', '42', ''])].sort()).toEqual(['10', 'Ab']);
    });

    it('reads only some columns, wherever they stand, typed by column', () => {
      const wb = h.make();
      wb.table(PEOPLE).append([person('1'), person('2', { ok: true, hours: 16 })]);
      h.moveColumnToEnd(wb, 'Номер');
      const rows = wb.table(PEOPLE).readColumns(['id', 'born', 'ok']);
      expect(rows.map((r) => [r.id, (r.born as Date).getFullYear(), r.ok])).toEqual([
        ['1', 1990, false],
        ['2', 1990, true],
      ]);
      expect(Object.keys(rows[0]).sort()).toEqual(['born', 'id', 'ok']);
    });

    it('finds records meeting several conditions: rows in every search', () => {
      const wb = h.make();
      wb.table(PEOPLE).append([
        person('1', { name: 'Анна' }),
        person('2', { name: 'Борис', phone: '+7' }),
        person('3', { name: 'Анна', phone: '+7' }),
        person('4', { name: 'Вера', phone: '+7' }),
      ]);
      const t = wb.table(PEOPLE);
      expect(t.find('name', ['Анна', 'Вера'], { phone: ['+7'] }).map((f) => f.row.id)).toEqual(['3', '4']);
      expect(t.find('name', ['Анна'], { phone: [] })).toEqual([]);
      expect(t.find('name', ['Нет'], { phone: ['+7'] })).toEqual([]);
    });

    it('updates records found by a look-up on a bank-only sheet, scattered or not, and leaves the rows between alone', () => {
      const wb = h.make();
      wb.ensure(LOG);
      wb.table(LOG).append(Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), what: `запись ${i + 1}`, n: i })));
      const t = wb.table(LOG);
      const found = t.find('id', ['3', '5', '6', '15']);
      expect(found.map((f) => f.row.what)).toEqual(['запись 3', 'запись 5', 'запись 6', 'запись 15']);
      // Rows appended after the look-up do not move the found ones.
      wb.table(LOG).append([{ id: '21', what: 'новая', n: 99 }]);
      const missing = t.updateByIds(
        new Map([
          ['3', { n: 300 }],
          ['15', { what: '=опасно', n: 1500 }],
          ['42', { n: 1 }],
        ]),
      );
      expect(missing).toEqual(['42']);
      const rows = wb.table(LOG).read();
      expect(rows.map((r) => r.n)).toEqual([0, 1, 300, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1500, 15, 16, 17, 18, 19, 99]);
      expect(rows[14].what).toBe('=опасно');
      expect(rows[3].what).toBe('запись 4');
    });

    it('can delete every data row and append again', () => {
      const wb = h.make();
      const t = wb.table(PEOPLE);
      t.append(['1', '2'].map((id) => person(id)));
      expect(t.deleteByIds(['1', '2'])).toBe(2);
      expect(wb.table(PEOPLE).read()).toEqual([]);
      wb.table(PEOPLE).append([person('3')]);
      expect(
        wb
          .table(PEOPLE)
          .read()
          .map((r) => r.id),
      ).toEqual(['3']);
    });

    it('replaces all rows', () => {
      const wb = h.make();
      const t = wb.table(PEOPLE);
      t.append(['1', '2', '3'].map((id) => person(id)));
      t.replaceAll([person('9', { name: '=1+1' })]);
      const rows = wb.table(PEOPLE).read();
      expect(rows.map((r) => [r.id, r.name])).toEqual([['9', '=1+1']]);
    });

    it('ensure adds a missing column at the end and keeps the data', () => {
      const wb = h.make();
      wb.table(PEOPLE).append([person('1')]);
      h.renameHeader(wb, 'Готово', '');
      const report = wb.ensure(PEOPLE);
      expect(report).toEqual({ created: false, addedColumns: ['Готово'] });
      expect(wb.table(PEOPLE).read()[0]).toMatchObject({ id: '1', name: 'Иванов 1', ok: false });
      expect(wb.ensure(PEOPLE)).toEqual({ created: false, addedColumns: [] });
    });
  });
};
