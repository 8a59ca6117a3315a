// The duties of control (issue 17), each rule at its boundary: due on the day, overdue the day after, «this week» from
// seven days before; deadlines from «Настройки»; and the board built from them with one read per sheet.
import { COURSES, JOURNAL, LEDGER, SETTINGS } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { type ControlInput, controlBoard, dutyDays, dutyState, openDuties } from '../../src/core/use-cases/control';
import { CourseInput, saveCourse } from '../../src/core/use-cases/courses';
import { aCourse, anApplication, memoryBank } from '../builders';

const d = (m: number, day: number) => new Date(2026, m - 1, day, 10);
const input = (over: Partial<ControlInput>): ControlInput => ({
  courses: [],
  ledger: [],
  registry: [],
  settings: [{ key: 'statsRefreshedAt', value: d(12, 15).toISOString() }],
  ...over,
});
const keys = (i: ControlInput, today: Date) => openDuties(i, today).map((x) => `${x.key}:${x.state}`);

describe('duty rules', () => {
  it('states: due today is not late; the day after is overdue; seven days ahead is «this week», eight is later', () => {
    expect(dutyState(d(11, 30), d(11, 30))).toBe('week');
    expect(dutyState(d(11, 29), d(11, 30))).toBe('overdue');
    expect(dutyState(d(12, 7), d(11, 30))).toBe('week');
    expect(dutyState(d(12, 8), d(11, 30))).toBe('later');
  });

  it('publish: a draft or a course without annotation or schedule, due N (30) days before its start; done when published', () => {
    const course = aCourse('ОМ-05', { startDate: d(12, 30), endDate: d(12, 31), enrolment: 'черновик', annotation: 'A', schedule: 'S' });
    expect(keys(input({ courses: [course] }), d(11, 30))).toEqual(['publish:week']);
    expect(keys(input({ courses: [course] }), d(12, 1))).toEqual(['publish:overdue']);
    expect(keys(input({ courses: [{ ...course, enrolment: 'открыт' }] }), d(12, 1))).toEqual([]);
    expect(keys(input({ courses: [{ ...course, enrolment: 'открыт', schedule: '' }] }), d(12, 1))).toEqual(['publish:overdue']);
    // Once the course has started the duty is moot (the group and what follows are what count).
    expect(keys(input({ courses: [course] }), d(12, 31))).toEqual([]);
  });

  it('decide: the territory’s undecided applications, due N (5) days after the oldest arrived; «Настройки» changes N', () => {
    const ledger = [
      anApplication(1, { updatedAt: d(11, 20) }),
      anApplication(2, { updatedAt: d(11, 24) }),
      anApplication(3, { stage: 'waitlist', updatedAt: d(11, 1) }),
    ];
    const i = input({ courses: [aCourse('ОМ-01', { annotation: 'A', schedule: 'S' })], ledger });
    const [duty] = openDuties(i, d(11, 25));
    expect(duty).toMatchObject({ key: 'decide', owner: 'perm', territory: 'perm', count: 2, state: 'week', due: new Date(2026, 10, 25) });
    expect(keys(i, d(11, 26))).toEqual(['decide:overdue']);
    const longer = { ...i, settings: [...i.settings, { key: 'control.decideDays', value: '10' }] };
    expect(keys(longer, d(11, 30))).toEqual(['decide:week']);
    expect(dutyDays([{ key: 'control.decideDays', value: '-1' }]).decide).toBe(5);
  });

  it('form: applications at the provider and no group, due the first day; done once a group is registered', () => {
    const course = aCourse('ОМ-01', { annotation: 'A', schedule: 'S', startDate: d(10, 5), endDate: d(10, 9) });
    const ledger = [anApplication(1, { stage: 'provider' })];
    expect(keys(input({ courses: [course], ledger }), d(10, 5))).toEqual(['form:week']);
    expect(keys(input({ courses: [course], ledger }), d(10, 6))).toEqual(['form:overdue']);
    expect(keys(input({ courses: [course], ledger, registry: [{ group: 'ОМ-01-2026-01', course: 'ОМ-01', status: 'сформирована' }] }), d(10, 6))).toEqual([
      'complete:week',
    ]);
  });

  it('complete, documents, archive: N days (3, 5, 10) after the last day, by the group’s status', () => {
    const course = aCourse('ОМ-01', { annotation: 'A', schedule: 'S', startDate: d(10, 5), endDate: d(10, 9) });
    const group = { group: 'ОМ-01-2026-01', course: 'ОМ-01', size: 20 };
    const at = (g: Row, today: Date) => keys(input({ courses: [course], registry: [g] }), today);
    expect(at({ ...group, status: 'сформирована' }, d(10, 12))).toEqual(['complete:week']);
    expect(at({ ...group, status: 'сформирована' }, d(10, 13))).toEqual(['complete:overdue']);
    const completed = { ...group, status: 'обучение завершено', completedAt: d(10, 9) };
    expect(at(completed, d(10, 14))).toEqual(['documents:week', 'archive:week']);
    expect(at(completed, d(10, 15))).toEqual(['documents:overdue', 'archive:week']);
    expect(at({ ...completed, documentsState: 'выполнено: 7 документов', documents: 'https://x' }, d(10, 20))).toEqual(['archive:overdue']);
    expect(at({ ...completed, status: 'в архиве', documentsState: 'выполнено: 7', documents: 'https://x' }, d(10, 30))).toEqual([]);
  });

  it('statistics: the sector’s, due on the 5th for the month before, done when refreshed since the 1st', () => {
    expect(openDuties({ courses: [], ledger: [], registry: [], settings: [] }, d(12, 5)).map((x) => `${x.owner}:${x.state}`)).toEqual(['sector:week']);
    expect(openDuties({ courses: [], ledger: [], registry: [], settings: [] }, d(12, 6)).map((x) => x.state)).toEqual(['overdue']);
    expect(openDuties({ courses: [], ledger: [], registry: [], settings: [{ key: 'statsRefreshedAt', value: d(12, 2).toISOString() }] }, d(12, 6))).toEqual([]);
  });
});

