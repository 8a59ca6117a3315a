// Completing a course through build/Code.js: outcomes, certificate numbers, corrections, the archive, and budgets.

import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { ARCHIVE, GROUP_REGISTRY, GROUPS, LEDGER, PROVIDER_BANK, SETTINGS, TEMPLATES } from '../../src/core/sheets/master';
import { HISTORY } from '../../src/core/sheets/territory';
import { anApplication } from '../builders';
import { cellsRead, fire, type GasBank, OWNER } from './bank-fixture';
import { callAs, staffBank } from './staff-fixture';

/** A formed group ОМ-01-2026-01 of `n` learners (the first one without СНИЛС when `gap`). */
const withGroup = (n: number, gap = false, extraArchive = 0): GasBank => {
  const b = staffBank();
  const apps = Array.from({ length: n }, (_, i) => anApplication(i + 1, { stage: 'provider', snils: gap && i === 0 ? '' : '112-233-445 95' }));
  const old = Array.from({ length: extraArchive }, (_, i) => anApplication(500000 + i, { stage: 'completed', group: 'СТАРЫЙ-2024-01' }));
  b.master.table(LEDGER).append([...old, ...apps]);
  b.master.table(ARCHIVE).append(old.map((a) => ({ ...a, outcome: 'completed' })));
  b.master.table(PROVIDER_BANK).append(apps);
  // The course's last day (05–09.10.2026): the group can be formed, then completed.
  b.gas.Clock.set(2026, 9, 9, 16);
  const r = callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: apps.map((a) => a.id) });
  if (!r.ok) throw new Error(r.error);
  return b;
};

