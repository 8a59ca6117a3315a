// A save that fails (master.xlsx held by another program: here, a directory in its place, which no rename can replace)
// loses nothing: the workbooks stay due, the next save writes them, an earlier commit's pending renames are finished
// before a new commit is recorded, and the job's timer never lets the failure escape.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JOURNAL, LEDGER, TERRITORIES } from '../../src/core/sheets/master';
import { HISTORY } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { LocalBank, SaveError } from '../../src/local/local-bank';
import { seedDemo } from '../../src/local/seed';
import { jobTick } from '../../src/local/server';
import { anApplication } from '../builders';
import { SteppingClock } from '../clock';

const block = (file: string) => {
  fs.renameSync(file, `${file}.aside`);
  fs.mkdirSync(file);
  fs.writeFileSync(path.join(file, 'lock'), 'held by Excel');
};
const unblock = (file: string) => {
  fs.rmSync(file, { recursive: true });
  fs.renameSync(`${file}.aside`, file);
};

const note = (bank: LocalBank, text: string) => bank.master.table(JOURNAL).append([{ at: new Date(2026, 10, 30), actor: 'тест', action: text, reason: text }]);

describe('a failed save of the local bank', () => {
  it('keeps every change due and loses nothing when the file is free again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-save-'));
    const bank = LocalBank.empty(dir, new SteppingClock());
    seedDemo(bank);
    await bank.save();
    const ids = bank.master
      .table(TERRITORIES)
      .read()
      .map((t) => String(t.workbookId));
    const history = (id: string, text: string) =>
      bank.books
        .open(id)
        .table(HISTORY)
        .append([{ id: text, course: text }]);

    block(path.join(dir, 'master.xlsx'));
    note(bank, 'первое');
    history(ids[0], 'первое');
    // An application admitted while the master cannot be written: its ledger row and its territory row go together.
    admitApplications({ master: bank.master, books: bank.books, clock: { now: () => new Date(2026, 10, 30) }, actor: 'форма' }, [
      anApplication(990001, { territory: 'perm' }),
    ]);
    await expect(bank.save()).rejects.toThrow(SaveError);
    await expect(bank.save()).rejects.toThrow('Не удалось сохранить банк на диск');
    unblock(path.join(dir, 'master.xlsx'));

    history(ids[1], 'второе');
    await bank.save();

    const loaded = await LocalBank.load(dir, new SteppingClock());
    const historyIds = (id: string) => loaded.books.open(id).table(HISTORY).ids();
    expect(
      loaded.master
        .table(JOURNAL)
        .read()
        .map((r) => r.action),
    ).toContain('первое');
    expect(historyIds(ids[0])).toContain('первое');
    expect(historyIds(ids[1])).toContain('второе');
    expect(fs.existsSync(path.join(dir, 'commit.json'))).toBe(false);
    expect(loaded.master.table(LEDGER).ids()).toContain(anApplication(990001).id);
    expect(checkIntegrity(loaded.master, loaded.books).problems).toEqual([]);
  }, 60_000);

  it('the job on its timer reports a failed save instead of crashing the server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-save-'));
    const bank = LocalBank.empty(dir, new SteppingClock());
    seedDemo(bank);
    await bank.save();
    block(path.join(dir, 'master.xlsx'));
    note(bank, 'во время блокировки');
    const log: string[] = [];
    await expect(jobTick(bank, (l) => log.push(l))).resolves.toBeUndefined();
    expect(log.join('\n')).toContain('Не удалось сохранить банк на диск');
    unblock(path.join(dir, 'master.xlsx'));
    await jobTick(bank, (l) => log.push(l));
    const loaded = await LocalBank.load(dir, new SteppingClock());
    expect(
      loaded.master
        .table(JOURNAL)
        .read()
        .map((r) => r.action),
    ).toContain('во время блокировки');
  }, 60_000);
});
