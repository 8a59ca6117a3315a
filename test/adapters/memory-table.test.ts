import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import type { Workbook } from '../../src/core/ports';
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