describe('completing a course', () => {
  it('lists missing certificate data, lets the leader correct it, then numbers the certificates in order', () => {
    const b = withGroup(3, true);
    const c = callAs(b, 'leader', 'getGroupCompletion', { group: 'ОМ-01-2026-01' }).value;
    expect(c.learners.find((l: { id: string }) => l.id === '2026-000001').missing).toEqual([{ key: 'snils', label: 'СНИЛС' }]);
    const outcomes = [
      { id: '2026-000001', outcome: 'completed', reason: '' },
      { id: '2026-000002', outcome: 'expelled', reason: 'не прошёл итоговую аттестацию' },
      { id: '2026-000003', outcome: 'completed', reason: '' },
    ];
    expect(callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Не хватает данных для удостоверения: .* — СНИЛС/),
    });
    expect(callAs(b, 'leader', 'correctLearner', { id: '2026-000001', snils: '112-233-445 96' })).toMatchObject({
      ok: false,
      fields: { snils: 'СНИЛС: контрольное число не сходится — проверьте цифры' },
    });
    expect(callAs(b, 'leader', 'correctLearner', { id: '2026-000001', snils: '11223344595' })).toEqual({ ok: true, value: { id: '2026-000001' } });
    expect(
      b.master
        .table(LEDGER)
        .read()
        .find((r) => r.id === '2026-000001')?.snils,
    ).toBe('112-233-445 95');
    const done = callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes });
    expect(done).toMatchObject({ ok: true, value: { completed: 2, expelled: 1, numbers: ['2026/00001', '2026/00002'] } });
    // The group's completion comes back refreshed: the sidebar shows the numbers without asking again.
    expect(done.value.view.learners.map((l: { regNumber: string }) => l.regNumber).sort()).toEqual(['', '2026/00001', '2026/00002']);
    // Completing again does not renumber.
    expect(callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes }).value.numbers).toEqual([]);
    const rows = b.master.table(GROUPS).read();
    expect(rows.map((r) => [r.id, r.outcome, r.regNumber])).toEqual([
      // Numbers follow the alphabet: Кузнецов (2026-000003) before Петров (2026-000001).
      ['2026-000001', 'completed', '2026/00002'],
      ['2026-000002', 'expelled', ''],
      ['2026-000003', 'completed', '2026/00001'],
    ]);
  });

  it('uses blank numbers from the sector’s range and refuses when the range runs out', () => {
    const b = withGroup(2);
    b.gas.Session.runAs(OWNER); // «Настройки» is the sector's sheet: the sector sets the range
    b.master.table(SETTINGS).append([
      { key: 'blankNext', value: '1000' },
      { key: 'blankTo', value: '1000' },
    ]);
    const outcomes = ['2026-000001', '2026-000002'].map((id) => ({ id, outcome: 'completed', reason: '' }));
    expect(callAs(b, 'sector', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes }).error).toMatch(/^Бланков не хватает: осталось 1, нужно 2/);
    b.gas.Session.runAs(OWNER);
    b.master.table(SETTINGS).updateByIds(new Map([['blankTo', { value: '1010' }]]));
    expect(callAs(b, 'sector', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(
      b.master
        .table(GROUPS)
        .read()
        .map((r) => r.blankNumber),
    ).toEqual(['001000', '001001']);
  });

  it('moves the group to «Архив» with outcomes and certificates; the ledger, registry and «История» follow', () => {
    const b = withGroup(3);
    expect(callAs(b, 'leader', 'archiveGroup', { group: 'ОМ-01-2026-01' })).toEqual({
      ok: false,
      error: 'Сначала завершите обучение: отметьте итог каждого слушателя.',
    });
    const outcomes = [
      { id: '2026-000001', outcome: 'completed', reason: '' },
      { id: '2026-000002', outcome: 'expelled', reason: 'по собственному желанию' },
      { id: '2026-000003', outcome: 'completed', reason: '' },
    ];
    callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes });
    const archived = callAs(b, 'leader', 'archiveGroup', { group: 'ОМ-01-2026-01' });
    expect(archived).toMatchObject({ ok: true, value: { archived: 3 } });
    // The archived group stays in the course's list (issue 18: its documents can be made again from the sidebar).
    expect(archived.value.view.groups).toContainEqual(expect.objectContaining({ group: 'ОМ-01-2026-01', status: 'в архиве' }));
    expect(b.master.table(GROUPS).ids()).toEqual([]);
    const archive = b.master.table(ARCHIVE).read();
    expect(archive.map((a) => [a.id, a.outcome, a.reason, a.regNumber, a.group])).toEqual([
      ['2026-000001', 'completed', '', '2026/00002', 'ОМ-01-2026-01'],
      ['2026-000002', 'expelled', 'по собственному желанию', '', 'ОМ-01-2026-01'],
      ['2026-000003', 'completed', '', '2026/00001', 'ОМ-01-2026-01'],
    ]);
    expect(
      b.master
        .table(LEDGER)
        .read()
        .map((r) => r.stage),
    ).toEqual(['completed', 'expelled', 'completed']);
    expect(b.master.table(GROUP_REGISTRY).read()).toEqual([expect.objectContaining({ group: 'ОМ-01-2026-01', size: 3, status: 'в архиве' })]);
    fire(b, 'runJob_');
    const history = new SpreadsheetWorkbook(b.book('perm') as never).table(HISTORY).read();
    expect(history.map((h) => h.stage).sort()).toEqual(['завершил обучение', 'завершил обучение', 'отчислен']);
    // Archiving again is harmless.
    expect(callAs(b, 'leader', 'archiveGroup', { group: 'ОМ-01-2026-01' }).ok).toBe(true);
    expect(b.master.table(ARCHIVE).ids()).toHaveLength(3);
  });

  it('completing and archiving a 30-person group costs the same calls with 1,000 and 20,000 archived rows', () => {
    const cost = (archived: number) => {
      const b = withGroup(30, false, archived);
      const outcomes = Array.from({ length: 30 }, (_, i) => ({ id: anApplication(i + 1).id, outcome: 'completed', reason: '' }));
      b.gas.calls.reset();
      const before = cellsRead(b);
      expect(callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
      expect(callAs(b, 'leader', 'archiveGroup', { group: 'ОМ-01-2026-01' }).ok).toBe(true);
      return { calls: b.gas.calls.snapshot(), cells: cellsRead(b) - before };
    };
    const small = cost(1000);
    const large = cost(20000);
    expect(large.calls).toEqual(small.calls);
    expect(small.calls['Sheet.deleteRows']).toBe(1);
    // The group's rows are looked up in «Группы» and the ledger, not read whole: the same cells either way.
    expect(large.cells).toBe(small.cells);
  }, 120000);
});

