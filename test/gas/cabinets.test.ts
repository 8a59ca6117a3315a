// Subdivision cabinets through both built scripts on the permission-enforcing fakes: the leaders work in their cabinet
// only; the owner's job does everything that touches the master, the Form, the workbooks, Drive and mail.

import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { CABINET_COURSES, CABINET_STATS, personalRequests, SHARED_REQUESTS } from '../../src/core/sheets/cabinet';
import { ACCESS, ARCHIVE, CABINETS, COURSES, GROUPS, JOURNAL, LEDGER, SETTINGS, SUBDIVISIONS } from '../../src/core/sheets/master';
import { REFUSED } from '../../src/core/use-cases/cabinets';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { anApplication } from '../builders';
import { decideAll, fire, type GasBank, OWNER, templateBank } from './bank-fixture';
import { cabinetBank, cabinetOf, HEAD, inCabinet, LEADER, OTHER, SPARE } from './cabinet-fixture';
import { formAnswers } from './form-answers';
import { loadCabinet } from './load-cabinet';
import { runAs, staffBank } from './staff-fixture';

/** A person's requests in a subdivision's cabinet, oldest first (their own protected sheet). */
const requestsOf = (b: GasBank, subdivision: string, email: string) =>
  new SpreadsheetWorkbook(cabinetOf(b, subdivision) as never).table(personalRequests(email)).read();

/** The addresses on «Доступ». */
const emails = (b: GasBank) =>
  b.master
    .table(ACCESS)
    .read()
    .map((a) => a.email);

/** Cells read from the master's sheets so far (a leader's call must read none). */
const masterReads = (b: GasBank) => b.ss.sheets.reduce((n, s) => n + s.cellsRead, 0);

