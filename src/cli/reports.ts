// `ebppk export-frdo` and `ebppk stats`: the sidebars' own use cases (frdoRows, computeStatistics + buildReport) over
// the Sheets API — one batchGet per workbook — so a large bank is not bound by Apps Script's 6-minute limit. The
// result is an .xlsx on this computer; nothing is written to the bank.
import * as path from 'node:path';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { ACCESS, ARCHIVE, COURSES, FRDO_LAYOUT, LEDGER, QUOTAS, SETTINGS, TERRITORIES } from '../core/sheets/master';
import type { Cell } from '../core/sheets/spec';
import { buildReport, STATS_DATA } from '../core/stats/report';
import { type CurrentUser, findUser } from '../core/use-cases/current-user';
import { frdoRows } from '../core/use-cases/frdo-export';
import { computeStatistics } from '../core/use-cases/statistics';
import { saveWorkbook } from '../local/xlsx-files';
import { bankFiles, FetchedBookStore, readWorkbook, whoAmI } from './bank';
import { CliError } from './config';
import type { Google } from './google';
import type { Output } from './progress';

/** The caller as «Доступ» knows them; the master's owner counts as sector staff (the bank is theirs). */
const caller = async (g: Google, master: MemoryWorkbook): Promise<CurrentUser> => {
  const email = await whoAmI(g);
  const user = findUser(master.table(ACCESS).read(), email);
  if (user.role === 'sector' || user.role === 'head' || user.role === 'leader') return user;
  const owner = await g.call('drive', 'владелец мастер-таблицы', () =>
    g.drive.files.get({ fileId: master.id, fields: 'owners(emailAddress)', supportsAllDrives: true }),
  );
  if ((owner.owners ?? []).some((x) => String(x.emailAddress).toLowerCase() === email)) return { email, role: 'sector', scope: '', name: 'владелец банка' };
  throw new CliError(`${email || 'Эта учётная запись'}: нет на листе «Доступ» как сектор, начальник или руководитель курсов — выгрузка недоступна.`);
};

const isoDay = (v: string, what: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError(`${what}: дата в виде ГГГГ-ММ-ДД (например, 2026-01-31).`);
  return v;
};

export const exportFrdoFile = async (g: Google, masterId: string, o: Output, opts: { year: string; out: string; subdivision: string }): Promise<number> => {
  if (!/^\d{4}$/.test(opts.year)) throw new CliError('--year: год из четырёх цифр, например 2026.');
  const { workbook: master } = await readWorkbook(g, masterId, [ACCESS, FRDO_LAYOUT, COURSES, ARCHIVE]);
  const user = await caller(g, master);
  const r = frdoRows(master, user, { from: `${opts.year}-01-01`, to: `${opts.year}-12-31`, subdivision: opts.subdivision });
  if (!r.ok) throw new CliError(r.error);
  const sheet = `ФРДО ${opts.year}`;
  const wb = new MemoryWorkbook('frdo');
  const layout = r.value.layout;
  wb.load(sheet, [layout.map((c) => String(c.header)), ...r.value.rows.map((row) => layout.map((_, i) => String(row[`c${i + 1}`] ?? '')))]);
  await saveWorkbook(wb, path.resolve(opts.out));
  o.out(`ФИС ФРДО ${opts.year}: выгружено ${r.value.rows.length} документов в ${path.resolve(opts.out)}.`);
  if (r.value.problems.length) {
    o.out(`Не выгружены (нет обязательных сведений) — ${r.value.problems.length}:`);
    for (const p of r.value.problems) o.out(`  • ${p}`);
  }
  return r.value.rows.length;
};

export const statsFile = async (
  g: Google,
  masterId: string,
  o: Output,
  opts: { from: string; to: string; subdivision: string; out: string | null },
): Promise<{ submitted: number; grouped: number; completed: number }> => {
  const input = { from: isoDay(opts.from, '--from'), to: isoDay(opts.to, '--to'), subdivision: opts.subdivision };
  const { workbook: master } = await readWorkbook(g, masterId, [ACCESS, LEDGER, ARCHIVE, COURSES, TERRITORIES, QUOTAS, SETTINGS]);
  const user = await caller(g, master);
  // The yearly archives, one batchGet each, read before the (synchronous) use case opens them.
  const archives = new Map<string, MemoryWorkbook>();
  for (const f of bankFiles(master).filter((x) => x.role === 'archive')) archives.set(f.id, (await readWorkbook(g, f.id, [LEDGER, ARCHIVE])).workbook);
  const c = computeStatistics(master, new FetchedBookStore('', archives), user, input);
  if (!c.ok) throw new CliError(c.error);
  const { rows, figures } = c.value;
  o.out(
    `Статистика ${figures.period}, ${figures.subdivision}: подано ${figures.totals.submitted}, зачислено ${figures.totals.grouped}, завершили ${figures.totals.completed}.`,
  );
  for (const f of figures.funnel) o.out(`  ${f.course} ${f.title}: подано ${f.submitted}, в группе ${f.grouped}, завершили ${f.completed}`);
  if (opts.out) {
    const report = buildReport(
      [
        ['Период', figures.period],
        ['Подразделение', figures.subdivision],
      ],
      figures.funnel,
      figures.quotas,
      rows,
    );
    const cells: Cell[][] = report.meta.map(([k, v]) => [k, v]);
    for (const b of report.blocks) cells.push([], [b.title], b.header, ...b.rows);
    const wb = new MemoryWorkbook('stats');
    wb.load('Статистика', cells);
    wb.ensure(STATS_DATA);
    wb.table(STATS_DATA).append(rows);
    await saveWorkbook(wb, path.resolve(opts.out));
    o.out(`Отчёт: ${path.resolve(opts.out)} (данные: ${rows.length} строк на листе «${STATS_DATA.name}»).`);
  }
  return figures.totals;
};
