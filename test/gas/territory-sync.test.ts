import { ACCESS, LEDGER, PROVIDER_BANK, TERRITORIES } from '../../src/core/sheets/master';
import { HISTORY, TERRITORY_SHEETS } from '../../src/core/sheets/territory';
import { anApplication } from '../builders';
import { cellsRead, fire, type GasBank, gasBank, OWNER } from './bank-fixture';

/** The methodist picks decisions in their sheet, as in the Sheets UI (one cell at a time). */
const choose = (b: GasBank, code: string, decisions: Record<string, [string, string?]>) => {
  const sheet = b.book(code).sheet('Копилка методиста');
  const grid = sheet.dump();
  const col = (h: string) => (grid[0] as string[]).indexOf(h) + 1;
  grid.forEach((row, i) => {
    const d = decisions[String(row[0])];
    if (!d) return;
    sheet.cell(i + 1, col('Решение')).v = d[0];
    sheet.cell(i + 1, col('Причина')).v = d[1] ?? '';
    sheet.touch();
  });
};

describe('territory workbooks through build/Code.js', () => {
  it('setup creates 43 workbooks in the bank’s folder, each shared with exactly its methodists', () => {
    const b = gasBank();
    const territories = b.master.table(TERRITORIES).read();
    expect(territories.every((t) => String(t.workbookId).startsWith('ss-'))).toBe(true);
    const books = territories.map((t) => b.gas.SpreadsheetApp.files.get(String(t.workbookId)));
    expect(new Set(books.map((s) => s?.parents[0])).size).toBe(1);
    for (const t of territories) {
      const s = b.book(String(t.code));
      expect(s.name).toBe(`ЕБППК — ${t.name}`);
      expect(s.sheets.map((x) => x.name)).toEqual(TERRITORY_SHEETS.map((x) => x.name));
      expect(s.editors).toEqual(t.code === 'perm' ? ['m1@perm.edu.ru'] : t.code === 'kungursky' ? ['m@kungur.edu.ru'] : []);
    }
    // Real protection: the owner alone edits, except «Решение» and «Причина».
    const p = b.book('perm').sheet('Копилка методиста').protections[0];
    expect(p.warningOnly).toBe(false);
    expect(p.editors).toEqual([OWNER]);
    expect(p.unprotected.map((r) => r.col)).toEqual([5, 6]);
    // Issue 18: the decision right after the name, the number and name kept in sight when scrolling right.
    const bank = b.book('perm').sheet('Копилка методиста');
    expect((bank.dump()[0] as string[]).slice(0, 7)).toEqual(['Номер заявки', 'Фамилия', 'Имя', 'Отчество', 'Решение', 'Причина', 'Отметка банка']);
    expect([bank.frozenRows, bank.frozenColumns]).toEqual([1, 4]);
  });

  it('a methodist’s decisions are carried out by runJob_, with the quota enforced and «История» mirrored', () => {
    const b = gasBank({ quotas: [{ course: 'ОМ-01', territory: 'perm', places: 2 }] });
    b.admit([1, 2, 3, 4].map((n) => anApplication(n)));
    b.gas.SpreadsheetApp.uiAvailable = false; // a time-driven execution has no UI
    fire(b, 'runJob_');
    choose(b, 'perm', {
      '2026-000001': ['Направить поставщику'],
      '2026-000002': ['Направить поставщику'],
      '2026-000003': ['Направить поставщику'],
      '2026-000004': ['Отклонить', 'нет стажа'],
    });
    fire(b, 'runJob_');
    expect(b.master.table(PROVIDER_BANK).ids()).toEqual(['2026-000001', '2026-000002']);
    const stages = Object.fromEntries(
      b.master
        .table(LEDGER)
        .read()
        .map((r) => [r.id, r.stage]),
    );
    expect(stages).toEqual({ '2026-000001': 'provider', '2026-000002': 'provider', '2026-000003': 'waitlist', '2026-000004': 'rejected' });
    const left = b.book('perm').sheet('Копилка методиста').dump();
    const at = (h: string) => (left[0] as string[]).indexOf(h);
    expect(left.slice(1).map((r) => [r[0], r[at('Решение')], r[at('Отметка банка')]])).toEqual([
      ['2026-000003', 'Лист ожидания', 'Лист ожидания: 1-я по очереди (квота 2 из 2 занята).'],
    ]);
    const { SpreadsheetWorkbook } = require('../../src/adapters/spreadsheet-app/spreadsheet-workbook');
    const history = new SpreadsheetWorkbook(b.book('perm')).table(HISTORY).read();
    expect(history.map((h: { id: string; stage: string }) => [h.id, h.stage])).toEqual([
      ['2026-000001', 'в копилке поставщика'],
      ['2026-000002', 'в копилке поставщика'],
      ['2026-000004', 'отклонена'],
    ]);
    // A letter at every step: sent on (with the course card), waitlisted, rejected (with the reason).
    const mail = Object.fromEntries(b.gas.MailApp.sent.map((m) => [m.to, m]));
    expect(Object.keys(mail).sort()).toEqual(['teacher1@school.perm.ru', 'teacher2@school.perm.ru', 'teacher3@school.perm.ru', 'teacher4@school.perm.ru']);
    expect(mail['teacher1@school.perm.ru'].subject).toBe('Заявка 2026-000001: направлена в ИРО ПК');
    expect(mail['teacher1@school.perm.ru'].body).toContain('Даты: 05.10.2026–09.10.2026');
    expect(mail['teacher1@school.perm.ru'].body).toContain('Место: Пермь, ул. Екатерининская, 210');
    expect(mail['teacher3@school.perm.ru'].subject).toBe('Заявка 2026-000003: в листе ожидания');
    expect(mail['teacher4@school.perm.ru'].body).toContain('Причина: нет стажа');
    expect(b.book('perm').sheet('Копилка методиста').formulas()).toEqual([]);
  });

  it('never lets an exception escape the job: a broken ledger header is journaled', () => {
    const b = gasBank();
    b.admit([anApplication(1)]);
    b.ss.sheet('Реестр заявок').data[0][0].v = 'Номер';
    b.gas.SpreadsheetApp.uiAvailable = false;
    expect(() => fire(b, 'runJob_')).not.toThrow();
    const journal = b.ss.sheet('Журнал').dump();
    expect(journal[journal.length - 1]).toEqual(
      expect.arrayContaining(['ошибка фонового задания', expect.stringContaining('Восстановите столбец «Номер заявки» на листе «Реестр заявок»')]),
    );
  });

  it('the methodist can still decide after 2,000 decisions: the editable columns follow the sheet as rows come and go', () => {
    const b = gasBank();
    b.gas.SpreadsheetApp.uiAvailable = false;
    const methodist = 'm1@perm.edu.ru';
    let n = 0;
    for (let round = 0; round < 100; round++) {
      b.admit(Array.from({ length: 20 }, () => anApplication(++n)));
      // The methodist, as themselves, picks a decision and a reason for each row through the sheet (protection applies).
      b.gas.Session.runAs(methodist);
      const sheet = b.book('perm').sheet('Копилка методиста');
      const grid = sheet.dump();
      const col = (h: string) => (grid[0] as string[]).indexOf(h) + 1;
      grid.forEach((row, i) => {
        if (i === 0 || !row[0]) return;
        sheet.getRange(i + 1, col('Решение')).setValue('Отклонить');
        sheet.getRange(i + 1, col('Причина')).setValue('нет мест');
      });
      b.gas.Session.runAs(OWNER);
      fire(b, 'runJob_');
    }
    expect(
      b.master
        .table(LEDGER)
        .read()
        .filter((r) => r.stage === 'rejected'),
    ).toHaveLength(2000);
    // And a re-run of setup keeps it so (the editable columns are re-applied, never narrowed).
    b.code.setupBank_();
    const p = b.book('perm').sheet('Копилка методиста').protections[0];
    expect(p.unprotected.map((r) => [r.col, r.openEnded])).toEqual([
      [5, true],
      [6, true],
    ]);
  }, 120_000);

  it('«Синхронизировать сейчас» is for the sector only', () => {
    const b = gasBank();
    // A methodist cannot even open the master: Google refuses before any code of ours runs.
    b.gas.Session.email = 'm1@perm.edu.ru';
    expect(() => b.gas.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to access the requested document.');
    // Shared with by mistake, the methodist is refused by the bank itself.
    b.ss.editors.push('m1@perm.edu.ru');
    b.code.syncNow_();
    expect(b.gas.SpreadsheetApp.ui.alerts).toEqual(['Это действие недоступно для вашей роли.']);
    // A second sector member is refused too: what the job makes would belong to them, not to the owner.
    b.gas.Session.runAs(OWNER);
    b.master.table(ACCESS).append([{ email: 'sector2@iro.perm.ru', role: 'sector', scope: '', name: 'Сектор-2', active: true }]);
    b.ss.editors.push('sector2@iro.perm.ru');
    b.gas.Session.email = 'sector2@iro.perm.ru';
    b.code.syncNow_();
    expect(b.gas.SpreadsheetApp.ui.alerts.at(-1)).toBe(
      `«Синхронизировать сейчас» выполняет владелец банка (${OWNER}). Фоновое задание и так запускается каждые 5 минут.`,
    );
    b.gas.Session.email = OWNER;
    b.code.syncNow_();
    expect(b.ss.toasts[b.ss.toasts.length - 1]).toMatch(/Просмотрено книг: 43|Изменений/);
  });

  it('«Проверить целостность» reports a row that stands in two sheets', () => {
    const b = gasBank();
    b.admit([anApplication(1), anApplication(2)]);
    b.code.checkIntegrity_();
    expect(b.gas.SpreadsheetApp.ui.alerts[0]).toMatch(/^Целостность в порядке: проверено заявок — 2/);
    b.master.table(PROVIDER_BANK).append([anApplication(2)]);
    b.code.checkIntegrity_();
    expect(b.gas.SpreadsheetApp.ui.alerts[1]).toMatch(/2026-000002: заявка стоит сразу на нескольких листах: provider, territory:perm/);
  });
});

describe('sync call budgets (counting fakes)', () => {
  const settle = (b: GasBank) => {
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
  };

  it('costs a fixed handful of calls when nothing changed in 43 workbooks', () => {
    const b = gasBank();
    b.admit([1, 2, 3].map((n) => anApplication(n)));
    settle(b);
    b.gas.calls.reset();
    fire(b, 'runJob_');
    const total = b.gas.calls.total();
    expect(b.gas.calls.of('DriveApp.searchFiles')).toBe(1);
    expect(b.gas.calls.of('SpreadsheetApp.openById')).toBe(0);
    // ~10 for the sync; the owner's pending work (one property); the cabinets' "changed since" (two); the lock around the outbox (four).
    expect(total).toBeLessThanOrEqual(28);
  });

  const sendThirty = (size: number) => {
    const b = gasBank({ quotas: [{ course: 'ОМ-01', territory: 'perm', places: 1000 }] });
    // The rest of the bank: applications of another territory, untouched by this sync.
    b.admit([
      ...Array.from({ length: 40 }, (_, i) => anApplication(i + 1)),
      ...Array.from({ length: size - 40 }, (_, i) => anApplication(i + 41, { territory: 'kungursky' })),
    ]);
    settle(b);
    const decisions: Record<string, [string]> = {};
    for (let i = 1; i <= 40; i += 4) [i, i + 1, i + 2].forEach((n) => (decisions[String(anApplication(n).id)] = ['Направить поставщику']));
    choose(b, 'perm', decisions);
    b.gas.calls.reset();
    b.gas.Sheets.batches.length = 0;
    const before = cellsRead(b);
    fire(b, 'runJob_');
    const cells = cellsRead(b) - before;
    expect(b.master.table(PROVIDER_BANK).ids()).toHaveLength(30);
    // Ten scattered runs of three rows leave the methodist’s sheet in one Sheets API request.
    expect(b.gas.Sheets.batches.filter((kinds) => kinds.includes('deleteDimension'))).toEqual([Array(10).fill('deleteDimension')]);
    return { calls: b.gas.calls.snapshot(), cells };
  };

  it('sending 30 applications costs the same calls and reads the same cells at 2,500 and at 20,000 applications', () => {
    const { calls: small, cells: fewer } = sendThirty(2500);
    const { calls: large, cells: more } = sendThirty(20000);
    expect(large).toEqual(small);
    // Issue 19: the applications decided, looked up — not the ledger's columns, nor the methodist's whole sheet. (The
    // journal's last 2,000 rows, which a resumed move looks through, are the same from 2,000 applications on.)
    expect(more).toBe(fewer);
    const writes = (small['Range.setValues'] ?? 0) + (small['Sheets.batchUpdate'] ?? 0);
    // Everything else is batched: appends are one request each, no formats or validation set apart from them.
    expect(small['Sheet.deleteRows'] ?? 0).toBe(0);
    expect(small['Range.setNumberFormats'] ?? 0).toBe(0);
    expect(writes).toBeLessThanOrEqual(12);
  }, 120000);
});
