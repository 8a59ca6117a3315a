// The leader's whole job in the cabinet (DESIGN §8), through both built scripts on the permission-enforcing fakes: course
// cards with quotas, learner corrections, ФИС ФРДО and period statistics for the subdivision, the subdivision's
// registration book — each asked in the cabinet and carried out at once by the web app.

import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { CABINET_REACHES, CABINET_REQUEST_FUNCTIONS } from '../../src/app/cabinet-requests';
import * as staff from '../../src/app/rpc-staff';
import { CABINET_PERIOD_STATS, personalRequests } from '../../src/core/sheets/cabinet';
import { COURSES, GROUPS, LEDGER, PROVIDER_BANK, QUOTAS } from '../../src/core/sheets/master';
import { cabinetMirror, refreshCabinet } from '../../src/core/use-cases/cabinets';
import { aCourse, anApplication } from '../builders';
import { decideAll, fire, type GasBank, OWNER } from './bank-fixture';
import { cabinetBank, cabinetOf, HEAD, inCabinet, LEADER } from './cabinet-fixture';
import { formAnswers } from './form-answers';

/**
 * Asks in the cabinet as `who`, then the web app carries it out at once: the cabinet's answer and the web app's. The web
 * app refreshes only the sheets the request can change: a full refresh after it must find nothing left to write.
 */
const now = (b: GasBank, who: string, kind: string, args: unknown, by: 'web app' | 'job' = 'web app') => {
  const asked = inCabinet(b, 'ОМ', who, 'submitRequest', { kind, args });
  if (!asked.ok) return { asked, result: null };
  let result: { id: string; state: string; result: string } | undefined;
  if (by === 'job') {
    fire(b, 'runJob_');
    const row = requestsOf(b, who).find((r) => r.id === asked.value.id);
    result = row && { id: String(row.id), state: String(row.state), result: String(row.result) };
  } else {
    b.gas.Session.visitWebApp(OWNER, '');
    const answer = JSON.parse(b.code.doPost({ parameter: { cabinet: cabinetOf(b, 'ОМ').id } }).getContent());
    result = answer.value.results.find((r: { id: string }) => r.id === asked.value.id);
  }
  b.gas.Session.runAs(OWNER);
  expect(refreshCabinet(new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never), cabinetMirror(b.master, 'ОМ'))).toBe(0);
  return { asked, result };
};

const view = (b: GasBank, who = LEADER) => inCabinet(b, 'ОМ', who, 'getCabinet').value;
const requestsOf = (b: GasBank, email: string) => new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never).table(personalRequests(email)).read();

/** The cabinet bank with a group of three formed on ОМ-01 (05.10.2026) from the cabinet (and `absent` more «не явился»). */
const withGroup = (absent = 0): { b: GasBank; ids: string[] } => {
  const b = cabinetBank();
  const form = [...b.gas.FormApp.forms.values()][0];
  for (let n = 1; n <= 3 + absent; n++) fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form, formAnswers(n, 'ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)')));
  fire(b, 'runJob_');
  decideAll(b, 'Направить поставщику');
  fire(b, 'runJob_');
  b.gas.Clock.set(2026, 9, 5);
  const ids: string[] = inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-01' }).value.provider.map((r: { id: string }) => r.id);
  expect(now(b, LEADER, 'formGroup', { code: 'ОМ-01', present: ids.slice(0, 3) }).result).toMatchObject({ state: 'выполнено' });
  return { b, ids };
};

