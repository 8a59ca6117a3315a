// The demonstration bank of a first local run: built with the same use cases the product runs, deterministic.

import { cabinetPass, keepCabinetRequestSheets, refreshCabinets } from '../app/cabinet-sync';
import { isoDay } from '../core/dates';
import { CONSENT_CHOICE, courseLabel, POSITION_CHOICES } from '../core/intake/form-spec';
import { snilsChecksum } from '../core/intake/normalize';
import { processResponses } from '../core/intake/process-responses';
import { FORM_RESPONSES } from '../core/sheets/form-responses';
import { ACCESS, COURSES, GROUPS, LEDGER, SUBDIVISIONS, TERRITORIES } from '../core/sheets/master';
import type { Row } from '../core/sheets/spec';
import { DECISION, METHODIST_BANK } from '../core/sheets/territory';
import { ensureCabinets } from '../core/use-cases/cabinets';
import { archiveGroup, completeGroup } from '../core/use-cases/completion';
import { saveCourse, setEnrolment } from '../core/use-cases/courses';
import { formGroup, withdrawApplication } from '../core/use-cases/groups';
import { setupBank } from '../core/use-cases/setup-bank';
import { reconcileSharing } from '../core/use-cases/sharing';
import { syncTerritories } from '../core/use-cases/sync-territories';
import { ensureTerritoryBooks } from '../core/use-cases/territory-books';
import type { LocalBank } from './local-bank';

export const DEMO_USERS = [
  { email: 'sector@demo.local', role: 'sector', scope: '', name: 'Сотрудник сектора' },
  { email: 'head.om@demo.local', role: 'head', scope: 'ОМ', name: 'Начальник отдела методики' },
  { email: 'leader.om@demo.local', role: 'leader', scope: 'ОМ', name: 'Руководитель курсов (ОМ)' },
  { email: 'leader.co@demo.local', role: 'leader', scope: 'ЦО', name: 'Руководитель курсов (ЦО)' },
  { email: 'leader.do@demo.local', role: 'leader', scope: 'ДО', name: 'Руководитель курсов (ДО)' },
  { email: 'methodist.perm@demo.local', role: 'methodist', scope: 'perm', name: 'Методист (Пермь)' },
  { email: 'methodist.kungur@demo.local', role: 'methodist', scope: 'kungursky', name: 'Методист (Кунгур)' },
  { email: 'methodist.berezniki@demo.local', role: 'methodist', scope: 'berezniki', name: 'Методист (Березники)' },
  { email: 'methodist.chaykovsky@demo.local', role: 'methodist', scope: 'chaykovsky', name: 'Методист (Чайковский)' },
] as const;

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SURNAMES = [
  'Иванова',
  'Смирнова',
  'Кузнецова',
  'Попова',
  'Васильева',
  'Петрова',
  'Соколова',
  'Михайлова',
  'Новикова',
  'Федорова',
  'Морозова',
  'Волкова',
  'Алексеева',
  'Лебедева',
  'Семенова',
];
const MALE = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов'];
const FIRST_F = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана'];
const FIRST_M = ['Андрей', 'Сергей', 'Дмитрий', 'Алексей', 'Игорь'];
const PATRONYMIC_F = ['Александровна', 'Сергеевна', 'Владимировна', 'Николаевна', 'Петровна'];
const PATRONYMIC_M = ['Александрович', 'Сергеевич', 'Владимирович', 'Николаевич'];
const TERRITORIES_USED = ['perm', 'perm', 'perm', 'kungursky', 'berezniki', 'chaykovsky', 'solikamsky', 'krasnokamsky', 'lysvensky'];

const COURSE_SEED = [
  ['ОМ-01', 'Формирующее оценивание на уроке', 'ОМ', 36, 'очная', -3, 'открыт'],
  ['ОМ-02', 'Функциональная грамотность школьников', 'ОМ', 72, 'очно-заочная', 10, 'открыт'],
  ['ОМ-03', 'Проектная деятельность в основной школе', 'ОМ', 36, 'очная', 24, 'открыт'],
  ['ОМ-04', 'Наставничество в образовательной организации', 'ОМ', 24, 'заочная с ДОТ', 40, 'черновик'],
  ['ЦО-01', 'Цифровые инструменты учителя', 'ЦО', 36, 'заочная с ДОТ', -10, 'открыт'],
  ['ЦО-02', 'Информационная безопасность в школе', 'ЦО', 18, 'заочная с ДОТ', 17, 'открыт'],
  ['ЦО-03', 'Робототехника в дополнительном образовании', 'ЦО', 72, 'очная', 31, 'открыт'],
  ['ЦО-04', 'Искусственный интеллект в образовании', 'ЦО', 36, 'очно-заочная', 60, 'черновик'],
  ['ДО-01', 'ФОП дошкольного образования', 'ДО', 36, 'очная', 7, 'открыт'],
  ['ДО-02', 'Инклюзия в детском саду', 'ДО', 72, 'очно-заочная', 21, 'открыт'],
  ['ДО-03', 'Развивающая предметно-пространственная среда', 'ДО', 24, 'очная', -30, 'закрыт'],
  ['ДО-04', 'Ранняя профориентация дошкольников', 'ДО', 16, 'заочная с ДОТ', 45, 'закрыт'],
] as const;

