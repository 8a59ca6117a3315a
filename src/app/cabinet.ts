// The cabinet script's server functions, platform-neutral: they run as the leader or head who clicked, on the cabinet
// spreadsheet alone (its manifest allows nothing else). Reads come from the cabinet's sheets; an action is written as a
// request on the person's own protected sheet «Запросы — <почта>» (with what can take effect at once — attendance
// marks), which the owner's job carries out (cabinet-requests.ts) and answers there.

import { isoDay } from '../core/dates';
import type { Clock, Workbook } from '../core/ports';
import {
  CABINET_CONTROL,
  CABINET_COURSE_TERRITORIES,
  CABINET_COURSES,
  CABINET_GROUPS,
  CABINET_INFO,
  CABINET_PEOPLE,
  CABINET_PERIOD_STATS,
  CABINET_PROVIDER,
  CABINET_QUOTAS,
  CABINET_REGISTRY,
  CABINET_STATS,
  CABINET_TERRITORIES,
  personalRequests,
  REQUEST_STATE,
} from '../core/sheets/cabinet';
import type { Row } from '../core/sheets/spec';
import { recordInfo, WEB_APP_KEY } from '../core/use-cases/cabinets';
import { type Board, courseState, DUTY_STATE_LABELS } from '../core/use-cases/control';
import type { CourseInput } from '../core/use-cases/courses';
import { JOB_EVERY_MINUTES } from '../core/use-cases/owner-work';
import { type Figures, figuresOf } from '../core/use-cases/statistics';
import * as z from '../core/zod';
import { attendanceAllowed, precheck } from './cabinet-checks';
import { CABINET_REQUEST_FUNCTIONS, type CabinetRequestKind, describeRequest, REQUEST_LABELS } from './cabinet-requests';
import { errorText } from './errors';
import type { RpcResult } from './rpc';

/** What the cabinet sidebar shows: everything in one read per sheet. Dates as strings (google.script.run). */
export interface CabinetView {
  readonly subdivision: string;
  readonly me: { readonly email: string; readonly role: string; readonly name: string };
  readonly courses: Array<Record<string, string | number | boolean>>;
  readonly registry: Array<Record<string, string | number | boolean>>;
  readonly requests: Array<Record<string, string | number | boolean>>;
  readonly stats: Array<Record<string, string | number | boolean>>;
  readonly people: Array<Record<string, string | number | boolean>>;
  /** The territories a course's quota can go to. */
  readonly territories: Array<{ readonly code: string; readonly name: string }>;
  /** Each course's card as «Изменить курс» fills it in (dates as the local day, quotas by territory code). */
  readonly cards: CourseInput[];
  /** The last report someone asked for («Статистика за период»), or null. */
  readonly periodStats: { readonly figures: Figures; readonly asked: string } | null;
  readonly everyMinutes: number;
  /** Where the sidebar asks for its requests to be carried out at once (the master's web app), or null. */
  readonly runNow: { readonly url: string; readonly cabinet: string } | null;
  /** The control board (issue 17) as the cabinet's sheets hold it: the head's view; leaders see their course's territories. */
  readonly board: Board;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** A course's applications by stage: the sum over its territories. */
const withStages = (c: Board['courses'][number]): Board['courses'][number] => {
  const stages: Record<string, number> = {};
  for (const t of c.territories) for (const [k, n] of Object.entries(t.counts)) stages[k] = (stages[k] ?? 0) + n;
  return { ...c, stages };
};

/**
 * The board from the cabinet's own sheets («Контроль», «Курсы и территории», «Курсы подразделения», «Сотрудники»), which
 * the owner's job writes from the master: the cabinet script can read nothing else.
 */
export const cabinetBoard = (book: Workbook, people: readonly Row[], today: Date): Board => {
  const courses = book.table(CABINET_COURSES).read();
  const duties = book.table(CABINET_CONTROL).read();
  const lines = book.table(CABINET_COURSE_TERRITORIES).read();
  const byOwner = (email: string, state: string) => duties.filter((d) => str(d.owner) === email && str(d.state) === state).length;
  const parsePeople = (s: string) =>
    s
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => {
        const [name = '', email = '', phone = ''] = x.split(',').map((y) => y.trim());
        return { email, name, role: 'methodist', scope: '', phone };
      });
  return {
    today: isoDay(today),
    leaders: people.map((p) => {
      const own = courses.filter((c) => str(c.leader).toLowerCase() === str(p.email));
      const states: Record<string, number> = {};
      own.forEach((c) => {
        const st = courseState(c, today);
        states[st] = (states[st] ?? 0) + 1;
      });
      return {
        email: str(p.email),
        name: str(p.name),
        role: str(p.role),
        courses: states,
        overdue: byOwner(str(p.email), DUTY_STATE_LABELS.overdue),
        week: byOwner(str(p.email), DUTY_STATE_LABELS.week),
        lastAction: str(p.lastAction),
      };
    }),
    courses: courses.map((c) =>
      withStages({
        code: str(c.code),
        title: str(c.title),
        leader: str(c.leader),
        leaderName: str(people.find((p) => str(p.email) === str(c.leader).toLowerCase())?.name),
        subdivision: '',
        dates: str(c.dates),
        enrolment: str(c.enrolment),
        state: courseState(c, today),
        stages: {},
        territories: lines
          .filter((l) => l.course === c.code)
          .map((l) => ({
            code: str(l.territory),
            name: str(l.territory),
            counts: Object.fromEntries(
              str(l.counts)
                .split(',')
                .map((x) => x.split(':').map((y) => y.trim()))
                .filter((x) => x.length === 2)
                .map(([k, v]) => [k, Number(v)]),
            ),
            methodists: parsePeople(str(l.methodists)),
          })),
      }),
    ),
    duties: duties.map((d) => ({
      title: str(d.title),
      owner: str(d.owner),
      ownerName: str(d.ownerName),
      subdivision: '',
      course: str(d.course),
      group: str(d.group),
      territory: str(d.territory),
      count: Number(d.count) || 0,
      due: str(d.due),
      state: str(d.state),
      late: Number(d.late) || 0,
    })),
    subdivisions: [],
    territories: [],
  };
};