describe('the ФИС ФРДО export', () => {
  it('lays issued certificates out in the registry’s columns and lists rows with missing data instead of exporting them', () => {
    const b = withGroup(2);
    const outcomes = ['2026-000001', '2026-000002'].map((id) => ({ id, outcome: 'completed', reason: '' }));
    callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes });
    callAs(b, 'leader', 'archiveGroup', { group: 'ОМ-01-2026-01' });
    // An older record without СНИЛС, as a bank migrated from paper might hold.
    b.master
      .table(ARCHIVE)
      .append([{ ...anApplication(77), snils: '', outcome: 'completed', regNumber: '2026/00099', issueDate: new Date(2026, 9, 9), group: 'ОМ-01-2026-09' }]);
    const r = callAs(b, 'leader', 'exportFrdo', { from: '2026-01-01', to: '2026-12-31', subdivision: '' });
    expect(r.value).toEqual({
      sheet: 'ФРДО 01.01.2026–31.12.2026',
      exported: 2,
      problems: [expect.stringMatching(/2026-000077, № 2026\/00099\): нет — СНИЛС$/)],
    });
    const sheet = b.ss.sheet('ФРДО 01.01.2026–31.12.2026').dump();
    // The registry's 40 columns in their order (the project's copy of shared/data/frdo-dpo-columns.csv).
    const { FRDO_SEED } = require('../../src/core/reference/frdo-columns');
    expect(sheet[0]).toEqual(FRDO_SEED.map((c: { header: string }) => c.header));
    expect(sheet[0]).toHaveLength(40);
    expect((sheet[0] as string[]).slice(0, 3)).toEqual(['Вид документа', 'Статус документа', 'Подтверждение утраты']);
    expect(sheet[0][26]).toBe('СНИЛС');
    const row = Object.fromEntries((sheet[0] as string[]).map((h, i) => [h, sheet[1][i]]));
    expect(row).toMatchObject({
      'Вид документа': 'Удостоверение о повышении квалификации',
      'Регистрационный номер': '2026/00001',
      'Дата выдачи документа': '09.10.2026',
      'Наименование дополнительной профессиональной программы': 'Курс ОМ-01',
      'Срок обучения, часов (для документа о квалификации)': '36',
      'Пол получателя': 'Муж',
      СНИЛС: '112-233-445 95',
      'Форма обучения': 'Очная',
      'Гражданство получателя (код страны по ОКСМ)': '643',
    });
    expect(row['Дата рождения получателя']).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(b.ss.sheet('ФРДО 01.01.2026–31.12.2026').formulas()).toEqual([]);
  });
});