describe('the board', () => {
  it('per leader: courses by state, overdue and this week’s duties, the last action; per course: stages by territory with methodists’ contacts', () => {
    const b = memoryBank({
      courses: [aCourse('ОМ-01', { annotation: 'A', schedule: 'S' }), aCourse('ОМ-02', { enrolment: 'черновик', startDate: d(12, 20), endDate: d(12, 22) })],
      access: [
        { email: 'lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Лидия Руководитель', active: true },
        { email: 'head@iro.perm.ru', role: 'head', scope: 'ОМ', name: 'Начальник', active: true },
        { email: 'm1@perm.edu.ru', role: 'methodist', scope: 'perm', name: 'Методист Перми', active: true, phone: '+7 342 000-00-01' },
      ],
    });
    b.master
      .table(LEDGER)
      .append([anApplication(1, { stage: 'provider' }), anApplication(2, { updatedAt: d(11, 20) }), anApplication(3, { territory: 'kungursky' })]);
    b.master
      .table(JOURNAL)
      .append([{ at: d(11, 28), actor: 'lead@iro.perm.ru', action: 'курс изменён', applicationId: '', from: '', to: '', reason: 'ОМ-01' }]);
    b.master.table(SETTINGS).append([{ key: 'statsRefreshedAt', value: d(11, 1).toISOString() }]);
    const board = controlBoard(b.master, 'ОМ', d(11, 30));
    const lead = board.leaders.find((l) => l.email === 'lead@iro.perm.ru');
    expect(lead).toMatchObject({ name: 'Лидия Руководитель', courses: { завершён: 1, черновик: 1 }, lastAction: '28.11.2026: курс изменён' });
    // ОМ-02 should have been published by 20.11 (30 days before 20.12); ОМ-01's group by its first day, 05.10.
    expect(lead).toMatchObject({ overdue: 2, week: 0 });
    expect(board.leaders.find((l) => l.email === 'head@iro.perm.ru')).toMatchObject({ overdue: 0, lastAction: '' });
    const om1 = board.courses.find((c) => c.code === 'ОМ-01');
    expect(om1?.territories.map((t) => t.name)).toEqual(['Кунгурский муниципальный округ', 'Пермский городской округ']);
    expect(om1?.territories[1]).toMatchObject({
      counts: { 'в копилке поставщика': 1, 'в копилке методиста': 1 },
      methodists: [{ email: 'm1@perm.edu.ru', phone: '+7 342 000-00-01' }],
    });
    expect(board.duties.map((x) => `${x.title}|${x.ownerName}|${x.state}`)).toContain('Решение по заявкам|методисты: Пермский городской округ|просрочено');
  });
});

describe('course ownership', () => {
  const input = (leader: string) =>
    CourseInput.parse({
      code: 'ОМ-10',
      title: 'Проектная деятельность',
      hours: 36,
      form: 'очная',
      startDate: '2026-12-07',
      endDate: '2026-12-11',
      capacity: 30,
      subdivision: 'ОМ',
      leader,
    });
  const access = [
    { email: 'lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Лидия', active: true },
    { email: 'gone@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Ушла', active: false },
    { email: 'lead.ff@iro.perm.ru', role: 'leader', scope: 'ФФ', name: 'Другой отдел', active: true },
  ];
  const sector = { email: 'owner@iro.perm.ru', role: 'sector' as const, scope: '', name: '' };
  const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

  const leaderOf = (b: ReturnType<typeof memoryBank>) =>
    b.master
      .table(COURSES)
      .read()
      .find((c) => c.code === 'ОМ-10')?.leader;

  it('is an active leader or head of the course’s subdivision on «Доступ»; a leader creating a course leads it', () => {
    const b = memoryBank({ access });
    const save = (user: typeof sector | typeof leader, l: string) => saveCourse({ master: b.master, clock: b.clock }, user, input(l));
    expect(save(sector, 'gone@iro.perm.ru')).toEqual({
      ok: false,
      error: { leader: 'Руководитель: gone@iro.perm.ru — не руководитель курсов подразделения ОМ на листе «Доступ»' },
    });
    expect(save(sector, 'lead.ff@iro.perm.ru').ok).toBe(false);
    expect(save(sector, 'LEAD@iro.perm.ru').ok).toBe(true);
    expect(leaderOf(b)).toBe('lead@iro.perm.ru');
    expect(save(sector, '').ok).toBe(true); // the sector may leave it unassigned: the boards say so
    expect(save(leader, '').ok).toBe(true);
    expect(leaderOf(b)).toBe('lead@iro.perm.ru');
  });
});