describe('subdivision cabinets (both built scripts, permission-enforcing fakes)', () => {
  it('setup copies the template into one cabinet per subdivision, owned by the owner; the job shares each with its people only', () => {
    const b = cabinetBank();
    const om = cabinetOf(b, 'ОМ');
    const ff = cabinetOf(b, 'ФФ');
    expect(om).toMatchObject({ name: 'ЕБППК — Отдел методики', owner: OWNER });
    expect(om.script?.build).toBe('cabinet');
    expect(om.script?.id).not.toBe('script-template');
    expect([...om.editors].sort()).toEqual([HEAD, LEADER, SPARE]);
    expect(ff.editors).toEqual([OTHER]);
    // A leader of ОМ reaches their cabinet, and nothing else: not the master, not ФФ's cabinet, not a territory workbook.
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinet')).toMatchObject({ ok: true, value: { me: { email: LEADER, role: 'руководитель' } } });
    expect(() => inCabinet(b, 'ФФ', LEADER, 'getCabinet')).toThrow('You do not have permission');
    b.gas.Session.runAs(LEADER);
    expect(() => b.gas.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission');
    expect(() => b.gas.SpreadsheetApp.openById(b.book('perm').id)).toThrow('You do not have permission');
    // The cabinet script cannot open another file even for someone who could: its manifest grants this one only.
    const cab = loadCabinet(b.gas, om.id);
    expect(() => cab.code.SpreadsheetApp.openById(b.ss.id)).toThrow('Specified permissions are not sufficient');
    // onOpen records the cabinet's script id; the job carries it to «Кабинеты».
    b.gas.Session.runAs(LEADER);
    cab.code.onOpen({});
    expect(b.gas.SpreadsheetApp.ui.menus.at(-1)?.items).toEqual([['Кабинет подразделения', 'showCabinet_']]);
    fire(b, 'runJob_');
    expect(
      b.master
        .table(CABINETS)
        .read()
        .find((c) => c.subdivision === 'ОМ'),
    ).toMatchObject({ scriptId: om.script?.id });
  });

  it('the subdivision’s statistics follow once a day; the job’s other runs read none of the ledger for them (issue 19)', () => {
    const b = cabinetBank();
    const form = [...b.gas.FormApp.forms.values()][0];
    const label = 'ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)';
    const stats = () => new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never).table(CABINET_STATS).read();
    const courses = () => new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never).table(CABINET_COURSES).read();
    const ledger = b.ss.sheet(LEDGER.name);
    b.gas.Clock.set(2026, 8, 1, 12); // the fixture's job ran this morning: this day's first run is done
    const before = stats();
    fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form, formAnswers(1, label)));
    fire(b, 'runJob_');
    // A new application reaches the cabinet's course list with the job's next run (its territory's «О книге» counts moved).
    expect(courses().find((c) => c.code === 'ОМ-01')?.atMethodists).toBe(1);
    // The methodist sends it on.
    const sheet = b.book('perm').sheet('Копилка методиста');
    sheet.cell(2, sheet.dump()[0].indexOf('Решение') + 1).v = 'Направить поставщику';
    sheet.touch();
    const read0 = ledger.cellsRead;
    fire(b, 'runJob_');
    // The cabinet's courses follow at once; its statistics wait for tomorrow, and the run read no column of every
    // application for them (the moved application's row only).
    expect(courses().find((c) => c.code === 'ОМ-01')?.atProvider).toBe(1);
    expect(stats()).toEqual(before);
    expect(ledger.cellsRead - read0).toBeLessThan(100);
    b.gas.Clock.set(2026, 8, 2, 7);
    fire(b, 'runJob_');
    expect(stats()).toEqual([expect.objectContaining({ course: 'ОМ-01', submitted: 1, sent: 1 })]);
  });

  it('the journey: enrolment reaches the Form, teachers apply, a group is formed, completed, documented and archived — all asked from the cabinet', () => {
    const b = cabinetBank();
    const form = [...b.gas.FormApp.forms.values()][0];
    const label = 'ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)';
    const om = cabinetOf(b, 'ОМ');
    const ask = (kind: string, args: unknown, who = LEADER) => {
      const before = masterReads(b);
      b.gas.calls.reset();
      const r = inCabinet(b, om, who, 'submitRequest', { kind, args });
      // A leader's call reads only the cabinet: no cell of the master, no other file opened.
      expect(masterReads(b)).toBe(before);
      expect(b.gas.calls.of('SpreadsheetApp.openById')).toBe(0);
      return r;
    };
    const lastRequest = () => requestsOf(b, 'ОМ', LEADER).at(-1);

    // Enrolment: asked in the cabinet, carried out by the job, the Form follows in the same run.
    expect(ask('setEnrolment', { code: 'ОМ-01', state: 'закрыт' })).toMatchObject({ ok: true, value: { state: expect.stringMatching(/^ожидает обработки/) } });
    expect(form.item('Курс').choices).toContain(label);
    fire(b, 'runJob_');
    expect(lastRequest()).toMatchObject({ state: 'выполнено', action: 'Запись на курс', about: 'курс ОМ-01: запись закрыт' });
    expect(form.item('Курс').choices).not.toContain(label);
    ask('setEnrolment', { code: 'ОМ-01', state: 'открыт' });
    fire(b, 'runJob_');
    expect(form.item('Курс').choices).toContain(label);

    // Teachers apply; the methodist sends them on; the job moves them and the cabinet shows them (no СНИЛС).
    for (let n = 1; n <= 4; n++) fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form, formAnswers(n, label)));
    fire(b, 'runJob_');
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    const cabinet = cabinetOf(b, 'ОМ');
    cabinet.sheets.forEach((s) => {
      s.dataReads = 0;
      s.cellsRead = 0;
    });
    let view = inCabinet(b, 'ОМ', LEADER, 'getCabinet').value;
    // One read of each cabinet sheet the view shows, «Курсы подразделения» too though the board reads it again; none of
    // the subdivision's people: they are loaded when a course is opened.
    expect(Math.max(...cabinet.sheets.map((s) => s.dataReads))).toBe(1);
    const people = (name: string) => cabinet.sheets.find((s) => s.name === name);
    expect([people('Копилка поставщика')?.cellsRead, people('Группы')?.cellsRead]).toEqual([0, 0]);
    const course = () => inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-01' }).value;
    expect(course().provider.map((r: { course: string }) => r.course)).toEqual(['ОМ-01', 'ОМ-01', 'ОМ-01', 'ОМ-01']);
    const cabinetCells = JSON.stringify(cabinetOf(b, 'ОМ').sheets.map((s) => s.dump()));
    expect(cabinetCells).not.toMatch(/000-000-00\d|00000000\d00/); // no СНИЛС
    expect(cabinetCells).not.toMatch(/1980/); // no birth date

    // First day (05.10.2026): marks take effect in the cabinet at once; the group is formed by the job.
    b.gas.Clock.set(2026, 9, 5);
    const ids = course().provider.map((r: { id: string }) => r.id);
    expect(inCabinet(b, 'ОМ', LEADER, 'saveAttendance', { code: 'ОМ-01', present: ids.slice(0, 3) })).toEqual({ ok: true, value: { marked: 3 } });
    expect(course().provider.filter((r: { present: boolean }) => r.present)).toHaveLength(3);
    ask('formGroup', { code: 'ОМ-01', present: ids.slice(0, 3) });
    fire(b, 'runJob_');
    expect(lastRequest()).toMatchObject({ state: 'выполнено', result: 'группа ОМ-01-2026-01: зачислено 3, не явились 1' });
    expect(b.master.table(GROUPS).ids().sort()).toEqual(ids.slice(0, 3).sort());
    view = inCabinet(b, 'ОМ', LEADER, 'getCabinet').value;
    expect(course().provider).toEqual([]);
    expect(view.registry).toEqual([expect.objectContaining({ group: 'ОМ-01-2026-01', size: 3, status: 'сформирована' })]);
    // The subdivision's statistics for the year follow.
    expect(view.stats).toEqual([expect.objectContaining({ course: 'ОМ-01', submitted: 4, sent: 4, grouped: 3, absent: 1 })]);

    // Completion on the last day (09.10.2026): certificate numbers come from the job (one counter for the whole bank).
    b.gas.Clock.set(2026, 9, 9, 16);
    ask('completeGroup', { group: 'ОМ-01-2026-01', outcomes: ids.slice(0, 3).map((id: string) => ({ id, outcome: 'completed', reason: '' })) });
    fire(b, 'runJob_');
    expect(lastRequest()).toMatchObject({ state: 'выполнено', result: expect.stringMatching(/^завершили 3, отчислены 0; удостоверения № 2026\/00001/) });
    expect(
      course()
        .groups.map((g: { regNumber: string }) => g.regNumber)
        .sort(),
    ).toEqual(['2026/00001', '2026/00002', '2026/00003']);

    // Documents: the owner's PDFs, links back in the cabinet.
    ask('generateDocuments', { group: 'ОМ-01-2026-01' });
    fire(b, 'runJob_');
    view = inCabinet(b, 'ОМ', LEADER, 'getCabinet').value;
    expect(view.registry[0].documentsState).toMatch(/^выполнено/);
    expect(String(view.registry[0].documents).split('\n')).toHaveLength(7);
    expect(b.gas.DriveApp.rootOf(LEADER).folders).toEqual([]);

    // Archive.
    ask('archiveGroup', { group: 'ОМ-01-2026-01' });
    fire(b, 'runJob_');
    expect(
      b.master
        .table(ARCHIVE)
        .read()
        .filter((a) => a.outcome === 'completed'),
    ).toHaveLength(3);
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinet').value.registry[0].status).toBe('в архиве');
    expect(
      b.master
        .table(LEDGER)
        .read()
        .filter((r) => r.stage === 'completed'),
    ).toHaveLength(3);
  });

  it('refuses at once what the cabinet can tell itself — before the first day, an expulsion without a reason, an address that is not one, a full group — and writes no request', () => {
    const b = cabinetBank();
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { capacity: 3 }]]));
    const om = cabinetOf(b, 'ОМ');
    const requests = () => requestsOf(b, 'ОМ', LEADER).length + requestsOf(b, 'ОМ', HEAD).length;
    const ask = (kind: string, args: unknown, who = LEADER) => inCabinet(b, om, who, 'submitRequest', { kind, args });
    const before = requests();
    // ОМ-01 starts on 05.10.2026; the clock says 01.09.2026.
    const early = 'Группу формируют в первый день курса или позже (курс начинается 05.10.2026): до начала отметить явку нельзя.';
    expect(ask('formGroup', { code: 'ОМ-01', present: [] })).toEqual({ ok: false, error: early, fields: { code: early } });
    expect(inCabinet(b, om, LEADER, 'saveAttendance', { code: 'ОМ-01', present: [] })).toEqual({ ok: false, error: early, fields: { code: early } });
    expect(ask('grantAccess', { email: 'not-an-email', role: 'leader', scope: 'ОМ', name: 'Кто-то' }, HEAD)).toMatchObject({
      ok: false,
      fields: { email: 'Некорректный адрес электронной почты' },
    });
    expect(requests()).toBe(before);

    // Four sent on, three present on the first day: a group of three fills the course (capacity 3).
    b.admit([1, 2, 3, 4].map((n) => anApplication(n, { stage: 'methodist' })));
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    b.gas.Clock.set(2026, 9, 5);
    expect(ask('formGroup', { code: 'ОМ-01', present: ['2026-000001', '2026-000002', '2026-000003'] }).ok).toBe(true);
    fire(b, 'runJob_');
    const full = 'В группе ОМ-01-2026-01 не хватает мест: вместимость курса 3, в группе 3 — мест нет.';
    const queued = requests();
    expect(ask('addLateArrivals', { code: 'ОМ-01', group: 'ОМ-01-2026-01', ids: ['2026-000004'] })).toEqual({
      ok: false,
      error: full,
      fields: { group: full },
    });
    // The last day: an expulsion needs its reason before anything is queued.
    b.gas.Clock.set(2026, 9, 9, 16);
    const outcomes = [
      { id: '2026-000001', outcome: 'completed', reason: '' },
      { id: '2026-000002', outcome: 'expelled', reason: '  ' },
      { id: '2026-000003', outcome: 'completed', reason: '' },
    ];
    expect(ask('completeGroup', { group: 'ОМ-01-2026-01', outcomes })).toEqual({
      ok: false,
      error: 'Для отчисления укажите причину.',
      fields: { reason: 'Для отчисления укажите причину.' },
    });
    expect(requests()).toBe(queued);
  });

  it('a request is its author’s because only they can write their sheet: a colleague’s sheet refuses the edit, rows elsewhere are refused, a changed protection is restored and journaled', () => {
    const b = cabinetBank();
    const om = cabinetOf(b, 'ОМ');
    const wb = new SpreadsheetWorkbook(om as never);
    const row = (id: string, kind: string, args: unknown) => ({
      id,
      at: new Date(2026, 8, 1, 10, 0),
      action: 'Выдать доступ',
      about: '',
      data: JSON.stringify({ kind, args }),
      state: 'ожидает обработки',
      result: '',
    });
    const grant = { email: 'outsider@gmail.com', role: 'leader', scope: 'ОМ', name: 'Чужой' };
    // Every head and leader has a sheet, protected for the owner and that person alone.
    const protection = (email: string) => om.sheet(personalRequests(email).name).getProtections('SHEET')[0];
    for (const who of [HEAD, LEADER, SPARE]) expect(protection(who)).toMatchObject({ warningOnly: false, editors: [OWNER, who], domainEdit: false });
    // People read the action and its summary; the bank's JSON column is hidden.
    const mine = om.sheet(personalRequests(LEADER).name);
    expect([...mine.hiddenColumns]).toEqual([(mine.dump()[0] as string[]).indexOf('Данные для банка') + 1]);
    // Leader A cannot type a request on the head's sheet, nor make it theirs.
    b.gas.Session.runAs(LEADER);
    expect(() => wb.table(personalRequests(HEAD)).append([row('forged', 'grantAccess', grant)])).toThrow('protected cell');
    expect(() => protection(HEAD).addEditors([LEADER])).toThrow('protected cell');
    expect(() => om.deleteSheet(om.sheet(personalRequests(HEAD).name))).toThrow('protected cell');
    // Rows typed on any other sheet — the old shared «Запросы», a sheet named for the head — are refused and reported.
    const shared = om.insertSheet(SHARED_REQUESTS.name);
    shared.getRange(1, 1, 2, 7).setValues([
      ['Запрос', 'Создан', 'Кто', 'Действие', 'Данные', 'Состояние', 'Результат'],
      ['old', '', HEAD, 'grantAccess', JSON.stringify(grant), 'ожидает обработки', ''],
    ]);
    // A sheet of that name laid out otherwise is not read at all (and stops nothing).
    om.insertSheet('Запросы — x@iro.perm.ru').getRange(1, 1).setValue('что-то');
    const fake = om.insertSheet('Запросы — boss@iro.perm.ru');
    new SpreadsheetWorkbook(om as never).ensure(personalRequests('boss@iro.perm.ru'));
    new SpreadsheetWorkbook(om as never).table(personalRequests('boss@iro.perm.ru')).append([row('boss', 'grantAccess', grant)]);
    expect(fake.getProtections('SHEET')).toEqual([]);
    // The leader's own sheet: a request the head's role would be needed for is theirs, and refused as theirs.
    wb.table(personalRequests(LEADER)).append([row('mine', 'grantAccess', grant)]);
    fire(b, 'runJob_');
    expect(emails(b)).not.toContain('outsider@gmail.com');
    expect(om.editors).not.toContain('outsider@gmail.com');
    expect(requestsOf(b, 'ОМ', LEADER).find((r) => r.id === 'mine')).toMatchObject({ state: 'ошибка', result: 'Это действие недоступно для вашей роли.' });
    expect(new SpreadsheetWorkbook(om as never).table(SHARED_REQUESTS).read()[0]).toMatchObject({ state: 'ошибка', result: REFUSED.shared });
    expect(requestsOf(b, 'ОМ', 'boss@iro.perm.ru')[0]).toMatchObject({ state: 'ошибка', result: REFUSED.notPerson });
    // The sheet named for someone not in «Доступ» is closed to all but the owner.
    expect(fake.getProtections('SHEET')[0]).toMatchObject({ warningOnly: false, editors: [OWNER] });

    // The head opens their own sheet to the leader (their protection is theirs to change): the job restores it, refuses
    // what waits there (anyone it was open to could have written it) and journals who the editors were.
    b.gas.Session.runAs(HEAD);
    protection(HEAD).addEditors([LEADER]);
    b.gas.Session.runAs(LEADER);
    wb.table(personalRequests(HEAD)).append([row('slipped', 'grantAccess', grant)]);
    fire(b, 'runJob_');
    expect(protection(HEAD).editors).toEqual([OWNER, HEAD]);
    expect(requestsOf(b, 'ОМ', HEAD).find((r) => r.id === 'slipped')).toMatchObject({ state: 'ошибка', result: REFUSED.tampered });
    expect(emails(b)).not.toContain('outsider@gmail.com');
    expect(
      b.master
        .table(JOURNAL)
        .read()
        .map((j) => j.reason),
    ).toContainEqual(expect.stringContaining(`«${personalRequests(HEAD).name}» (редакторы были: ${HEAD}, ${LEADER})`));
    // Only now does the head's own request count, and it is the head's.
    expect(inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'grantAccess', args: { ...grant, email: 'new.lead@iro.perm.ru' } }).ok).toBe(true);
    fire(b, 'runJob_');
    expect(requestsOf(b, 'ОМ', HEAD).at(-1)).toMatchObject({
      state: 'выполнено',
      action: 'Выдать доступ',
      about: 'new.lead@iro.perm.ru — руководитель курсов (Чужой)',
    });
    expect(om.editors).toContain('new.lead@iro.perm.ru');
    // And the new leader has their own sheet by the time the cabinet opens to them.
    expect(protection('new.lead@iro.perm.ru').editors).toEqual([OWNER, 'new.lead@iro.perm.ru']);
  });

  it('the web app carries out a cabinet’s requests at once as the job would, and refuses cheaply what is not a cabinet, too many runs or a busy bank', () => {
    const b = cabinetBank();
    const om = cabinetOf(b, 'ОМ');
    const post = (parameter: Record<string, string>) => {
      b.gas.Session.visitWebApp(OWNER, '');
      const out = b.code.doPost({ parameter });
      expect(out.getMimeType()).toBe('JSON');
      return JSON.parse(out.getContent());
    };
    // Not a cabinet: refused before anything is opened.
    b.gas.calls.reset();
    expect(post({ cabinet: 'no such id' })).toEqual({ ok: false, error: 'Неверный запрос.' });
    expect(post({ cabinet: b.ss.id })).toEqual({ ok: false, error: 'Кабинет не найден среди кабинетов банка.' });
    expect(b.gas.calls.of('SpreadsheetApp.openById')).toBeLessThanOrEqual(1); // the master at most: no cabinet
    // The bank busy (the job holds the lock past the wait): nothing done, the request waits for the job.
    const { value } = inCabinet(b, om, LEADER, 'submitRequest', { kind: 'setEnrolment', args: { code: 'ОМ-01', state: 'закрыт' } });
    b.gas.LockService.busy = true;
    expect(post({ cabinet: om.id })).toMatchObject({ ok: false, error: expect.stringMatching(/занят/), interrupted: true });
    b.gas.LockService.busy = false;
    expect(requestsOf(b, 'ОМ', LEADER).at(-1)).toMatchObject({ id: value.id, state: 'ожидает обработки' });
    // Free again: carried out now, answered with the request's own result; the cabinet shows it.
    expect(post({ cabinet: om.id })).toEqual({ ok: true, value: { done: 1, failed: 0, results: [{ id: value.id, state: 'выполнено', result: 'готово' }] } });
    expect(
      b.master
        .table(COURSES)
        .read()
        .find((c) => c.code === 'ОМ-01')?.enrolment,
    ).toBe('закрыт');
    expect(inCabinet(b, om, LEADER, 'getCabinet').value.courses.find((c: { code: string }) => c.code === 'ОМ-01').enrolment).toBe('закрыт');
    // A row where no request counts (the old shared sheet) is answered as refused, not silently left.
    b.gas.Session.runAs(LEADER);
    om.insertSheet(SHARED_REQUESTS.name)
      .getRange(1, 1, 2, 3)
      .setValues([
        ['Запрос', 'Состояние', 'Результат'],
        ['old', 'ожидает обработки', ''],
      ]);
    expect(post({ cabinet: om.id })).toEqual({ ok: true, value: { done: 0, failed: 1, results: [{ id: 'old', state: 'ошибка', result: REFUSED.shared }] } });
    // Nothing waits any more: a second ask does nothing; and a dozen runs a minute per cabinet is the limit.
    expect(post({ cabinet: om.id })).toEqual({ ok: true, value: { done: 0, failed: 0, results: [] } });
    for (let i = 0; i < 9; i++) post({ cabinet: om.id });
    expect(post({ cabinet: om.id })).toMatchObject({ ok: false, error: expect.stringMatching(/^Слишком много запросов/) });
    // A staff function called as a web-app visitor is refused (the page runs as the owner, not as the person asking).
    b.gas.Session.visitWebApp(OWNER, LEADER);
    expect(b.code.setEnrolment({ code: 'ОМ-01', state: 'открыт' })).toMatchObject({ ok: false });
  });

  it('the job refuses a course of another subdivision; a request the function would refuse is refused in the cabinet already', () => {
    const b = cabinetBank();
    inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'setEnrolment', args: { code: 'ФФ-01', state: 'открыт' } });
    fire(b, 'runJob_');
    expect(requestsOf(b, 'ОМ', LEADER).at(-1)).toMatchObject({ state: 'ошибка', result: expect.stringMatching(/не найден/) });
    expect(inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'formGroup', args: { code: 'ОМ-01', present: ['=HYPERLINK("x")'] } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Неверные данные/),
    });
    expect(inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'rolloverArchive', args: {} })).toMatchObject({ ok: false });
    expect(() => inCabinet(b, 'ОМ', 'nobody@gmail.com', 'getCabinet')).toThrow('You do not have permission');
  });

  it('a leaver’s request sheet closes with the cabinet: what they wrote before waits no more', () => {
    const b = cabinetBank();
    expect(inCabinet(b, 'ОМ', SPARE, 'submitRequest', { kind: 'setEnrolment', args: { code: 'ОМ-01', state: 'закрыт' } }).ok).toBe(true);
    expect(inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'revokeAccess', args: { email: SPARE } }).ok).toBe(true);
    fire(b, 'runJob_');
    const sheet = cabinetOf(b, 'ОМ').sheet(personalRequests(SPARE).name);
    expect(sheet.getProtections('SHEET')[0].editors).toEqual([OWNER]);
    // Carried out or refused, never left waiting: the head's revocation and the leaver's request were in the same run.
    expect(requestsOf(b, 'ОМ', SPARE)[0].state).not.toBe('ожидает обработки');
  });

  it('a head grants leaders of their own subdivision only, from the cabinet', () => {
    const b = cabinetBank();
    inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'grantAccess', args: { email: 'x@iro.perm.ru', role: 'leader', scope: 'ФФ', name: 'X' } });
    inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'grantAccess', args: { email: 'boss@iro.perm.ru', role: 'head', scope: 'ОМ', name: 'B' } });
    inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'revokeAccess', args: { email: OTHER } });
    inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'grantAccess', args: { email: 'y@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Y' } });
    fire(b, 'runJob_');
    const results = [...requestsOf(b, 'ОМ', HEAD), ...requestsOf(b, 'ОМ', LEADER)].map((r) => [r.state, r.result]);
    expect(results).toEqual([
      ['выполнено', 'готово'],
      ['ошибка', 'Вы можете добавлять только руководителей курсов своего подразделения.'],
      ['ошибка', 'Вы можете отзывать доступ только у руководителей курсов своего подразделения.'],
      ['ошибка', 'Это действие недоступно для вашей роли.'],
    ]);
    // The scope sent was ignored for a head: the new leader is ОМ's, and the cabinet opens for them at the same run.
    expect(
      b.master
        .table(ACCESS)
        .read()
        .find((a) => a.email === 'x@iro.perm.ru'),
    ).toMatchObject({ role: 'leader', scope: 'ОМ' });
    expect(cabinetOf(b, 'ОМ').editors).toContain('x@iro.perm.ru');
    expect(cabinetOf(b, 'ФФ').editors).not.toContain('x@iro.perm.ru');
  });

  it('the head revokes a leader in the cabinet: the job takes the cabinet away from them; an idle job opens no workbook', () => {
    const b = cabinetBank();
    expect(inCabinet(b, 'ОМ', HEAD, 'submitRequest', { kind: 'revokeAccess', args: { email: SPARE } }).ok).toBe(true);
    expect(cabinetOf(b, 'ОМ').editors).toContain(SPARE);
    fire(b, 'runJob_');
    expect([...cabinetOf(b, 'ОМ').editors].sort()).toEqual([HEAD, LEADER]);
    expect(() => inCabinet(b, 'ОМ', SPARE, 'getCabinet')).toThrow('You do not have permission');
    fire(b, 'runJob_'); // reads back its own writes once
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('SpreadsheetApp.openById')).toBe(0);
    expect(b.gas.calls.of('DriveApp.searchFiles')).toBe(2); // territory workbooks and cabinets: one query each
  });

  it('«Доступ» edited by hand takes effect: the owner’s edit trigger asks, the job’s next run takes the cabinet away', () => {
    const b = cabinetBank();
    expect(b.gas.ScriptApp.triggers.filter((t) => t.handler === 'onMasterEdit_')).toEqual([
      expect.objectContaining({ kind: 'ON_EDIT', source: b.ss.id, installer: OWNER }),
    ]);
    const pending = () => JSON.parse(b.gas.properties.store.get('EBPPK_PENDING_WORK') ?? '{}');
    // The sector unticks «Активен» of a leader on the sheet itself, not from a sidebar.
    const access = b.ss.sheet('Доступ');
    const rows = access.dump();
    const row = rows.findIndex((r) => r.includes(SPARE)) + 1;
    const col = (rows[0] as string[]).indexOf('Активен') + 1;
    access.cell(row, col).v = false;
    // An edit of another sheet asks for nothing; the edit of «Доступ» asks for the sharing check.
    fire(b, 'onMasterEdit_', { range: b.ss.sheet('Курсы').getRange(2, 1) });
    expect(pending().sharing).toBeUndefined();
    fire(b, 'onMasterEdit_', { range: access.getRange(row, col) });
    expect(pending().sharing).toBe(1);
    expect(cabinetOf(b, 'ОМ').editors).toContain(SPARE);
    fire(b, 'runJob_');
    expect([...cabinetOf(b, 'ОМ').editors].sort()).toEqual([HEAD, LEADER]);
    expect(() => inCabinet(b, 'ОМ', SPARE, 'getCabinet')).toThrow('You do not have permission');
    expect(pending().sharing).toBeUndefined();
    // A trigger that throws would be silent: a broken event is logged, never thrown.
    expect(() => fire(b, 'onMasterEdit_', { range: { getSheet: () => null } })).not.toThrow();
  });

  it('«Доступ» edited by hand takes effect the next day even if no edit trigger fired: the day’s first run compares every file', () => {
    const b = cabinetBank();
    const access = b.ss.sheet('Доступ');
    const rows = access.dump();
    access.cell(rows.findIndex((r) => r.includes(SPARE)) + 1, (rows[0] as string[]).indexOf('Активен') + 1).v = false;
    fire(b, 'runJob_'); // the same day: the day's check is done, nobody asked
    expect(cabinetOf(b, 'ОМ').editors).toContain(SPARE);
    b.gas.Clock.at += 24 * 3600_000;
    fire(b, 'runJob_');
    expect([...cabinetOf(b, 'ОМ').editors].sort()).toEqual([HEAD, LEADER]);
  });

  it('a new subdivision gets its cabinet, shared with its leader, at the job’s next run', () => {
    const b = cabinetBank();
    b.gas.Session.runAs(OWNER);
    expect(b.code.saveSubdivision({ code: 'НВ', name: 'Новый отдел' }).ok).toBe(true);
    expect(b.code.grantAccess({ email: 'nv@iro.perm.ru', role: 'leader', scope: 'НВ', name: 'Н. В.' }).ok).toBe(true);
    fire(b, 'runJob_');
    const nv = cabinetOf(b, 'НВ');
    expect(nv).toMatchObject({ name: 'ЕБППК — Новый отдел', owner: OWNER, editors: ['nv@iro.perm.ru'] });
    expect(inCabinet(b, nv, 'nv@iro.perm.ru', 'getCabinet')).toMatchObject({ ok: true, value: { subdivision: 'Новый отдел' } });
  });

  it('with 12 subdivisions and 43 territory workbooks, an idle job opens no workbook and no cabinet', () => {
    const b = templateBank('cabinets-12', () => {
      const b = cabinetBank();
      b.gas.Session.runAs(OWNER);
      b.master.table(SUBDIVISIONS).append(Array.from({ length: 10 }, (_, i) => ({ code: `П${i + 1}`, name: `Подразделение ${i + 1}` })));
      b.code.setupBank_();
      fire(b, 'runJob_');
      return b;
    });
    expect(
      b.master
        .table(CABINETS)
        .read()
        .filter((c) => c.spreadsheetId),
    ).toHaveLength(12);
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('SpreadsheetApp.openById')).toBe(0);
    expect(b.gas.calls.of('DriveApp.searchFiles')).toBe(2);
    expect(b.gas.calls.total()).toBeLessThanOrEqual(28);
  });
});

