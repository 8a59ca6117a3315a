// Courses of a subdivision: create and edit (with territory quotas), open and close enrolment, live counts.

import { isoDay } from '../dates';
import { Course, ENROLMENT_STATES } from '../domain/course';
import { courseDateRule } from '../domain/lifecycle';
import type { Clock, Lock, Properties, Table, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ACCESS, COURSES, GROUP_REGISTRY, QUOTAS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import * as z from '../zod';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { markDayDone, type Pending, requestOwnerWork } from './owner-work';
import { QuotaBook } from './quotas';
import { loadCounts } from './stage-counts';

/** A course as the sidebar sends it: dates as ISO strings (google.script.run rejects Date), quotas by territory code. */
const optionalText = () => z._default(z.string(), '');

export const CourseInput = z.strictObject({
  code: z.string(),
  title: z.string(),
  annotation: optionalText(),
  schedule: optionalText(),
  hours: z.coerce.number('Объём часов — число'),
  form: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: optionalText(),
  audience: optionalText(),
  capacity: z.coerce.number('Вместимость — число'),
  subdivision: optionalText(),
  leader: optionalText(),
  quotas: z._default(z.array(z.object({ territory: z.string(), places: z.coerce.number() })).check(z.maxLength(100)), []),
});
export type CourseInput = z.infer<typeof CourseInput>;

const isoDate = (s: string): Date | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
};

/** The subdivision a user's course work is limited to; null means every subdivision (the sector). */
export const courseScope = (user: CurrentUser): string | null => (user.role === 'sector' ? null : user.scope);

export const inScope = (user: CurrentUser, course: Row | undefined): boolean =>
  !!course && (courseScope(user) === null || course.subdivision === courseScope(user));

export type FieldErrors = Record<string, string>;

export interface CourseDeps {
  readonly master: Workbook;
  readonly clock: Clock;
}

/**
 * The course as saved, and what is wrong with it that the input alone shows (the card's fields, quotas given to a
 * territory not in `territories`): the same check for the bank and for a cabinet before it asks.
 */
export const checkCourse = (
  user: CurrentUser,
  input: CourseInput,
  territories: ReadonlySet<string>,
): { course: Course | null; subdivision: string; leader: string; errors: FieldErrors } => {
  const subdivision = courseScope(user) ?? input.subdivision.trim();
  // A leader or head creating a course leads it unless they name someone; the sector names someone or nobody.
  const leader = input.leader || (user.role === 'sector' ? '' : user.email);
  const parsed = Course.safeParse({ ...input, subdivision, startDate: isoDate(input.startDate), endDate: isoDate(input.endDate), leader });
  const errors: FieldErrors = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'code')] ??= i.message;
  input.quotas.forEach((q) => {
    if (!territories.has(q.territory)) errors.quotas ??= `Квоты: территории «${q.territory}» нет в банке`;
    else if (!Number.isInteger(q.places) || q.places < 0) errors.quotas ??= 'Квоты: целое неотрицательное число мест';
  });
  return { course: parsed.success ? parsed.data : null, subdivision, leader: leader.trim().toLowerCase(), errors };
};

export const saveCourse = (deps: CourseDeps, user: CurrentUser, input: CourseInput): Result<{ code: string; created: boolean }, FieldErrors> => {
  const { course: checked, subdivision, leader, errors } = checkCourse(user, input, new Set(deps.master.table(TERRITORIES).ids()));
  const courses = deps.master.table(COURSES);
  const existing = courses.read().find((c) => c.code === input.code.trim());
  if (existing && !inScope(user, existing)) errors.code = 'Курс с этим шифром принадлежит другому подразделению';
  // Issue 17: the course's leader is a real person — an active leader or head of its subdivision on «Доступ» (the
  // sector may leave it empty: «руководитель не назначен» shows on the boards until it is set).
  if (leader && !canLead(deps.master.table(ACCESS).read(), leader, subdivision))
    errors.leader = `Руководитель: ${leader} — не руководитель курсов подразделения ${subdivision || '—'} на листе «Доступ»`;
  if (!checked || Object.keys(errors).length) return err(errors);
  const course = checked;
  const row: Row = { ...course, enrolment: existing ? String(existing.enrolment) : course.enrolment };
  if (existing) courses.updateByIds(new Map([[course.code, row]]));
  else courses.append([row]);
  replaceQuotas(deps.master.table(QUOTAS), course.code, input.quotas);
  note(deps, user, existing ? 'курс изменён' : 'курс создан', course.code);
  return ok({ code: course.code, created: !existing });
};