const plainBoard = (b: Board): Board => JSON.parse(JSON.stringify(b)) as Board;

const plain = (rows: readonly Row[]) =>
  rows.map(
    (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as Record<string, string | number | boolean>,
  );

/** The person's own requests, newest first, as words (never the bank's data column). */
const ownRequests = (book: Workbook, email: string) => {
  const spec = personalRequests(email);
  if (!book.has(spec)) return [];
  return plain(
    book
      .table(spec)
      .tail(50)
      .reverse()
      .map((r) => ({ id: r.id, at: r.at, action: r.action, about: r.about, state: r.state, result: r.result })),
  );
};

/** The person has no request sheet yet: the owner's job makes it when it opens the cabinet to them. */
const NO_SHEET = `Ваш лист запросов ещё не готов: банк создаёт его, когда открывает вам кабинет (не позже чем через ${JOB_EVERY_MINUTES} минут). Повторите позже.`;

const NOT_HERE = 'Вас нет среди сотрудников этого кабинета. Попросите начальника отдела или сектор ИРО ПК выдать доступ.';

/** The caller as the cabinet knows them (from «Сотрудники», which the owner's job keeps equal to «Доступ»). */
const member = (book: Workbook, email: string) => {
  const e = email.trim().toLowerCase();
  return e
    ? book
        .table(CABINET_PEOPLE)
        .read()
        .find((p) => String(p.email) === e)
    : undefined;
};

const day = (v: unknown): string => (v instanceof Date ? isoDay(v) : '');

/** The cards of the subdivision's courses, from «Курсы подразделения» and «Квоты курсов». */
const courseCards = (book: Workbook, subdivision: string): CourseInput[] => {
  const quotas = book.table(CABINET_QUOTAS).read();
  return book
    .table(CABINET_COURSES)
    .read()
    .map((c) => ({
      code: str(c.code),
      title: str(c.title),
      annotation: str(c.annotation),
      schedule: str(c.schedule),
      hours: Number(c.hours) || 0,
      form: str(c.form),
      startDate: day(c.startDate),
      endDate: day(c.endDate),
      place: str(c.place),
      audience: str(c.audience),
      capacity: Number(c.capacity) || 0,
      subdivision,
      leader: str(c.leader),
      quotas: quotas.filter((q) => q.course === c.code).map((q) => ({ territory: str(q.territoryCode), places: Number(q.places) || 0 })),
    }));
};

export const getCabinet = (book: Workbook, email: string, clock: Clock): RpcResult<CabinetView> => {
  try {
    const people = book.table(CABINET_PEOPLE).read();
    const e = email.trim().toLowerCase();
    const me = e ? people.find((p) => String(p.email) === e) : undefined;
    if (!me) return { ok: false, error: NOT_HERE };
    const info = new Map(
      book
        .table(CABINET_INFO)
        .read()
        .map((i) => [String(i.key), String(i.value)]),
    );
    return {
      ok: true,
      value: {
        subdivision: info.get('subdivisionName') || info.get('subdivision') || '',
        me: { email: String(me.email), role: String(me.role), name: String(me.name) },
        courses: plain(book.table(CABINET_COURSES).read()),
        registry: plain(book.table(CABINET_REGISTRY).read()),
        requests: ownRequests(book, e),
        stats: plain(book.table(CABINET_STATS).read()),
        people: plain(people),
        territories: book
          .table(CABINET_TERRITORIES)
          .read()
          .map((t) => ({ code: String(t.code), name: String(t.name) })),
        periodStats: figuresOf(book.table(CABINET_PERIOD_STATS).read()),
        cards: courseCards(book, info.get('subdivision') ?? ''),
        everyMinutes: JOB_EVERY_MINUTES,
        runNow: info.get(WEB_APP_KEY) ? { url: String(info.get(WEB_APP_KEY)), cabinet: book.id } : null,
        board: plainBoard(cabinetBoard(book, people, clock.now())),
      },
    };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

/** One course's people, loaded when the course is opened: its applications at the provider and its groups' learners. */
export interface CabinetCourse {
  readonly provider: Array<Record<string, string | number | boolean>>;
  readonly groups: Array<Record<string, string | number | boolean>>;
}

const CourseCode = z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(40)) });

