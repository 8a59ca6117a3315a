// Who runs what: the fakes refuse what Google refuses, and the bank does the owner's work in the owner's job.
import { ACCESS, JOURNAL, TERRITORIES } from '../../src/core/sheets/master';
import { fire, type GasBank, OWNER } from './bank-fixture';
import { runAs, staffBank, type Who } from './staff-fixture';

const menuAs = (b: GasBank, who: Who, fn: string) => {
  runAs(b, who);
  b.code[fn]();
};

describe('permissions as Google enforces them (fakes) and the owner’s work', () => {
  it('only editors open a spreadsheet or run its bound script; a created file belongs to its creator; a copy keeps neither sharing nor script id', () => {
    const b = staffBank();
    const book = b.book('perm');
    b.gas.Session.runAs('nobody@gmail.com');
    expect(() => b.gas.SpreadsheetApp.openById(book.id)).toThrow('You do not have permission to access the requested document.');
    expect(() => b.code.onOpen({})).not.toThrow(); // onOpen swallows; but nothing of the bank ran:
    expect(b.code.getHelpInfo({})).toMatchObject({ ok: false, error: expect.stringContaining('You do not have permission') });
    expect(() => b.gas.DriveApp.getFileById(book.id)).toThrow();
    // A methodist opens their own workbook, and no other.
    b.gas.Session.runAs('m1@perm.edu.ru');
    expect(b.gas.SpreadsheetApp.openById(book.id)).toBe(book);
    expect(() => b.gas.SpreadsheetApp.openById(b.book('kungursky').id)).toThrow('You do not have permission');
    const own = b.gas.SpreadsheetApp.create('Мой файл');
    expect(own.owner).toBe('m1@perm.edu.ru');
    b.gas.Session.runAs(OWNER);
    expect(() => b.gas.SpreadsheetApp.openById(own.id)).toThrow('You do not have permission');
    // Copying the master: new owner, new script id, no sharing.
    b.gas.Session.runAs('lead@iro.perm.ru'); // an editor of the master (before cabinets)
    const copy = b.gas.DriveApp.getFileById(b.ss.id).makeCopy('Копия');
    const copied = b.gas.SpreadsheetApp.files.get(copy.getId());
    expect(copied).toMatchObject({ owner: 'lead@iro.perm.ru', editors: [] });
    expect(copied?.script?.id).not.toBe(b.ss.script?.id);
    expect(copied?.script?.build).toBe('master');
  });

  it('the sharing check repairs territory workbooks and reports a hand-made share of the master to a leader', () => {
    const b = staffBank();
    // By hand, in Google's sharing dialog: a stranger on a territory workbook; the master as it stands has leaders.
    b.book('perm').editors.push('stranger@gmail.com');
    b.master.table(ACCESS).updateByIds(new Map([['m@kungur.edu.ru', { active: false }]]));
    // The sector asks from the menu; nothing is read or changed until the owner's job runs.
    menuAs(b, 'sector', 'auditSharing_');
    expect(b.ss.toasts.at(-1)).toMatch(/Проверка доступа к файлам банка выполнится при следующем запуске/);
    expect(b.book('perm').editors).toContain('stranger@gmail.com');
    fire(b, 'runJob_');
    expect(b.book('perm').editors).toEqual(['m1@perm.edu.ru']);
    expect(b.book('kungursky').editors).toEqual([]);
    const found = String(
      b.master
        .table(JOURNAL)
        .read()
        .filter((j) => j.action === 'проверка доступа')
        .at(-1)?.reason,
    );
    expect(found).toContain('книга территории «Пермский городской округ»: закрыт доступ stranger@gmail.com');
    expect(found).toContain('закрыт доступ m@kungur.edu.ru');
    expect(found).toMatch(/мастер-таблица банка: редакторы не из сектора: .*lead@iro\.perm\.ru.* — каждый редактор может изменить код банка/);
    // The master is reported, not repaired: unsharing staff is the sector's decision while they still work in it.
    expect(b.ss.editors).toContain('lead@iro.perm.ru');
    // Only the sector may ask.
    menuAs(b, 'leader', 'auditSharing_');
    expect(b.gas.SpreadsheetApp.ui.alerts.at(-1)).toBe('Это действие недоступно для вашей роли.');
    menuAs(b, 'leader', 'closeMasterSharing_');
    expect(b.gas.SpreadsheetApp.ui.alerts.at(-1)).toBe('Это действие недоступно для вашей роли.');
    // The sector decides (after cancelling once): every editor who is not sector staff loses the master at the next run.
    b.gas.SpreadsheetApp.ui.answer = 'CANCEL';
    menuAs(b, 'sector', 'closeMasterSharing_');
    fire(b, 'runJob_');
    expect(b.ss.editors).toContain('lead@iro.perm.ru');
    b.gas.SpreadsheetApp.ui.answer = 'OK';
    menuAs(b, 'sector', 'closeMasterSharing_');
    fire(b, 'runJob_');
    expect(b.ss.editors).toEqual([]);
    b.gas.Session.runAs('lead@iro.perm.ru');
    expect(() => b.gas.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission');
  });

  it('a sharing check that fails (the job runs as someone who cannot open the files) stays due and is journaled', () => {
    const b = staffBank();
    menuAs(b, 'sector', 'auditSharing_');
    // Someone else re-installed the job's trigger: it now runs as a sector member who owns nothing.
    b.gas.ScriptApp.triggers.forEach((t) => (t.installer = 'head.om@iro.perm.ru'));
    fire(b, 'runJob_');
    const journal = b.master.table(JOURNAL).read();
    expect(journal).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'ошибка проверки доступа', reason: expect.stringContaining('You do not have permission') })]),
    );
    b.gas.ScriptApp.triggers.forEach((t) => (t.installer = OWNER));
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('Spreadsheet.getEditors')).toBeGreaterThan(40); // done now: every workbook's editors read
  });

  it('a territory the sector adds gets its workbook from the owner’s job (owned by the owner), and only then takes applications', () => {
    const b = staffBank();
    menuAs(b, 'sector', 'showSector_'); // (the sector works in the master)
    // The sidebar sends no code for a new territory: the bank makes it from the name.
    expect(b.code.saveTerritory({ code: '', name: 'Новая территория', active: true })).toMatchObject({ ok: true, value: { code: 'novaya' } });
    expect(
      b.master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === 'novaya')?.workbookId,
    ).toBe('');
    fire(b, 'runJob_');
    const id = String(
      b.master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === 'novaya')?.workbookId,
    );
    expect(b.gas.SpreadsheetApp.files.get(id)).toMatchObject({ name: 'ЕБППК — Новая территория', owner: OWNER });
  });
});