/** Whether `email` is an active leader or head of `subdivision` on «Доступ». */
export const canLead = (access: readonly Row[], email: string, subdivision: string): boolean =>
  access.some(
    (a) => a.active === true && String(a.email).trim().toLowerCase() === email && (a.role === 'leader' || a.role === 'head') && a.scope === subdivision,
  );

/** A course's quotas are replaced as a whole: one read and one write of «Квоты». */
const replaceQuotas = (quotas: Table, course: string, items: CourseInput['quotas']): void => {
  const others = quotas.read().filter((q) => q.course !== course);
  quotas.replaceAll([...others, ...items.map((q) => ({ course, territory: q.territory, places: q.places }))]);
};

const note = (deps: CourseDeps, user: CurrentUser, action: string, reason: string): void =>
  journal(deps.master, { at: deps.clock.now(), actor: user.email, action, reason });

export const EnrolmentInput = z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(40)), state: z.enum(ENROLMENT_STATES) });

export const setEnrolment = (
  deps: CourseDeps,
  user: CurrentUser,
  code: string,
  state: (typeof ENROLMENT_STATES)[number],
): Result<{ changed: boolean }, string> => {
  const courses = deps.master.table(COURSES);
  const course = courses.read().find((c) => c.code === code);
  if (!inScope(user, course)) return err('Курс не найден в вашем подразделении.');
  if ((course as Row).enrolment === state) return ok({ changed: false });
  courses.updateByIds(new Map([[code, { enrolment: state }]]));
  note(deps, user, `запись: ${state}`, code);
  return ok({ changed: true });
};

/**
 * The job, once a day: enrolment of every course that has started closes by itself (its first day, local time), journaled,
 * and the owner's Form is asked to drop it from its list. `seen` is the owner's-work property the job read anyway, which
 * also remembers the day: an idle run costs nothing more.
 */
export const closeStartedEnrolment = (deps: CourseDeps & { readonly properties: Properties; readonly lock: Lock }, seen: Pending): string[] => {
  const now = deps.clock.now();
  const today = isoDay(now);
  if (seen.day === today) return [];
  const closed = deps.lock.withLock(() => {
    const courses = deps.master.table(COURSES);
    const started = courses.read().filter((c) => c.enrolment === 'открыт' && !courseDateRule('started', c, now).ok);
    if (started.length) {
      courses.updateByIds(new Map(started.map((c) => [String(c.code), { enrolment: 'закрыт' }])));
      journal(deps.master, {
        at: now,
        actor: 'банк',
        action: 'запись закрыта: курс начался',
        reason: started.map((c) => String(c.code)).join(', '),
      });
      requestOwnerWork(deps.properties, 'form');
    }
    return started.map((c) => String(c.code));
  });
  markDayDone(deps.properties, today);
  return closed;
};

export interface CourseSummary {
  readonly code: string;
  readonly title: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly hours: number;
  readonly form: string;
  readonly capacity: number;
  readonly enrolment: string;
  readonly subdivision: string;
  /** In methodists' piggy banks (including waitlists), by territory name. */
  readonly atMethodists: Array<{
    territory: string;
    count: number;
    waitlist: number;
    quota: number | null;
    used: number;
    /** Issue 17: whom to call about it — the territory's active methodists. */
    methodists: Array<{ name: string; email: string; phone: string }>;
  }>;
  readonly atProvider: number;
  readonly inGroups: number;
  readonly groups: string[];
  readonly quotaTotal: number | null;
  /** Said before the course's capacity is exceeded (issue 16); '' while it is not in sight. */
  readonly capacityWarning: string;
}

/**
 * The warning leaders see beside a course: more sent than places (some will not fit the group), or quotas that still
 * allow more than the places left.
 */
export const capacityWarning = (capacity: number, taken: number, quotaRoom: number): string => {
  if (!(capacity > 0)) return '';
  if (taken > capacity) return `Направлено ${taken} при вместимости ${capacity}: в группу войдут не больше ${capacity}.`;
  if (taken === capacity) return `Мест больше нет: направлено ${taken} из ${capacity}.`;
  if (taken + quotaRoom > capacity)
    return `Квоты позволяют направить ещё ${quotaRoom}, а свободных мест ${capacity - taken}: уменьшите квоты или предупредите методистов.`;
  return '';
};