/**
 * The course's rows of «Копилка поставщика» and «Группы»: the course column read, then the course's rows by position
 * (one read per run: both sheets keep a course's rows together) — the cabinet opens without its people, whatever the
 * subdivision's size.
 */
export const getCabinetCourse = (book: Workbook, email: string, raw: unknown): RpcResult<CabinetCourse> => {
  try {
    if (!member(book, email)) return { ok: false, error: NOT_HERE };
    const input = CourseCode.safeParse(raw);
    if (!input.success) return { ok: false, error: 'Неверные данные' };
    const ofCourse = (spec: typeof CABINET_PROVIDER | typeof CABINET_GROUPS) => {
      const table = book.table(spec);
      const at = table
        .readKeys(['course'])
        .filter((f) => f.row.course === input.data.code)
        .map((f) => f.index);
      return plain(table.readAt(at).map((f) => f.row));
    };
    return { ok: true, value: { provider: ofCourse(CABINET_PROVIDER), groups: ofCourse(CABINET_GROUPS) } };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

const Kind = z.enum(Object.keys(CABINET_REQUEST_FUNCTIONS) as [CabinetRequestKind, ...CabinetRequestKind[]]);
export const RequestInput = z.strictObject({ kind: Kind, args: z.record(z.string(), z.unknown()) });

/**
 * «Сформировать группу», «Завершить обучение», … from the cabinet: the arguments are checked by the very schema the job
 * will use, then written as a request. What can take effect at once does: attendance marks for a group's formation.
 */
export const submitRequest = (book: Workbook, email: string, clock: Clock, raw: unknown): RpcResult<{ id: string; state: string }> => {
  try {
    const me = member(book, email);
    if (!me) return { ok: false, error: NOT_HERE };
    const input = RequestInput.safeParse(raw);
    if (!input.success) return { ok: false, error: `Неверные данные: ${input.error.issues.map((i) => i.message).join('; ')}` };
    const { kind, args } = input.data;
    const checked = CABINET_REQUEST_FUNCTIONS[kind].args.safeParse(args);
    if (!checked.success) return { ok: false, error: `Неверные данные: ${checked.error.issues.map((i) => `${i.path.join('.')} — ${i.message}`).join('; ')}` };
    const now = clock.now();
    const refused = precheck(book, kind, checked.data as Record<string, unknown>, now, String(me.email));
    if (refused) return refused;
    const mine = personalRequests(String(me.email));
    if (!book.has(mine)) return { ok: false, error: NO_SHEET };
    if (kind === 'formGroup' || kind === 'addLateArrivals') markPresent(book, args as { present?: string[]; ids?: string[] });
    const id = `${now.getTime().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    const a = checked.data as Record<string, unknown>;
    // Written on the person's own protected sheet, as the person: a sheet nobody else can write is what proves who asked.
    book.table(mine).append([
      {
        id,
        at: now,
        action: REQUEST_LABELS[kind],
        about: describeRequest(kind, a),
        state: REQUEST_STATE.waiting,
        result: '',
        data: JSON.stringify({ kind, args }),
      },
    ]);
    return {
      ok: true,
      value: { id, state: `${REQUEST_STATE.waiting}: выполнится при следующем запуске фонового задания банка (не позже чем через ${JOB_EVERY_MINUTES} минут)` },
    };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

const AttendanceInput = z.strictObject({
  code: z.string().check(z.minLength(1), z.maxLength(40)),
  present: z.array(z.string().check(z.maxLength(20))).check(z.maxLength(2000)),
});

/** Attendance marks are the cabinet's own: they take effect at once and the job keeps them. */
export const saveAttendance = (book: Workbook, email: string, clock: Clock, raw: unknown): RpcResult<{ marked: number }> => {
  try {
    if (!member(book, email)) return { ok: false, error: NOT_HERE };
    const input = AttendanceInput.safeParse(raw);
    if (!input.success) return { ok: false, error: 'Неверные данные' };
    const early = attendanceAllowed(book, input.data.code, clock.now());
    if (early) return early;
    return { ok: true, value: { marked: markPresent(book, { present: input.data.present }, input.data.code) } };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

/** Marks the listed applications present; with `course`, also unmarks that course's others. Returns how many are marked. */
const markPresent = (book: Workbook, a: { present?: string[]; ids?: string[] }, course?: string): number => {
  const ids = new Set([...(a.present ?? []), ...(a.ids ?? [])]);
  const table = book.table(CABINET_PROVIDER);
  const patches = new Map<string, Partial<Row>>();
  for (const r of table.read()) {
    const mine = course !== undefined && r.course === course;
    const want = ids.has(String(r.id)) || (!mine && r.present === true);
    if (want !== (r.present === true)) patches.set(String(r.id), { present: want });
  }
  table.updateByIds(patches);
  return [...ids].length;
};

/** The cabinet's onOpen records which script it carries, for the owner's «Кабинеты» (read by the job). */
export const recordScript = (book: Workbook, scriptId: string, version: string): void => recordInfo(book, { scriptId, version });