const iso = isoDay;
const snils = (n: number): string => {
  const nine = String(2000000 + n * 7919)
    .padStart(9, '0')
    .slice(-9);
  const c = String(snilsChecksum(nine)).padStart(2, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${c}`;
};

export const seedDemo = (bank: LocalBank, today = bank.clock.now()): { applications: number } => {
  const random = rng(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  // The demo's own calendar: courses are made, enrolment opened and applications received 12 days ago (before any seeded
  // course began); groups are formed and completed today, as the course calendar allows.
  const at = (days: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + days, 10, 0).getTime();
  let time = at(-12);
  const clock = { now: () => new Date(time) };
  const r = setupBank({ master: bank.master, clock, actor: 'sector@demo.local', triggers: { ensure: () => [] }, triggerSpecs: [] });
  if (!r.ok) throw new Error(r.error);
  bank.master.ensure(FORM_RESPONSES);
  bank.master.table(SUBDIVISIONS).append([
    { code: 'ОМ', name: 'Отдел методики преподавания' },
    { code: 'ЦО', name: 'Центр цифрового образования' },
    { code: 'ДО', name: 'Отдел дошкольного образования' },
  ]);
  bank.master.table(ACCESS).replaceAll(DEMO_USERS.map((u) => ({ ...u, active: true })));
  ensureTerritoryBooks({ master: bank.master, books: bank.books, clock, actor: 'sector@demo.local', budgetMs: 1e9 });
  ensureCabinets({ master: bank.master, cabinets: bank.books, clock, actor: 'sector@demo.local', budgetMs: 1e9 });

  const sectorUser = { email: 'sector@demo.local', role: 'sector' as const, scope: '', name: '' };
  for (const [code, title, sub, hours, form, startsIn, state] of COURSE_SEED) {
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() + startsIn);
    const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + Math.max(2, Math.round(hours / 8) - 1));
    const quotas =
      code.endsWith('01') || code.endsWith('02')
        ? [
            { territory: 'perm', places: 12 },
            { territory: 'kungursky', places: 4 },
            { territory: 'berezniki', places: 4 },
          ]
        : [];
    const saved = saveCourse({ master: bank.master, clock }, sectorUser, {
      code,
      title,
      annotation: `Программа повышения квалификации «${title}».`,
      schedule: 'Пн–Пт, 10:00–16:30',
      hours,
      form,
      startDate: iso(start),
      endDate: iso(end),
      place: form === 'заочная с ДОТ' ? 'дистанционно' : 'Пермь, ул. Екатерининская, 210',
      audience: sub === 'ДО' ? 'воспитатели ДОО' : 'учителя',
      capacity: 25,
      subdivision: sub,
      leader: `leader.${sub === 'ОМ' ? 'om' : sub === 'ЦО' ? 'co' : 'do'}@demo.local`,
      quotas,
    });
    if (!saved.ok) throw new Error(`seed course ${code}: ${JSON.stringify(saved.error)}`);
    if (state !== 'черновик') setEnrolment({ master: bank.master, clock }, sectorUser, code, state === 'закрыт' ? 'открыт' : state);
  }

  // Applications through the Form's own path: a row in «Ответы формы», then processing.
  const courses = bank.master
    .table(COURSES)
    .read()
    .filter((c) => c.enrolment === 'открыт');
  const territories = new Map(
    bank.master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const raw: Array<Record<string, string>> = [];
  for (let n = 1; n <= 320; n++) {
    const male = random() < 0.15;
    const course = pick(courses);
    const t = pick(TERRITORIES_USED);
    raw.push({
      lastName: male ? pick(MALE) : pick(SURNAMES),
      firstName: male ? pick(FIRST_M) : pick(FIRST_F),
      middleName: male ? pick(PATRONYMIC_M) : pick(PATRONYMIC_F),
      email: `teacher${n}@school.example`,
      phone: `+7 902 ${String(1000000 + n * 37)
        .slice(-7)
        .replace(/(\d{3})(\d{2})(\d{2})/, '$1-$2-$3')}`,
      territory: territories.get(t) as string,
      organization: `${pick(['МАОУ «СОШ', 'МБОУ «Гимназия', 'МАДОУ «Детский сад', 'МБОУ «Лицей'])} № ${1 + Math.floor(random() * 150)}»`,
      position: String(course.subdivision) === 'ДО' ? 'воспитатель' : pick(POSITION_CHOICES),
      course: courseLabel(course),
      birthDate: iso(new Date(1965 + Math.floor(random() * 35), Math.floor(random() * 12), 1 + Math.floor(random() * 27))),
      sex: male ? 'мужской' : 'женский',
      snils: snils(n),
      educationLevel: random() < 0.85 ? 'высшее' : 'среднее профессиональное',
      diplomaLastName: '',
      consent: CONSENT_CHOICE,
    });
  }
  const responses = bank.master.table(FORM_RESPONSES);
  const deps = { master: bank.master, books: bank.books, clock, properties: bank.propertiesPort(), lock: bank.lock };
  const submit = (batch: Array<Record<string, string>>) => {
    const start = responses.count();
    responses.append(batch.map((x) => ({ submittedAt: clock.now(), ...x })));
    processResponses(
      deps,
      batch.map((x, i) => ({ responseId: String(start + i + 2), submittedAt: clock.now(), raw: x })),
    );
  };
  submit(raw);
  // Enrolment closed after applications came in for the «закрыт» courses.
  for (const [code, , , , , , state] of COURSE_SEED) if (state === 'закрыт') setEnrolment({ master: bank.master, clock }, sectorUser, code, 'закрыт');
  // A few responses the bank must quarantine.
  const hostile = [
    { ...raw[0], lastName: '=HYPERLINK("http://example.com","жми")', email: 'hostile@example.com', snils: snils(900) },
    { ...raw[1], snils: '123-456-789 00', email: 'typo@example.com' },
    { ...raw[2], course: 'ДО-03 — закрытый курс', email: 'late@example.com', snils: snils(901) },
  ];
  submit(hostile);

  // Methodists decide on most of their applications; the sync carries it out.
  for (const u of DEMO_USERS.filter((x) => x.role === 'methodist')) {
    const id = String(
      bank.master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === u.scope)?.workbookId,
    );
    const table = bank.books.open(id).table(METHODIST_BANK);
    const patches = new Map<string, Partial<Row>>();
    for (const row of table.read()) {
      const x = random();
      if (x < 0.62) patches.set(String(row.id), { decision: DECISION.send });
      else if (x < 0.7)
        patches.set(String(row.id), {
          decision: DECISION.reject,
          reason: pick(['нет педагогического стажа', 'курс не по профилю должности', 'заявка подана повторно']),
        });
      else if (x < 0.76) patches.set(String(row.id), { decision: DECISION.waitlist });
    }
    table.updateByIds(patches);
  }
  syncTerritories({ ...deps });
  syncTerritories({ ...deps });

  // Courses that have started: first-day attendance formed their groups (today, on or after their first day). A group's
  // number carries its course's first year, which on 1 January is last year's.
  time = at(0);
  const groups = new Map<string, string>();
  for (const code of ['ОМ-01', 'ЦО-01']) {
    const leader = {
      email: code.startsWith('ОМ') ? 'leader.om@demo.local' : 'leader.co@demo.local',
      role: 'leader' as const,
      scope: code.slice(0, 2),
      name: '',
    };
    const ids = waitingAtProvider(bank, code);
    if (ids.length > 1) withdrawApplication({ ...deps }, leader, ids[ids.length - 1], 'по заявлению слушателя');
    const present = ids.slice(0, Math.max(1, Math.floor((ids.length - 1) * 0.85)));
    const formed = present.length ? formGroup({ ...deps }, leader, code, present) : null;
    if (formed?.ok) groups.set(code, formed.value.group);
  }
  // ЦО-01 has finished: outcomes, certificate numbers, archive. ОМ-01's group is still studying.
  const co = { email: 'leader.co@demo.local', role: 'leader' as const, scope: 'ЦО', name: '' };
  const finished = groups.get('ЦО-01') ?? '';
  const members = bank.master
    .table(GROUPS)
    .read()
    .filter((g) => g.group === finished);
  if (members.length) {
    const outcomes = members.map((m, i) => ({
      id: String(m.id),
      outcome: (i === 1 ? 'expelled' : 'completed') as 'completed' | 'expelled',
      reason: i === 1 ? 'не прошёл итоговую аттестацию' : '',
    }));
    const done = completeGroup({ ...deps }, co, { group: finished, outcomes });
    if (done.ok) archiveGroup({ ...deps }, co, finished);
  }
  syncTerritories({ ...deps });
  // The cabinets as the owner's job leaves them: shared with their people, their sheets filled from the master.
  const owner = bank.app('банк');
  const pass = cabinetPass(owner);
  keepCabinetRequestSheets(owner, pass);
  reconcileSharing(owner);
  refreshCabinets(owner, pass);
  return { applications: raw.length + hostile.length };
};

const waitingAtProvider = (bank: LocalBank, course: string): string[] =>
  bank.master
    .table(LEDGER)
    .read()
    .filter((r) => r.course === course && r.stage === 'provider')
    .map((r) => String(r.id));
