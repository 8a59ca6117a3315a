import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import type { Workbook } from '../../src/core/ports';
import { COURSES } from '../../src/core/sheets/master';
import { PEOPLE, tableContract } from './table-contract';

const grid = (wb: Workbook) => (wb as MemoryWorkbook).grid(PEOPLE.name);

tableContract('memory', {
  make: () => {
    const wb = new MemoryWorkbook();
    wb.ensure(PEOPLE);
    return wb;
  },
  renameHeader: (wb, from, to) => {
    const g = grid(wb);
    g.rows[0] = g.rows[0].map((h) => (h === from ? to : h));
  },
  moveColumnToEnd: (wb, header) => {
    const g = grid(wb);
    const i = g.rows[0].indexOf(header);
    g.rows = g.rows.map((r) => [...r.slice(0, i), ...r.slice(i + 1), r[i] ?? '']);
  },
  raw: (wb) => grid(wb).readAll(),
});

describe('typed rows', () => {
  it('types a sheet’s rows by its declaration: keys are known, a misspelt key does not compile', () => {
    const wb = new MemoryWorkbook();
    wb.ensure(COURSES);
    wb.table(COURSES).append([{ code: 'ОМ-01', title: 'Курс' }]);
    const [course] = wb.table(COURSES).read();
    expect(course.code).toBe('ОМ-01');
    // @ts-expect-error «cdoe» is not a column of «Курсы»: tsc (npm test) fails if rows stop being typed
    expect(course.cdoe).toBeUndefined();
    // @ts-expect-error nor can a write name a column the sheet does not have
    expect(() => wb.table(COURSES).append([{ titel: 'x' }])).not.toThrow();
  });
});