describe('the leader’s whole job in the cabinet', () => {
  it('every function a course leader has among the staff functions is reachable from the cabinet', () => {
    const leaders = Object.entries(staff)
      .filter(([, f]) => typeof f === 'function' && f.roles !== 'any' && f.roles.includes('leader'))
      .map(([name]) => name)
      .sort();
    expect(Object.keys(CABINET_REACHES).sort()).toEqual(leaders);
    // Each is reached by a request the cabinet can make, or read from the cabinet's own sheets.
    for (const [fn, how] of Object.entries(CABINET_REACHES)) {
      if (how === 'view') expect(fn).toMatch(/^get/);
      else expect(Object.keys(CABINET_REQUEST_FUNCTIONS)).toContain(how);
    }
  });

  it('a leader creates and edits a course with its quotas; mistakes are answered beside their fields, at once or by the bank', () => {
    const b = cabinetBank();
    const territory = view(b).territories.find((t: { name: string }) => t.name === 'Пермский городской округ');
    expect(territory).toBeDefined();
    const card = {
      code: 'ОМ-05',
      title: 'Новый курс методики',
      annotation: 'Аннотация',
      schedule: 'пн–пт, 10:00',
      hours: 36,
      form: 'очная',
      startDate: '2026-12-14',
      endDate: '2026-12-18',
      place: 'ИРО ПК, ауд. 5',
      audience: 'учителя',
      capacity: 25,
      subdivision: '',
      leader: '',
      quotas: [{ territory: territory.code, places: 10 }],
    };
    // What the card itself shows is refused before anything is written, beside its field.
    const before = requestsOf(b, LEADER).length;
    expect(now(b, LEADER, 'saveCourse', { ...card, endDate: '2026-12-01' }).asked).toMatchObject({
      ok: false,
      fields: { endDate: expect.stringMatching(/раньше/) },
    });
    expect(now(b, LEADER, 'saveCourse', { ...card, hours: 2 }).asked).toMatchObject({ ok: false, fields: { hours: expect.stringMatching(/16/) } });
    expect(now(b, LEADER, 'saveCourse', { ...card, quotas: [{ territory: 'nowhere', places: 1 }] }).asked).toMatchObject({
      ok: false,
      fields: { quotas: expect.any(String) },
    });
    expect(requestsOf(b, LEADER)).toHaveLength(before);

    // Created at once: the master holds it for the subdivision, led by the leader, with the quota; the cabinet shows it.
    expect(now(b, LEADER, 'saveCourse', card).result).toEqual({ id: expect.any(String), state: 'выполнено', result: 'курс ОМ-05 создан' });
    expect(
      b.master
        .table(COURSES)
        .read()
        .find((c) => c.code === 'ОМ-05'),
    ).toMatchObject({ subdivision: 'ОМ', leader: LEADER, place: 'ИРО ПК, ауд. 5', enrolment: 'черновик' });
    expect(
      b.master
        .table(QUOTAS)
        .read()
        .filter((q) => q.course === 'ОМ-05'),
    ).toEqual([expect.objectContaining({ territory: territory.code, places: 10 })]);
    const shown = view(b).cards.find((c: { code: string }) => c.code === 'ОМ-05');
    expect(shown).toEqual({ ...card, subdivision: 'ОМ', leader: LEADER });

    // Edited: title and quota change; the request reads in words.
    expect(
      now(b, LEADER, 'saveCourse', { ...shown, title: 'Курс методики, 2-й поток', quotas: [{ territory: territory.code, places: 12 }] }).result,
    ).toMatchObject({
      state: 'выполнено',
      result: 'курс ОМ-05 сохранён',
    });
    expect(view(b).cards.find((c: { code: string }) => c.code === 'ОМ-05')).toMatchObject({
      title: 'Курс методики, 2-й поток',
      quotas: [{ territory: territory.code, places: 12 }],
    });
    expect(requestsOf(b, LEADER).at(-1)).toMatchObject({ action: 'Сохранить курс', about: 'курс ОМ-05: Курс методики, 2-й поток', state: 'выполнено' });

    // What only the bank knows (the code is another subdivision's) comes back from the web app beside the field.
    b.gas.Session.runAs(OWNER);
    b.master.table(COURSES).append([aCourse('ФФ-01', { subdivision: 'ФФ' })]);
    expect(now(b, LEADER, 'saveCourse', { ...card, code: 'ФФ-01' }).result).toMatchObject({
      state: 'ошибка',
      fields: { code: 'Курс с этим шифром принадлежит другому подразделению' },
    });
    // The head sees the courses but does not edit them (the bank's roles, checked by the job).
    expect(now(b, HEAD, 'saveCourse', { ...card, code: 'ОМ-06' }).result).toMatchObject({
      state: 'ошибка',
      result: expect.stringMatching(/недоступно для вашей роли/),
    });
  });

  it('a leader corrects a learner’s name, e-mail, organisation and position; СНИЛС and the birth date stay with the sector, even typed on their own sheet', () => {
    const { b, ids } = withGroup();
    const id = ids[0];
    expect(now(b, LEADER, 'correctLearner', { id, email: 'not-an-email' }).asked).toMatchObject({
      ok: false,
      fields: { email: expect.stringMatching(/^Эл. почта/) },
    });
    expect(now(b, LEADER, 'correctLearner', { id, diplomaLastName: '=HYPERLINK("x")' }).asked).toMatchObject({
      ok: false,
      fields: { diplomaLastName: expect.stringMatching(/^Фамилия в дипломе/) },
    });
    // A course's people asked for with nonsense: refused in Russian, nothing read.
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 5 })).toEqual({ ok: false, error: 'Неверные данные' });
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-01', extra: 1 })).toEqual({ ok: false, error: 'Неверные данные' });
    expect(
      now(b, LEADER, 'correctLearner', { id, lastName: 'петрова-водкина', email: 'New@Mail.RU', organization: 'МАОУ СОШ № 9', position: 'завуч' }).result,
    ).toMatchObject({
      state: 'выполнено',
      result: `данные слушателя исправлены (заявка ${id})`,
    });
    for (const table of [GROUPS, LEDGER])
      expect(b.master.table(table).find('id', [id])[0]?.row).toMatchObject({
        lastName: 'Петрова-Водкина',
        email: 'new@mail.ru',
        organization: 'МАОУ СОШ № 9',
        position: 'завуч',
      });
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-01' }).value.groups.find((g: { id: string }) => g.id === id)).toMatchObject({
      lastName: 'Петрова-Водкина',
      email: 'new@mail.ru',
    });
    expect(requestsOf(b, LEADER).at(-1)).toMatchObject({ about: `заявка ${id}: фамилия, эл. почта, организация, должность` });

    // СНИЛС cannot be asked from the cabinet: refused by the cabinet's schema…
    expect(inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'correctLearner', args: { id, snils: '112-233-445 95' } })).toMatchObject({ ok: false });
    // …and typed by hand on the leader's own sheet (they can write it), the job refuses it the same way.
    const snils = b.master.table(GROUPS).find('id', [id])[0]?.row.snils;
    b.gas.Session.runAs(LEADER);
    new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never).table(personalRequests(LEADER)).append([
      {
        id: 'typed',
        at: new Date(2026, 9, 5),
        action: '',
        about: '',
        state: 'ожидает обработки',
        result: '',
        data: JSON.stringify({ kind: 'correctLearner', args: { id, snils: '112-233-445 95' } }),
      },
    ]);
    fire(b, 'runJob_');
    expect(requestsOf(b, LEADER).find((r) => r.id === 'typed')).toMatchObject({ state: 'ошибка', result: expect.stringMatching(/^Неверные данные/) });
    expect(b.master.table(GROUPS).find('id', [id])[0]?.row.snils).toBe(snils);
  });

  it('ФИС ФРДО for the subdivision is a file in its documents folder, read by its people; the registration book there is the subdivision’s own', () => {
    const { b, ids } = withGroup();
    b.gas.Clock.set(2026, 9, 9, 16);
    now(b, LEADER, 'completeGroup', { group: 'ОМ-01-2026-01', outcomes: ids.map((id) => ({ id, outcome: 'completed', reason: '' })) });
    // Documents first (the registration book is the subdivision's, in its folder), then the archive ФИС ФРДО reads.
    now(b, LEADER, 'generateDocuments', { group: 'ОМ-01-2026-01' });
    fire(b, 'runJob_');
    now(b, LEADER, 'archiveGroup', { group: 'ОМ-01-2026-01' });
    const { result } = now(b, LEADER, 'exportFrdoFile', { from: '2026-01-01', to: '2026-12-31' });
    expect(result).toMatchObject({
      state: 'выполнено',
      result: expect.stringMatching(/^файл «ФИС ФРДО 01\.01\.2026–31\.12\.2026»: строк 3 — https:\/\/drive/),
    });
    const folder = b.gas.DriveApp.root.path('ЕБППК', '2026', 'ОМ');
    expect(folder?.viewers).toEqual(expect.arrayContaining([LEADER, HEAD]));
    const file = folder?.files.find((f) => f.name === 'ФИС ФРДО 01.01.2026–31.12.2026.csv' && !f.trashed);
    expect(file?.owner).toBe(OWNER);
    const lines = String(file?.content)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).join('\n')).toMatch(/000-000-001 00/);
    // The cabinet itself still holds no СНИЛС.
    expect(JSON.stringify(cabinetOf(b, 'ОМ').sheets.map((s) => s.dump()))).not.toMatch(/000-000-00\d/);
    // Exported again: replaced, never two versions.
    now(b, LEADER, 'exportFrdoFile', { from: '2026-01-01', to: '2026-12-31' });
    expect(folder?.files.filter((f) => f.name === file?.name && !f.trashed)).toHaveLength(1);

    const book = folder?.files.find((f) => f.name.startsWith('Книга регистрации') && !f.trashed);
    expect(book?.viewers).toContain(LEADER);
    expect(book?.content).toMatch(/2026\/00001/);
    expect(b.gas.DriveApp.root.path('ЕБППК', '2026')?.files.filter((f) => !f.trashed)).toEqual([]);
    expect(String(view(b).registry[0].documents)).toMatch(/^Книга регистрации выданных удостоверений: /m);
  });

  it('every other request the cabinet makes leaves it as current as a full refresh would, though the web app and the job rewrite only what they changed', () => {
    const { b, ids } = withGroup(1);
    const late = ids[3];
    const steps: Array<[string, string, unknown, RegExp]> = [
      [LEADER, 'setEnrolment', { code: 'ОМ-01', state: 'закрыт' }, /^готово$/],
      [LEADER, 'undoMark', { id: late, reason: 'опоздала' }, /возвращена в «Копилку поставщика»/],
      [LEADER, 'withdrawApplication', { id: late, reason: 'по заявлению' }, /^готово$/],
      [LEADER, 'undoMark', { id: late, reason: 'передумала' }, /возвращена в «Копилку поставщика»/],
      [LEADER, 'addLateArrivals', { code: 'ОМ-01', group: 'ОМ-01-2026-01', ids: [late] }, /зачислено 1/],
      [HEAD, 'grantAccess', { email: 'new.lead@iro.perm.ru', role: 'leader', scope: '', name: 'Новый' }, /^готово$/],
      [HEAD, 'revokeAccess', { email: 'new.lead@iro.perm.ru' }, /^готово$/],
    ];
    // Alternately by the web app and by the job (which refreshes what its run changed, not every sheet).
    steps.forEach(([who, kind, args, result], i) =>
      expect(now(b, who, kind, args, i % 2 ? 'job' : 'web app').result).toMatchObject({ state: 'выполнено', result: expect.stringMatching(result) }),
    );
    expect(inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-01' }).value.groups.map((g: { id: string }) => g.id)).toContain(late);
  });

  it('carrying one request costs the same calls with 60 or 600 applications in the subdivision, by the web app (and the same cells) or the job: only what it changed is refreshed', () => {
    const cost = (n: number, by: 'web app' | 'job') => {
      const b = cabinetBank();
      b.gas.Session.runAs(OWNER);
      const apps = Array.from({ length: n }, (_, i) =>
        anApplication(5000 + i, { course: 'ОМ-02', stage: i % 2 ? 'provider' : 'group', group: i % 2 ? '' : 'ОМ-02-2026-01', personKey: `p${i}` }),
      );
      b.master.table(LEDGER).append(apps);
      b.master.table(PROVIDER_BANK).append(apps.filter((a) => a.stage === 'provider'));
      b.master.table(GROUPS).append(apps.filter((a) => a.stage === 'group'));
      // The next day's first run counts the stages again and mirrors the applications into the cabinet.
      b.gas.Clock.set(2026, 8, 2);
      fire(b, 'runJob_');
      b.gas.Clock.set(2026, 8, 2, 10, 5);
      fire(b, 'runJob_');
      b.gas.Clock.set(2026, 8, 2, 10, 10);
      expect(inCabinet(b, 'ОМ', LEADER, 'getCabinetCourse', { code: 'ОМ-02' }).value.provider).toHaveLength(n / 2);
      const asked = inCabinet(b, 'ОМ', LEADER, 'submitRequest', { kind: 'setEnrolment', args: { code: 'ОМ-01', state: 'закрыт' } });
      const cells = () => [...b.gas.SpreadsheetApp.files.values()].reduce((sum, f) => sum + f.sheets.reduce((m, s) => m + s.cellsRead, 0), 0);
      const before = cells();
      b.gas.calls.reset();
      if (by === 'job') fire(b, 'runJob_');
      else {
        b.gas.Session.visitWebApp(OWNER, '');
        b.code.doPost({ parameter: { cabinet: cabinetOf(b, 'ОМ').id } });
      }
      const calls = b.gas.calls.snapshot();
      const read = cells() - before;
      expect(requestsOf(b, LEADER).find((r) => r.id === asked.value.id)).toMatchObject({ state: 'выполнено' });
      // The course list the cabinet shows follows, whichever carried it.
      expect(view(b).courses.find((c: { code: string }) => c.code === 'ОМ-01').enrolment).toBe('закрыт');
      return { calls, read };
    };
    // The web app: the same calls and the same cells (only the course list is rewritten).
    const small = cost(60, 'web app');
    const large = cost(600, 'web app');
    expect(large.calls).toEqual(small.calls);
    expect(large.read).toBe(small.read);
    // The job: the same calls. Its cells grow, but not in the cabinets: an enrolment change marks every territory for the
    // sync, which rebuilds their mirrors from the ledger (the territories' design, not the cabinet's).
    const job = [cost(60, 'job'), cost(600, 'job')];
    expect(job[1].calls).toEqual(job[0].calls);
  });

  it('statistics for a period of the leader’s choice: the sector’s report for the subdivision, kept in the cabinet for the sidebar', () => {
    // Four sent on: three in the group, the fourth back at the provider after «не явился» and then withdrawn there —
    // still «направлено».
    const { b, ids } = withGroup(1);
    now(b, LEADER, 'undoMark', { id: ids[3], reason: 'опоздала' });
    now(b, LEADER, 'withdrawApplication', { id: ids[3], reason: 'по заявлению' });
    const { result } = now(b, LEADER, 'getStatistics', { from: '2026-01-01', to: '2026-12-31' });
    expect(result).toMatchObject({ state: 'выполнено', result: 'за 01.01.2026–31.12.2026: подано 4, зачислено 3, завершили 0 — лист «Статистика за период»' });
    const { periodStats } = view(b);
    expect(periodStats.asked).toMatch(new RegExp(`^${LEADER}, 05\\.10\\.2026`));
    expect(periodStats.figures).toMatchObject({
      period: '01.01.2026–31.12.2026',
      subdivision: 'ОМ',
      totals: { submitted: 4, grouped: 3, completed: 0 },
      funnel: [expect.objectContaining({ course: 'ОМ-01', submitted: 4, sent: 4, grouped: 3 })],
    });
    // The sheet reads as it stands: one figure a row, in words.
    const rows = new SpreadsheetWorkbook(cabinetOf(b, 'ОМ') as never).table(CABINET_PERIOD_STATS).read();
    expect(rows).toContainEqual(expect.objectContaining({ section: 'Воронка по курсам', item: 'ОМ-01', measure: 'подано заявок', value: '4' }));
    expect(rows).toContainEqual(expect.objectContaining({ section: 'Воронка по курсам', item: 'ОМ-01', measure: 'направлено поставщику', value: '4' }));
    // The head may ask too (the bank's statistics are every staff member's); the other subdivision is never in it.
    expect(now(b, HEAD, 'getStatistics', { from: '2026-01-01', to: '2026-12-31' }).result).toMatchObject({ state: 'выполнено' });
    expect(JSON.stringify(view(b).periodStats)).not.toMatch(/ФФ-01/);
  });
});
