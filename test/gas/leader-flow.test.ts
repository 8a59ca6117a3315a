import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { ARCHIVE, COURSES, GROUPS, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { HISTORY } from '../../src/core/sheets/territory';
import { recountStages } from '../../src/core/use-cases/stage-counts';
import { anApplication } from '../builders';
import { cellsRead, decideAll, fire } from './bank-fixture';
import { formAnswers } from './form-answers';
import { callAs, courseInput, staffBank } from './staff-fixture';

const answers = (n: number) => formAnswers(n, 'ОМ-10 — Проектная деятельность в школе (07.12.2026–11.12.2026)');

describe('a course leader’s journey through build/Code.js', () => {
  it('creates and publishes a course, sees applications arrive, marks attendance and forms the group', () => {
    const b = staffBank();
    const form = [...b.gas.FormApp.forms.values()][0];
    // Create: server-side validation answers per field, in Russian.
    const bad = callAs(b, 'leader', 'saveCourse', courseInput({ hours: 4, endDate: '2026-12-01', title: '' }));
    expect(bad).toMatchObject({
      ok: false,
      fields: { hours: 'Объём не меньше 16 часов', title: 'Укажите название курса', endDate: 'Дата окончания раньше даты начала' },
    });
    const saved = callAs(b, 'leader', 'saveCourse', courseInput());
    expect(saved).toMatchObject({ ok: true, value: { code: 'ОМ-10', created: true } });
    // The refreshed course list comes back with the change: the sidebar needs no second execution.
    expect(saved.value.view.courses.map((c: { code: string }) => c.code)).toContain('ОМ-10');
    expect(form.item('Курс').choices).not.toContain('ОМ-10 — Проектная деятельность в школе (07.12.2026–11.12.2026)');
    // Publish: the leader cannot open the owner's Form, so the owner's job rewrites its course list (one write).
    expect(callAs(b, 'leader', 'setEnrolment', { code: 'ОМ-10', state: 'открыт' }).ok).toBe(true);
    expect(b.ss.toasts.at(-1)).toMatch(/Список курсов в форме обновится при следующем запуске фонового задания/);
    expect(form.item('Курс').choices).not.toContain('ОМ-10 — Проектная деятельность в школе (07.12.2026–11.12.2026)');
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('Item.setChoiceValues')).toBe(1);
    expect(form.item('Курс').choices).toContain('ОМ-10 — Проектная деятельность в школе (07.12.2026–11.12.2026)');
    // The list's description carries each open course's card (issue 16): place, schedule, annotation.
    expect(b.gas.calls.of('Item.setHelpText')).toBe(1);
    expect(form.item('Курс').help).toContain(
      `ОМ-10 — Проектная деятельность в школе (07.12.2026–11.12.2026)\nМесто: ${courseInput().place}\nРасписание: ${courseInput().schedule}`,
    );
    b.gas.calls.reset();
    fire(b, 'runJob_'); // done once, not again
    expect(b.gas.calls.of('Item.setChoiceValues')).toBe(0);
    // Teachers apply; the methodist sends everyone; the job carries it out.
    b.gas.SpreadsheetApp.uiAvailable = false;
    for (let n = 1; n <= 4; n++) fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form, answers(n)));
    let overview = callAs(b, 'leader', 'getLeaderOverview', {}).value.courses.find((c: { code: string }) => c.code === 'ОМ-10');
    expect(overview.atMethodists).toEqual([
      // Issue 17: the territory's methodists to call about the course.
      {
        territory: 'Пермский городской округ',
        count: 4,
        waitlist: 0,
        quota: 10,
        used: 0,
        methodists: [{ email: 'm1@perm.edu.ru', name: 'Методист Перми', phone: '' }],
      },
    ]);
    fire(b, 'runJob_');
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    overview = callAs(b, 'leader', 'getLeaderOverview', {}).value.courses.find((c: { code: string }) => c.code === 'ОМ-10');
    expect(overview).toMatchObject({ atProvider: 4, atMethodists: [{ count: 0, used: 4, quota: 10 }] });
    // First day: three present, one absent.
    const att = callAs(b, 'leader', 'getAttendance', { code: 'ОМ-10' }).value;
    expect(att.rows).toHaveLength(4);
    const present = att.rows.slice(0, 3).map((r: { id: string }) => r.id);
    const absent = att.rows[3].id;
    b.gas.Clock.set(2026, 11, 7); // the course's first day
    const formed = callAs(b, 'leader', 'formGroup', { code: 'ОМ-10', present });
    expect(formed).toMatchObject({ ok: true, value: { group: 'ОМ-10-2026-01', enrolled: 3, absent: 1, refused: [] } });
    expect(formed.value.view).toMatchObject({ rows: [], groups: [{ group: 'ОМ-10-2026-01', size: 3, status: 'сформирована' }] });
    expect(b.master.table(PROVIDER_BANK).ids()).toEqual([]);
    expect(
      b.master
        .table(GROUPS)
        .read()
        .map((g) => [g.group, g.id]),
    ).toEqual(present.map((id: string) => ['ОМ-10-2026-01', id]));
    expect(b.master.table(ARCHIVE).read()).toEqual([expect.objectContaining({ id: absent, outcome: 'absent' })]);
    // The territory's «История» mirrors it at the next job.
    fire(b, 'runJob_');
    const history = new SpreadsheetWorkbook(b.book('perm') as never).table(HISTORY).read();
    expect(history.filter((h) => h.stage === 'в группе').map((h) => h.group)).toEqual(['ОМ-10-2026-01', 'ОМ-10-2026-01', 'ОМ-10-2026-01']);
    expect(history.filter((h) => h.stage === 'не явился').map((h) => h.id)).toEqual([absent]);
  });

  it('adds a late arrival to a formed group and records a withdrawal before formation', () => {
    const b = staffBank();
    b.admit([1, 2, 3, 4].map((n) => anApplication(n, { stage: 'methodist' })));
    // Move them to the provider as the sync would.
    b.book('perm').sheet('Копилка методиста');
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    const withdrawn = callAs(b, 'leader', 'withdrawApplication', { id: '2026-000004', reason: 'болезнь' });
    expect(withdrawn).toMatchObject({ ok: true, value: { id: '2026-000004', course: 'ОМ-01' } });
    expect(withdrawn.value.view.rows.map((r: { id: string }) => r.id)).not.toContain('2026-000004');
    b.gas.Clock.set(2026, 9, 5); // ОМ-01's first day
    expect(callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: ['2026-000001', '2026-000002'] }).value).toMatchObject({
      group: 'ОМ-01-2026-01',
      enrolled: 2,
      absent: 1,
    });
    // A second group of the same course gets the next number; a late arrival joins the first.
    const stages = () =>
      Object.fromEntries(
        b.master
          .table(LEDGER)
          .read()
          .map((r) => [r.id, [r.stage, r.group]]),
      );
    expect(stages()).toEqual({
      '2026-000001': ['group', 'ОМ-01-2026-01'],
      '2026-000002': ['group', 'ОМ-01-2026-01'],
      '2026-000003': ['absent', ''],
      '2026-000004': ['withdrawn', ''],
    });
    // A late arrival: sent on after the group was formed, added to it.
    b.admit([anApplication(5)]);
    fire(b, 'runJob_'); // the day's first run closes the started course's enrolment…
    expect(
      b.master
        .table(COURSES)
        .read()
        .find((c) => c.code === 'ОМ-01')?.enrolment,
    ).toBe('закрыт');
    // …and the leader reopens it for a late arrival (until the job's check tomorrow).
    expect(callAs(b, 'leader', 'setEnrolment', { code: 'ОМ-01', state: 'открыт' }).ok).toBe(true);
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    expect(callAs(b, 'leader', 'addLateArrivals', { code: 'ОМ-01', group: 'ОМ-01-2026-01', ids: ['2026-000005'] }).value).toMatchObject({ enrolled: 1 });
    expect(
      b.master
        .table(GROUPS)
        .read()
        .filter((g) => g.group === 'ОМ-01-2026-01')
        .map((g) => g.id),
    ).toEqual(['2026-000001', '2026-000002', '2026-000005']);
    expect(callAs(b, 'leader', 'addLateArrivals', { code: 'ОМ-01', group: 'ОМ-01-2026-07', ids: ['2026-000003'] })).toEqual({
      ok: false,
      error: 'Группы ОМ-01-2026-07 у курса ОМ-01 нет.',
    });
    expect(callAs(b, 'leader', 'withdrawApplication', { id: '2026-000001', reason: '' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Отозвать здесь можно только заявку из «Копилки поставщика»/),
    });
    // The Form, the job, the methodist's decisions and the leader's sidebar through build/Code.js kept «Счётчики»: the
    // recount finds nothing to mend.
    expect(recountStages(b.master)).toBe(false);
  });

  it('refuses a late arrival the group has no room for (the course’s capacity), whoever asks', () => {
    const b = staffBank();
    b.master.table(COURSES).updateByIds(new Map([['ОМ-01', { capacity: 2 }]]));
    b.admit([1, 2, 3].map((n) => anApplication(n, { stage: 'methodist' })));
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    b.gas.Clock.set(2026, 9, 5);
    expect(callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present: ['2026-000001', '2026-000002'] }).value).toMatchObject({ enrolled: 2 });
    b.admit([anApplication(4)]);
    fire(b, 'runJob_'); // closes the started course's enrolment; the leader reopens it for a late arrival
    expect(callAs(b, 'leader', 'setEnrolment', { code: 'ОМ-01', state: 'открыт' }).ok).toBe(true);
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    expect(callAs(b, 'leader', 'addLateArrivals', { code: 'ОМ-01', group: 'ОМ-01-2026-01', ids: ['2026-000004'] })).toEqual({
      ok: false,
      error: 'В группе ОМ-01-2026-01 не хватает мест: вместимость курса 2, в группе 2 — мест нет.',
    });
    expect(
      b.master
        .table(GROUPS)
        .read()
        .map((g) => g.id),
    ).toEqual(['2026-000001', '2026-000002']);
  });

  it('forming a 30-person group costs the same calls with 1,000 and 20,000 rows in «Копилка поставщика»', () => {
    const cost = (size: number) => {
      const b = staffBank();
      // The provider's piggy bank as the sync leaves it: sorted by course, so a course's rows are contiguous.
      const apps = Array.from({ length: size }, (_, i) => anApplication(i + 1, { course: i < 40 ? 'ОМ-01' : 'ОМ-02', stage: 'provider' }));
      b.master.table(LEDGER).append(apps);
      b.master.table(PROVIDER_BANK).append(apps);
      b.master.table(PROVIDER_BANK).sortBy(['course', 'id']);
      recountStages(b.master); // rows written around the bank: counted as the day's first run of the job does
      b.gas.Clock.set(2026, 9, 5);
      b.gas.calls.reset();
      b.gas.Sheets.batches.length = 0;
      const before = cellsRead(b);
      const present = apps.slice(0, 30).map((a) => String(a.id));
      const r = callAs(b, 'leader', 'formGroup', { code: 'ОМ-01', present });
      expect(r.value).toMatchObject({ enrolled: 30, absent: 10 });
      // The letters, «Группы», «Архив» (the absent) and «Журнал», with the ledger's update and «Счётчики», in one request
      // (then «Реестр групп»); no setValues.
      expect(b.gas.Sheets.batches).toEqual([['appendCells', 'appendCells', 'appendCells', 'appendCells', 'updateCells', 'updateCells'], ['appendCells']]);
      expect(b.gas.calls.of('Range.setValues')).toBe(0);
      return { calls: b.gas.calls.snapshot(), cells: cellsRead(b) - before };
    };
    const small = cost(1000);
    const large = cost(20000);
    expect(large.calls).toEqual(small.calls);
    expect(small.calls['Sheet.deleteRows']).toBe(1);
    // The course's 40 rows are looked up, not the 20,000 read (issue 19): the same cells either way.
    expect(large.cells).toBe(small.cells);
    expect(small.cells).toBeLessThan(5000);
  }, 60000);

  it('a sector member who does not own the workbooks grants and revokes; the owner’s job shares and unshares', () => {
    const b = staffBank();
    // A second sector member: an editor of the master, not of any territory workbook (the owner's files).
    const second = 'sector2@iro.perm.ru';
    expect(callAs(b, 'sector', 'grantAccess', { email: second, role: 'sector', scope: '', name: 'Сектор-2' }).ok).toBe(true);
    // Until the owner's job runs, the new sector member can neither open the master nor change «Доступ».
    b.gas.Session.runAs(second);
    expect(() => b.gas.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission');
    fire(b, 'runJob_');
    expect(b.ss.editors).toContain(second);
    expect(b.ss.sheet('Доступ').protections[0].editors).toContain(second);
    b.gas.Session.runAs(second);
    const granted = b.code.grantAccess({ email: 'new.m@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Новый методист' });
    expect(granted).toEqual({ ok: true, value: { email: 'new.m@perm.edu.ru', view: expect.anything() } });
    expect(b.ss.toasts.at(-1)).toMatch(/откроются ему при следующем запуске фонового задания/);
    expect(b.book('perm').editors).toEqual(['m1@perm.edu.ru']); // nothing shared as the clicker, and no error
    fire(b, 'runJob_');
    expect(b.book('perm').editors).toEqual(['m1@perm.edu.ru', 'new.m@perm.edu.ru']);
    b.gas.Session.runAs(second);
    expect(b.code.revokeAccess({ email: 'm1@perm.edu.ru' }).ok).toBe(true);
    expect(b.book('perm').editors).toEqual(['m1@perm.edu.ru', 'new.m@perm.edu.ru']);
    fire(b, 'runJob_');
    expect(b.book('perm').editors).toEqual(['new.m@perm.edu.ru']);
    // Nothing left to do: the next run opens no workbook for sharing.
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.of('SpreadsheetApp.openById')).toBe(0);
    const journal = b.ss
      .sheet('Журнал')
      .dump()
      .map((r) => r[2]);
    expect(journal).toEqual(expect.arrayContaining(['доступ выдан', 'доступ отозван']));
  });

  it('opens the sidebar of the caller’s role, and «Справка» for anyone else', () => {
    const b = staffBank();
    b.gas.Session.email = 'lead@iro.perm.ru';
    b.code.showLeader_();
    b.gas.Session.email = 'lead@iro.perm.ru';
    b.code.showSector_();
    expect(b.gas.SpreadsheetApp.ui.sidebars.map((s) => s.title)).toEqual(['Руководитель курсов', 'ЕБППК — справка']);
    b.gas.SpreadsheetApp.ui.menus = [];
    b.code.onOpen({});
    expect(b.gas.SpreadsheetApp.ui.menus[0].items.map((i) => i[0])).toEqual(['Руководитель курсов', 'Повторить обработку «На проверке»', 'Справка']);
  });
});
