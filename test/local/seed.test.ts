import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBank } from '../../src/local/local-bank';
import { seedDemo } from '../../src/local/seed';
import { LEDGER, QUARANTINE } from '../../src/core/sheets/master';
import { checkIntegrity } from '../../src/core/use-cases/integrity';

describe('the demonstration bank', () => {
  it('seeds territories, courses in every state and applications over the stages, consistently, and survives a reload', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-'));
    const bank = LocalBank.empty(dir);
    const r = seedDemo(bank, new Date(2026, 10, 28));
    expect(r.applications).toBeGreaterThan(300);
    const stages = new Map<string, number>();
    bank.master.table(LEDGER).read().forEach((a) => stages.set(String(a.stage), (stages.get(String(a.stage)) ?? 0) + 1));
    for (const s of ['methodist', 'waitlist', 'provider', 'group', 'rejected', 'absent', 'withdrawn', 'completed', 'expelled']) expect(stages.get(s) ?? 0).toBeGreaterThan(0);
    expect(bank.master.table(QUARANTINE).read().length).toBe(3);
    expect(checkIntegrity(bank.master, bank.books).problems).toEqual([]);
    await bank.save();
    const again = await LocalBank.load(dir);
    expect(again.master.table(LEDGER).read().map((a) => [a.id, a.stage])).toEqual(bank.master.table(LEDGER).read().map((a) => [a.id, a.stage]));
    expect(checkIntegrity(again.master, again.books).problems).toEqual([]);
    expect(again.books.books.size).toBe(43);
  }, 60000);
});