describe('group documents', () => {
  const pdfs = (b: GasBank, ...path: string[]) => (b.gas.DriveApp.root.path(...path)?.files ?? []).filter((f) => !f.trashed);

  /** A leader asks; the owner's job makes the documents. Returns the group's row after the job. */
  const requestAndRun = (b: GasBank, group = 'ОМ-01-2026-01') => {
    const r = callAs(b, 'leader', 'generateDocuments', { group });
    expect(r).toMatchObject({ ok: true, value: { state: expect.stringMatching(/^ожидает обработки: lead@iro\.perm\.ru, /) } });
    fire(b, 'runJob_');
    return b.master
      .table(GROUP_REGISTRY)
      .read()
      .find((g) => g.group === group) as Record<string, unknown>;
  };
  const GROUP_DIR = ['ЕБППК', '2026', 'ОМ', 'ОМ-01-2026-01'];

  it('converts the PDFs without holding the script lock (the form trigger is never kept waiting by Drive)', () => {
    const b = withGroup(3);
    const held: boolean[] = [];
    const newBlob = b.gas.Utilities.newBlob;
    b.gas.Utilities.newBlob = (...args: Parameters<typeof newBlob>) => {
      held.push(b.gas.LockService.held);
      return newBlob(...args);
    };
    const row = requestAndRun(b);
    expect(row.documentsState).toMatch(/^выполнено: .*, документов 3$/);
    expect(held).toEqual([false, false, false]);
  });

  it('a leader’s request becomes PDFs owned by the bank’s owner in «ЕБППК / <год> / <подразделение> / <группа>», readable by the subdivision', () => {
    const b = withGroup(3);
    // The request alone writes no file: a file belongs to whoever the script runs as, and that must be the owner.
    callAs(b, 'leader', 'generateDocuments', { group: 'ОМ-01-2026-01' });
    expect(b.gas.DriveApp.rootOf('lead@iro.perm.ru').folders).toEqual([]);
    expect(pdfs(b, ...GROUP_DIR)).toEqual([]);
    // Before completion: the enrolment order, the list and the attendance journal.
    let row = requestAndRun(b);
    expect(row.documentsState).toMatch(/^выполнено: .*, документов 3$/);
    expect(
      String(row.documents)
        .split('\n')
        .map((l) => l.split(': ')[0]),
    ).toEqual(['Приказ о зачислении', 'Список группы', 'Журнал посещаемости']);
    const files0 = pdfs(b, ...GROUP_DIR);
    expect(files0.every((f) => f.owner === OWNER)).toBe(true);
    expect(files0[0].viewers).toEqual(expect.arrayContaining(['head.om@iro.perm.ru', 'lead@iro.perm.ru', 'spare.lead@iro.perm.ru']));
    expect(files0[0].viewers).not.toContain('lead.ff@iro.perm.ru'); // another subdivision's leader
    const journal = files0.find((f) => f.name.startsWith('Журнал посещаемости')) as { content: string; type: string };
    expect(journal.type).toBe('application/pdf');
    // One column per course day (05.10–09.10: five days).
    expect((journal.content.match(/<th>\d{2}\.\d{2}<\/th>/g) ?? []).length).toBe(5);
    const outcomes = ['2026-000001', '2026-000002', '2026-000003'].map((id) => ({ id, outcome: 'completed', reason: '' }));
    callAs(b, 'leader', 'completeGroup', { group: 'ОМ-01-2026-01', outcomes });
    // The provider edits a template in the sheet: the next documents follow it.
    const t = b.master.table(TEMPLATES);
    t.updateByIds(
      new Map([['certificates', { html: '{{#completed}}<p>УДОСТОВЕРЕНИЕ № {{regNumber}} — {{fio}}, {{hours}} ч, выдано в г. {{city}}</p>{{/completed}}' }]]),
    );
    row = requestAndRun(b);
    expect(row.documentsState).toMatch(/документов 7$/);
    const files = pdfs(b, ...GROUP_DIR);
    // Regenerating replaced the first three: one version of each document.
    expect(files.map((f) => f.name).sort()).toEqual(
      [
        'Ведомость итоговой аттестации',
        'Журнал посещаемости',
        'Приказ о зачислении',
        'Приказ об отчислении в связи с завершением обучения',
        'Список группы',
        'Удостоверения о повышении квалификации',
      ]
        .map((n) => `${n} — ОМ-01-2026-01.pdf`)
        .sort(),
    );
    const certs = files.find((f) => f.name.startsWith('Удостоверения')) as { content: string };
    expect(certs.content).toContain('УДОСТОВЕРЕНИЕ № 2026/00002 — Петров Анна Петровна, 36 ч, выдано в г. Пермь');
    // The registration book is the subdivision's: beside its groups' folders, readable by its people, not the year's own.
    expect(pdfs(b, 'ЕБППК', '2026')).toEqual([]);
    const book = pdfs(b, 'ЕБППК', '2026', 'ОМ');
    expect(book.map((f) => f.name)).toEqual(['Книга регистрации выданных удостоверений 2026.pdf']);
    expect(book[0].viewers).toContain('lead@iro.perm.ru');
    expect(String(row.documents).split('\n')).toHaveLength(7);
    expect(String(row.documents)).toMatch(/^Приказ о зачислении: https:\/\/drive\.google\.com\//);
    // The sidebar's completion view shows the links and the request's state.
    const view = callAs(b, 'leader', 'getGroupCompletion', { group: 'ОМ-01-2026-01' }).value;
    expect(view.documents).toHaveLength(7);
    expect(view.documentsState).toMatch(/^выполнено/);
  });

  it('refuses another subdivision’s group, and a request whose documents fail says why on the group’s row', () => {
    const b = withGroup(3);
    expect(callAs(b, 'otherLeader', 'generateDocuments', { group: 'ОМ-01-2026-01' })).toMatchObject({ ok: false });
    b.master.table(TEMPLATES).updateByIds(new Map([['group-list', { html: '' }]]));
    const row = requestAndRun(b);
    expect(row.documentsState).toMatch(/^ошибка: Нет шаблона «Список группы»/);
    // The failure is the row's to show; the job does not retry it until asked again.
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('Folder.createFile')).toBe(0);
  });

  it('costs the same calls for 3 learners as for 30: one read per source sheet, one Drive write per document', () => {
    const cost = (n: number) => {
      const b = withGroup(n);
      fire(b, 'runJob_'); // the enrolment letters (one per learner) go out first: the run measured makes documents only
      callAs(b, 'leader', 'generateDocuments', { group: 'ОМ-01-2026-01' });
      b.gas.calls.reset();
      fire(b, 'runJob_');
      return b.gas.calls.snapshot();
    };
    const small = cost(3);
    expect(cost(30)).toEqual(small);
    expect(small['Folder.createFile']).toBe(3);
  });

  it('escapes learners’ text: a hostile name never becomes markup in a document', () => {
    const b = staffBank();
    const app = anApplication(1, { stage: 'provider', lastName: '<script>alert(1)</script>' });
    b.master.table(LEDGER).append([app]);
    b.master.table(PROVIDER_BANK).append([app]);
    b.gas.Clock.set(2026, 9, 5);
    callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: ['2026-000001'] });
    requestAndRun(b);
    const list = pdfs(b, ...GROUP_DIR).find((f) => f.name.startsWith('Список группы')) as { content: string };
    expect(list.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.content).not.toContain('<script>alert(1)');
  });
});

