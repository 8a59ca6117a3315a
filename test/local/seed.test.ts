import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { CABINET_COURSES, CABINET_GROUPS, CABINET_PROVIDER } from '../../src/core/sheets/cabinet';
import { CABINETS, LEDGER, LETTER_TEMPLATES, QUARANTINE, SETTINGS, TERRITORIES } from '../../src/core/sheets/master';
import { TERRITORY_QUOTAS } from '../../src/core/sheets/territory';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { setSetting } from '../../src/core/use-cases/settings';
import { recountStages } from '../../src/core/use-cases/stage-counts';
import { LocalBank } from '../../src/local/local-bank';
import { upgradeLocalBank } from '../../src/local/run';
import { seedDemo } from '../../src/local/seed';
import { SteppingClock } from '../clock';
import { cookieFor } from './server-harness';

describe('the demonstration bank', () => {
  it('seeds territories, courses in every state and applications over the stages, consistently, and survives a reload', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-'));
    const bank = LocalBank.empty(dir, new SteppingClock());
    const r = seedDemo(bank);
    expect(r.applications).toBeGreaterThan(300);
    const stages = new Map<string, number>();
    bank.master
      .table(LEDGER)
      .read()
      .forEach((a) => stages.set(String(a.stage), (stages.get(String(a.stage)) ?? 0) + 1));
    for (const s of ['methodist', 'waitlist', 'provider', 'group', 'rejected', 'absent', 'withdrawn', 'completed', 'expelled'])
      expect(stages.get(s) ?? 0).toBeGreaterThan(0);
    expect(bank.master.table(QUARANTINE).read().length).toBe(3);
    expect(checkIntegrity(bank.master, bank.books).problems).toEqual([]);
    // Every stage reached through the bank's own entry points: «Счётчики» kept by them, nothing for a recount to mend.
    expect(recountStages(bank.master)).toBe(false);
    await bank.save();
    // Teachers' personal data: every file of the bank is the running account's only (0600).
    for (const f of fs.readdirSync(dir)) expect({ f, mode: fs.statSync(path.join(dir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    const again = await LocalBank.load(dir, new SteppingClock());
    expect(
      again.master
        .table(LEDGER)
        .read()
        .map((a) => [a.id, a.stage]),
    ).toEqual(
      bank.master
        .table(LEDGER)
        .read()
        .map((a) => [a.id, a.stage]),
    );
    expect(checkIntegrity(again.master, again.books).problems).toEqual([]);
    // 43 territory workbooks and one cabinet per subdivision.
    expect(again.books.books.size).toBe(46);
    const om = String(
      again.master
        .table(CABINETS)
        .read()
        .find((c) => c.subdivision === 'ОМ')?.spreadsheetId,
    );
    expect(again.books.editors(om)).toEqual(['head.om@demo.local', 'leader.om@demo.local']);
    const cabinet = again.books.open(om);
    expect(
      cabinet
        .table(CABINET_COURSES)
        .read()
        .map((c) => String(c.code).slice(0, 2)),
    ).toEqual(expect.arrayContaining(['ОМ']));
    expect(
      cabinet
        .table(CABINET_COURSES)
        .read()
        .every((c) => String(c.code).startsWith('ОМ-')),
    ).toBe(true);
    expect(cabinet.table(CABINET_PROVIDER).read().length).toBeGreaterThan(0);
    // No СНИЛС or birth date anywhere in a cabinet.
    for (const spec of [CABINET_PROVIDER, CABINET_GROUPS]) expect(spec.columns.map((c) => c.key)).not.toEqual(expect.arrayContaining(['snils']));
  }, 60000);
});

describe('the ФИС ФРДО export in the local bank', () => {
  it('writes the export sheet to an .xlsx file of its own', async () => {
    const { createServer } = await import('../../src/local/server');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-frdo-'));
    const bank = LocalBank.empty(dir, new SteppingClock());
    seedDemo(bank);
    await bank.save();
    const server = createServer({ bank, buildDir: path.join(__dirname, '..', '..', 'build') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/rpc/exportFrdo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookieFor(bank, 'sector@demo.local') },
      body: JSON.stringify([{ from: '2020-01-01', to: '2030-12-31', subdivision: '' }]),
    }).then((r) => r.json());
    server.close();
    expect(res.value.ok).toBe(true);
    expect(res.value.value.exported).toBeGreaterThan(0);
    const file = path.join(dir, `${res.value.value.sheet}.xlsx`);
    expect(fs.existsSync(file)).toBe(true);
    const { loadWorkbook } = await import('../../src/local/xlsx-files');
    const wb = await loadWorkbook(file, 'x');
    const rows = wb.grid(res.value.value.sheet).rows;
    expect(rows[0][0]).toBe('Вид документа');
    expect(rows).toHaveLength(res.value.value.exported + 1);
  }, 60000);
});

describe('a local bank saved by an earlier version', () => {
  it('is upgraded on start as «Настроить банк» upgrades a Google bank: new sheets and columns everywhere, the data kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-'));
    const bank = LocalBank.empty(dir, new SteppingClock());
    seedDemo(bank);
    const drop = (grid: { rows: unknown[][] }, header: string) => {
      const col = grid.rows[0].indexOf(header);
      grid.rows = grid.rows.map((r) => r.filter((_, i) => i !== col));
    };
    // Schema 2: no letter templates, no consent withdrawal column, no course card on the territories' «Квоты».
    bank.master.grids.delete('Шаблоны писем');
    drop(bank.master.grid('Реестр заявок'), 'Согласие отозвано');
    const perm = String(
      bank.master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === 'perm')?.workbookId,
    );
    const book = bank.books.books.get(perm)?.workbook as MemoryWorkbook;
    drop(book.grid('Квоты'), 'Место проведения');
    setSetting(bank.master.table(SETTINGS), 'schemaVersion', '2');
    const applications = bank.master.grid('Реестр заявок').rows.length;
    expect(() => bank.master.table(LEDGER).read()).toThrow(/Согласие отозвано/);

    expect(upgradeLocalBank(bank)).toMatch(/^Банк обновлён со схемы 2 до \d+: добавлены столбцы .*Реестр заявок \/ Согласие отозвано/);
    expect(bank.master.table(LEDGER).read()).toHaveLength(applications - 1);
    expect(bank.master.table(LETTER_TEMPLATES).ids().length).toBeGreaterThan(5);
    expect(book.grid('Квоты').rows[0]).toContain('Место проведения');
    expect(book.table(TERRITORY_QUOTAS).read().length).toBeGreaterThan(0);
    expect(checkIntegrity(bank.master, bank.books).problems).toEqual([]);
    expect(upgradeLocalBank(bank)).toBe('');
  });
});