const iso = (v: unknown): string => (v instanceof Date ? isoDay(v) : '');

/**
 * The leader's course list with live counts: one read each of «Курсы», «Квоты», «Счётчики», «Территории», «Доступ»
 * and «Реестр групп» — none of «Реестр заявок» while the counts are true (issue 19).
 */
export const courseOverview = (master: Workbook, user: CurrentUser): CourseSummary[] => {
  const courses = master
    .table(COURSES)
    .read()
    .filter((c) => inScope(user, c));
  const quotaRows = master.table(QUOTAS).read();
  const counts = loadCounts(master, false);
  const names = new Map(
    master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const quotas = new QuotaBook(quotaRows, counts);
  const groupsOf = new Map<string, string[]>();
  for (const g of master.table(GROUP_REGISTRY).read()) groupsOf.set(String(g.course), [...(groupsOf.get(String(g.course)) ?? []), String(g.group)]);
  const methodists = new Map<string, Array<{ name: string; email: string; phone: string }>>();
  for (const a of master.table(ACCESS).read())
    if (a.active === true && a.role === 'methodist')
      methodists.set(String(a.scope), [
        ...(methodists.get(String(a.scope)) ?? []),
        { name: String(a.name ?? ''), email: String(a.email), phone: String(a.phone ?? '') },
      ]);
  return courses.map((c) => {
    const code = String(c.code);
    const byTerritory = new Map<string, { count: number; waitlist: number }>();
    for (const { territory, n } of counts.territoriesOf(code))
      if (n.methodist + n.waitlist > 0) byTerritory.set(territory, { count: n.methodist + n.waitlist, waitlist: n.waitlist });
    const total = counts.byCourse(code);
    const quotaTerritories = quotaRows.filter((q) => q.course === code).map((q) => String(q.territory));
    const territories = [...new Set([...byTerritory.keys(), ...quotaTerritories])].sort();
    const quotaValues = quotaTerritories.map((t) => quotas.quota(code, t) ?? 0);
    const atProvider = total.provider;
    const inGroups = total.group;
    const quotaRoom = quotaTerritories.reduce((n, t) => n + (quotas.left(code, t) ?? 0), 0);
    return {
      code,
      title: String(c.title),
      startDate: iso(c.startDate),
      endDate: iso(c.endDate),
      hours: Number(c.hours),
      form: String(c.form),
      capacity: Number(c.capacity),
      enrolment: String(c.enrolment),
      subdivision: String(c.subdivision),
      atMethodists: territories.map((t) => ({
        territory: names.get(t) ?? t,
        count: byTerritory.get(t)?.count ?? 0,
        waitlist: byTerritory.get(t)?.waitlist ?? 0,
        quota: quotas.quota(code, t),
        used: quotas.usedBy(code, t),
        methodists: methodists.get(t) ?? [],
      })),
      atProvider,
      inGroups,
      groups: [...new Set(groupsOf.get(code) ?? [])].sort(),
      quotaTotal: quotaValues.length ? quotaValues.reduce((a, b) => a + b, 0) : null,
      capacityWarning: capacityWarning(Number(c.capacity), atProvider + inGroups, quotaRoom),
    };
  });
};

/** A course's full record for the edit form (dates as ISO strings), with its quotas. */
export const courseForEdit = (master: Workbook, user: CurrentUser, code: string): Result<CourseInput & { enrolment: string }, string> => {
  const c = master
    .table(COURSES)
    .read()
    .find((x) => x.code === code);
  if (!inScope(user, c)) return err('Курс не найден в вашем подразделении.');
  const row = c as Row;
  const quotas = master
    .table(QUOTAS)
    .read()
    .filter((q) => q.course === code)
    .map((q) => ({ territory: String(q.territory), places: Number(q.places) }));
  return ok({
    code: String(row.code),
    title: String(row.title),
    annotation: String(row.annotation),
    schedule: String(row.schedule),
    hours: Number(row.hours),
    form: String(row.form),
    startDate: iso(row.startDate),
    endDate: iso(row.endDate),
    place: String(row.place),
    audience: String(row.audience),
    capacity: Number(row.capacity),
    subdivision: String(row.subdivision),
    leader: String(row.leader),
    quotas,
    enrolment: String(row.enrolment),
  });
};