describe('yearly rollover', () => {
  it('moves older archive rows with their ledger rows to «ЕБППК — Архив <год>», keeps integrity, and is idempotent', () => {
    const b = withGroup(2);
    const old = [1, 2, 3].map((i) => anApplication(900 + i, { stage: 'completed', group: 'ОМ-01-2024-01' }));
    b.master.table(LEDGER).append(old);
    b.master.table(ARCHIVE).append(
      old.map((a) => ({
        ...a,
        outcome: 'completed',
        regNumber: `2024/0000${a.id.toString().slice(-1)}`,
        issueDate: new Date(2024, 5, 1),
        archivedAt: new Date(2024, 5, 2),
      })),
    );
    const recent = anApplication(950, { stage: 'completed' });
    b.master.table(LEDGER).append([recent]);
    b.master.table(ARCHIVE).append([{ ...recent, outcome: 'completed', archivedAt: new Date(2026, 1, 1) }]);
    const r = callAs(b, 'sector', 'rolloverArchive', { beforeYear: 2026 });
    expect(r.ok).toBe(true);
    expect(r.value.years).toEqual([{ year: 2024, moved: 3, spreadsheet: expect.any(String) }]);
    const yearly = b.gas.SpreadsheetApp.files.get(r.value.years[0].spreadsheet);
    expect(yearly?.name).toBe('ЕБППК — Архив 2024');
    const { SpreadsheetWorkbook } = require('../../src/adapters/spreadsheet-app/spreadsheet-workbook');
    const wb = new SpreadsheetWorkbook(yearly);
    expect(wb.table(ARCHIVE).ids().sort()).toEqual(old.map((a) => a.id).sort());
    expect(wb.table(LEDGER).ids().sort()).toEqual(old.map((a) => a.id).sort());
    expect(b.master.table(ARCHIVE).ids()).toEqual([recent.id]);
    expect(b.master.table(LEDGER).ids()).not.toContain(old[0].id);
    b.gas.Session.email = 'owner@iro.perm.ru';
    b.code.checkIntegrity_();
    expect(b.gas.SpreadsheetApp.ui.alerts[b.gas.SpreadsheetApp.ui.alerts.length - 1]).toMatch(/^Целостность в порядке/);
    // Running again finds nothing to move and creates no second spreadsheet.
    expect(callAs(b, 'sector', 'rolloverArchive', { beforeYear: 2026 }).value.years).toEqual([]);
    expect([...b.gas.SpreadsheetApp.files.values()].filter((f) => f.name === 'ЕБППК — Архив 2024')).toHaveLength(1);
  });
});
