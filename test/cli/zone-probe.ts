// Run in a child process whose TZ the test sets: opens a backup folder as the local bank and prints every date cell of
// every workbook as an instant (ISO), keyed by workbook, sheet, row and column.
import type { Cell } from '../../src/core/sheets/spec';
import { LocalBank } from '../../src/local/local-bank';

export const probe = async (dir: string): Promise<Record<string, string>> => {
  const bank = await LocalBank.load(dir);
  const out: Record<string, string> = {};
  const dump = (book: string, grids: ReadonlyMap<string, { rows: Cell[][] }>) =>
    grids.forEach((grid, sheet) =>
      grid.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v instanceof Date) out[`${book}/${sheet}/${r}/${c}`] = v.toISOString();
        }),
      ),
    );
  dump('master', bank.master.grids);
  bank.books.books.forEach((b, id) => dump(id, b.workbook.grids));
  return out;
};
