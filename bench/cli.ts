// The command-line tool's requests to Google per workbook, for `backup` and `audit`, on the demo bank and on the same
// bank with 20,000 more ledger rows: the count depends on the number of workbooks only (one export, one permissions
// list per file; one batchGet for the master), never on the rows.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Google } from '../src/cli/google';
import { LEDGER } from '../src/core/sheets/master';
import { cli, login, standInBank } from '../test/cli/cli-fixture';

const fmt = (n: number, d = 0) => n.toLocaleString('ru-RU', { maximumFractionDigits: d, minimumFractionDigits: d });

export const benchCli = async (): Promise<string[]> => {
  const lines = [
    '| Ledger rows | Command | Workbooks | Requests (Drive + Sheets) | Per workbook | Fixed (who, the master) | Wall time, local stand-in |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const extra of [0, 20000]) {
    const s = await standInBank();
    const grid = s.bank.master.grid(LEDGER.name);
    const template = grid.rows[1];
    for (let i = 0; i < extra; i++) grid.rows.push(template.map((v, j) => (j === 0 ? `bench-${i}` : v)));
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-bench-cli-'));
    await login(s.google, config);
    const files = 1 + s.territories.filter((t) => t.workbookId).length + s.cabinets.length;
    for (const [name, argv, perFile] of [
      ['audit', ['audit'], 1],
      ['backup', ['backup', '--out', path.join(config, 'b'), '--keep', '1'], 2],
    ] as const) {
      let g: Google | null = null;
      const t0 = process.hrtime.bigint();
      const r = await cli(s.google, config, [...argv], { onGoogle: (x) => (g = x) });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.code !== 0 || !g) throw new Error(`${name}: ${r.err}`);
      const c = (g as Google).counts;
      const total = c.drive + c.sheets;
      const fixed = total - perFile * files;
      lines.push(`| ${fmt(grid.rows.length - 1)} | ${name} | ${files} | ${total} | ${perFile} | ${fixed} | ${fmt(ms / 1000, 1)} s |`);
      console.log(`  ebppk ${name}: ${total} запросов на ${files} книг (${perFile} на книгу + ${fixed}), строк реестра ${fmt(grid.rows.length - 1)}`);
    }
    await s.google.stop();
  }
  return lines;
};