describe('migrating a bank set up before cabinets', () => {
  it('«Настроить банк» creates and fills the cabinets from the master; closing the master then loses nothing', () => {
    // The old deployment: leaders and heads are editors of the master, applications at the provider and in a group.
    const b = staffBank();
    b.gas.Session.runAs(OWNER);
    b.admit([1, 2, 3, 4].map((n) => anApplication(n, { stage: 'methodist', course: n <= 2 ? 'ОМ-01' : 'ОМ-02' })));
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    runAs(b, 'leader');
    b.gas.Clock.set(2026, 9, 5); // the first day
    expect(b.code.formGroup({ code: 'ОМ-01', present: ['2026-000001', '2026-000002'] }).ok).toBe(true);
    b.gas.Session.runAs(OWNER);
    const before = checkIntegrity(b.master, b.books);
    expect(before.problems).toEqual([]);
    const ledgerBefore = b.master.table(LEDGER).read();

    // The upgrade: the template, setup again, the job.
    const template = b.gas.SpreadsheetApp.add('ЕБППК — шаблон кабинета', OWNER);
    template.script = { id: 'script-template', build: 'cabinet' };
    b.master.table(SETTINGS).append([{ key: 'cabinetTemplateId', value: template.id }]);
    b.code.setupBank_();
    fire(b, 'runJob_');
    const course = (code: string) => inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code }).value;
    expect(
      course('ОМ-02')
        .provider.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual(['2026-000003', '2026-000004']);
    expect(
      course('ОМ-01')
        .groups.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual(['2026-000001', '2026-000002']);
    expect([course('ОМ-01').provider, course('ОМ-02').groups]).toEqual([[], []]);
    // Then the sector closes the master to everyone but the sector.
    b.gas.SpreadsheetApp.ui.answer = 'OK';
    b.gas.Session.runAs(OWNER);
    b.code.closeMasterSharing_();
    fire(b, 'runJob_');
    expect(b.ss.editors).toEqual([]);
    const after = checkIntegrity(b.master, b.books);
    expect(after).toEqual(before);
    expect(b.master.table(LEDGER).read()).toEqual(ledgerBefore);
  });
});
