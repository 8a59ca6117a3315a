// Completing a course: outcomes per learner, certificate registration numbers (unique, sequential per year, never
// reused) and blank numbers, corrections of what the certificate and ФИС ФРДО need, and the move to «Архив».
import { ApplicationId, EDUCATION_LEVELS, SEXES } from '../domain/application';
import { courseDateRule, EXPEL_REASON_REQUIRED } from '../domain/lifecycle';
import { fio } from '../domain/person';
import { NAME_PATTERN } from '../intake/form-spec';
import { normalizeSnils, parseDate, properCase } from '../intake/normalize';
import { type Clock, type Lock, type Properties, prefetch, type Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ARCHIVE, COURSES, GROUP_REGISTRY, GROUP_STATUS, GROUPS, JOURNAL, LEDGER, LETTER_TEMPLATES, SETTINGS, STAGE_COUNTS } from '../sheets/master';
import type { Row } from '../sheets/spec';
import * as z from '../zod';
import { inScope } from './courses';
import type { CurrentUser } from './current-user';
import { documentLinks } from './documents';
import { journal } from './journal';
import { LedgerView } from './ledger-view';
import { moveApplications } from './move-applications';
import { getSetting, setSetting } from './settings';
import { byTerritory, markDirty } from './sync-territories';

export interface CompletionDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly lock: Lock;
  readonly properties: Properties;
}

/** What an «удостоверение» and the ФИС ФРДО row need of a learner, with the Russian name of each. */
export const REQUIRED_FOR_CERTIFICATE: ReadonlyArray<[string, string]> = [
  ['lastName', 'фамилия'],
  ['firstName', 'имя'],
  ['birthDate', 'дата рождения'],
  ['sex', 'пол'],
  ['snils', 'СНИЛС'],
  ['educationLevel', 'уровень образования'],
];

export interface Learner {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  /** What the certificate needs but the record lacks: the field's key (the sidebar's fix form) and its Russian label. */
  readonly missing: Array<{ key: string; label: string }>;
  readonly outcome: string;
  readonly outcomeReason: string;
  readonly regNumber: string;
  readonly blankNumber: string;
}

const missingOf = (r: Row): Array<{ key: string; label: string }> =>
  REQUIRED_FOR_CERTIFICATE.filter(([k]) => r[k] === '' || r[k] === undefined || r[k] === null).map(([key, label]) => ({ key, label }));

const groupContext = (master: Workbook, user: CurrentUser, group: string) => {
  const registry = master
    .table(GROUP_REGISTRY)
    .read()
    .find((g) => g.group === group);
  const course =
    registry &&
    master
      .table(COURSES)
      .read()
      .find((c) => c.code === registry.course);
  if (!registry || !inScope(user, course)) return null;
  return { registry, course: course as Row };
};

/** The group's learners with what is missing for their certificates. */
export const groupCompletion = (
  master: Workbook,
  user: CurrentUser,
  group: string,
): Result<{ group: string; course: string; status: string; learners: Learner[]; documents: string[]; documentsState: string }, string> => {
  const ctx = groupContext(master, user, group);
  if (!ctx) return err('Группа не найдена среди курсов вашего подразделения.');
  const learners = master
    .table(GROUPS)
    .find('group', [group])
    .map((f) => f.row)
    .map((r) => ({
      id: String(r.id),
      name: fio(r),
      organization: String(r.organization),
      missing: missingOf(r),
      outcome: String(r.outcome ?? ''),
      outcomeReason: String(r.outcomeReason ?? ''),
      regNumber: String(r.regNumber ?? ''),
      blankNumber: String(r.blankNumber ?? ''),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return ok({
    group,
    course: String(ctx.registry.course),
    status: String(ctx.registry.status),
    learners,
    documents: documentLinks(ctx.registry.documents),
    documentsState: String(ctx.registry.documentsState ?? ''),
  });
};

const upTo = (n: number) => z.optional(z.string().check(z.maxLength(n)));

export const CorrectionInput = z.strictObject({
  id: ApplicationId,
  lastName: upTo(100),
  firstName: upTo(100),
  middleName: upTo(100),
  email: upTo(200),
  organization: upTo(300),
  position: upTo(300),
  snils: upTo(20),
  birthDate: upTo(10),
  sex: upTo(20),
  educationLevel: upTo(40),
  diplomaLastName: upTo(100),
});

/** What a cabinet may correct: everything but СНИЛС and the birth date, which stay with the sector (no cabinet holds them). */
export const CabinetCorrectionInput = z.omit(CorrectionInput, { snils: true, birthDate: true });

const NAME = new RegExp(`^(?:${NAME_PATTERN})$`, 'u');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The learner's own data, checked as the application form checks it: [key, label, required, rule]. */
const PUBLIC_FIELDS: ReadonlyArray<[keyof z.infer<typeof CorrectionInput>, string, (v: string) => string | null]> = [
  ['lastName', 'Фамилия', (v) => (NAME.test(v) && v.trim() ? null : 'Фамилия: только буквы, пробел, дефис и апостроф')],
  ['firstName', 'Имя', (v) => (NAME.test(v) && v.trim() ? null : 'Имя: только буквы, пробел, дефис и апостроф')],
  ['middleName', 'Отчество', (v) => (!v.trim() || NAME.test(v) ? null : 'Отчество: только буквы, пробел, дефис и апостроф')],
  ['email', 'Эл. почта', (v) => (EMAIL.test(v.trim()) ? null : 'Эл. почта: адрес вида name@example.ru')],
  ['organization', 'Организация', (v) => (v.trim() ? null : 'Организация: заполните поле')],
  ['position', 'Должность', (v) => (v.trim() ? null : 'Должность: заполните поле')],
];

/** What a correction changes, each field validated as the Form validates it, and what is wrong (by field). */
export const correctionPatch = (input: z.infer<typeof CorrectionInput>): { patch: Partial<Row>; errors: Record<string, string> } => {
  const patch: Partial<Row> = {};
  const errors: Record<string, string> = {};
  for (const [key, , rule] of PUBLIC_FIELDS) {
    const v = input[key];
    if (v === undefined) continue;
    const wrong = rule(v);
    if (wrong) errors[key] = wrong;
    else patch[key] = key === 'email' ? v.trim().toLowerCase() : key === 'organization' || key === 'position' ? v.trim() : properCase(v.trim());
  }
  if (input.snils !== undefined) {
    const s = normalizeSnils(input.snils);
    if (s.ok) patch.snils = s.value;
    else errors.snils = s.message;
  }
  if (input.birthDate !== undefined) {
    const d = parseDate(input.birthDate);
    if (d) patch.birthDate = d;
    else errors.birthDate = 'Дата рождения: дд.мм.гггг';
  }
  if (input.sex !== undefined) {
    if ((SEXES as readonly string[]).includes(input.sex)) patch.sex = input.sex;
    else errors.sex = 'Пол: мужской или женский';
  }
  if (input.educationLevel !== undefined) {
    if ((EDUCATION_LEVELS as readonly string[]).includes(input.educationLevel)) patch.educationLevel = input.educationLevel;
    else errors.educationLevel = 'Уровень образования: высшее или среднее профессиональное';
  }
  if (input.diplomaLastName !== undefined) {
    // As the Form checks it: letters only, or empty (the same surname as now).
    if (!input.diplomaLastName.trim() || NAME.test(input.diplomaLastName)) patch.diplomaLastName = properCase(input.diplomaLastName.trim());
    else errors.diplomaLastName = 'Фамилия в дипломе: только буквы, пробел, дефис и апостроф';
  }
  return { patch, errors };
};

/** Corrects a learner's data in «Группы» and the ledger (validated like the Form): their own, and what the certificate needs. */
export const correctLearner = (
  deps: CompletionDeps,
  user: CurrentUser,
  input: z.infer<typeof CorrectionInput>,
): Result<{ id: string }, Record<string, string>> =>
  deps.lock.withLock(() => {
    const groups = deps.master.table(GROUPS);
    const row = groups.find('id', [input.id])[0]?.row;
    const course =
      row &&
      deps.master
        .table(COURSES)
        .read()
        .find((c) => c.code === row.course);
    if (!row || !inScope(user, course)) return err({ id: 'Слушатель не найден в группах вашего подразделения.' });
    const { patch, errors } = correctionPatch(input);
    if (Object.keys(errors).length) return err(errors);
    groups.updateByIds(new Map([[input.id, patch]]));
    deps.master.table(LEDGER).updateByIds(new Map([[input.id, { ...patch, updatedAt: deps.clock.now(), updatedBy: user.email }]]));
    journal(deps.master, {
      at: deps.clock.now(),
      actor: user.email,
      action: 'данные слушателя исправлены',
      applicationId: input.id,
      reason: Object.keys(patch).join(', '),
    });
    return ok({ id: input.id });
  });

export const OutcomesInput = z.strictObject({
  group: z.string().check(z.minLength(1), z.maxLength(60)),
  outcomes: z
    .array(z.strictObject({ id: ApplicationId, outcome: z.enum(['completed', 'expelled']), reason: z._default(z.string().check(z.maxLength(500)), '') }))
    .check(z.minLength(1), z.maxLength(1000)),
});

const REG_KEY = (year: number) => `EBPPK_REG_${year}`;

/** Registration numbers `<год>/<nnnnn>`: the counter is saved before the numbers are used, so none is ever reused. */
export const reserveRegNumbers = (props: Properties, year: number, n: number): string[] => {
  if (!n) return [];
  const next = Number(props.get(REG_KEY(year)) ?? '0') + 1;
  props.set(REG_KEY(year), String(next + n - 1));
  return Array.from({ length: n }, (_, i) => `${year}/${String(next + i).padStart(5, '0')}`);
};

/** Blank numbers from the range the sector sets in «Настройки» (blankNext … blankTo); none when no range is set. */
const reserveBlanks = (master: Workbook, n: number): Result<string[], string> => {
  const settings = master.table(SETTINGS);
  const next = Number(getSetting(settings, 'blankNext') || 0);
  const to = Number(getSetting(settings, 'blankTo') || 0);
  if (!next || !to || !n) return ok([]);
  if (next + n - 1 > to)
    return err(`Бланков не хватает: осталось ${Math.max(0, to - next + 1)}, нужно ${n}. Сектор задаёт диапазон в «Настройках» (blankNext, blankTo).`);
  setSetting(settings, 'blankNext', String(next + n));
  return ok(Array.from({ length: n }, (_, i) => String(next + i).padStart(6, '0')));
};

/**
 * «Завершить обучение»: every learner of the group gets an outcome; the completed get certificate numbers (kept
 * if already assigned: re-running does not renumber). Refused while a completed learner lacks certificate data.
 */
export const completeGroup = (
  deps: CompletionDeps,
  user: CurrentUser,
  input: z.infer<typeof OutcomesInput>,
): Result<{ completed: number; expelled: number; numbers: string[] }, string> =>
  deps.lock.withLock(() => {
    prefetch(deps.master, [GROUP_REGISTRY, COURSES, SETTINGS]);
    const ctx = groupContext(deps.master, user, input.group);
    if (!ctx) return err('Группа не найдена среди курсов вашего подразделения.');
    if (ctx.registry.status === GROUP_STATUS.archived) return err(`Группа ${input.group} уже в архиве.`);
    const due = courseDateRule('complete', ctx.course, deps.clock.now());
    if (!due.ok) return due;
    const groups = deps.master.table(GROUPS);
    // The group's rows only (a search, then those rows): «Группы» holds every course's current groups.
    const members = groups.find('group', [input.group]).map((f) => f.row);
    const byId = new Map(input.outcomes.map((o) => [o.id, o]));
    const unmarked = members.filter((m) => !byId.has(String(m.id)));
    if (unmarked.length)
      return err(`Отметьте итог для всех слушателей: нет итога у ${unmarked.slice(0, 3).map(fio).join(', ')}${unmarked.length > 3 ? ' …' : ''}.`);
    const foreign = input.outcomes.filter((o) => !members.some((m) => m.id === o.id));
    if (foreign.length)
      return err(
        `Заявки ${foreign
          .slice(0, 3)
          .map((f) => f.id)
          .join(', ')} не в группе ${input.group}.`,
      );
    const noReason = input.outcomes.filter((o) => o.outcome === 'expelled' && !o.reason.trim());
    if (noReason.length) return err(EXPEL_REASON_REQUIRED);
    const incomplete = members.filter((m) => byId.get(String(m.id))?.outcome === 'completed' && missingOf(m).length);
    if (incomplete.length)
      return err(
        `Не хватает данных для удостоверения: ${incomplete
          .slice(0, 3)
          .map(
            (m) =>
              `${fio(m)} — ${missingOf(m)
                .map((x) => x.label)
                .join(', ')}`,
          )
          .join('; ')}.`,
      );
    // Numbers follow the group's alphabetical list (the order and the register read in that order — issue 18).
    const needNumbers = members
      .filter((m) => byId.get(String(m.id))?.outcome === 'completed' && !m.regNumber)
      .sort((a, b) => fio(a).localeCompare(fio(b), 'ru'));
    const blanks = reserveBlanks(deps.master, needNumbers.length);
    if (!blanks.ok) return blanks;
    const now = deps.clock.now();
    const numbers = reserveRegNumbers(deps.properties, now.getFullYear(), needNumbers.length);
    const assigned = new Map(needNumbers.map((m, i) => [String(m.id), { regNumber: numbers[i], blankNumber: blanks.value[i] ?? '' }]));
    const issueDate = ctx.course.endDate instanceof Date ? ctx.course.endDate : now;
    const patches = new Map<string, Partial<Row>>();
    for (const m of members) {
      const o = byId.get(String(m.id)) as { outcome: string; reason: string };
      patches.set(
        String(m.id),
        o.outcome === 'completed'
          ? { outcome: 'completed', outcomeReason: '', issueDate, ...(assigned.get(String(m.id)) ?? {}) }
          : { outcome: 'expelled', outcomeReason: o.reason.trim() },
      );
    }
    groups.updateByIds(patches);
    deps.master.table(GROUP_REGISTRY).updateByIds(new Map([[input.group, { status: GROUP_STATUS.completed, completedAt: now }]]));
    const completed = input.outcomes.filter((o) => o.outcome === 'completed').length;
    journal(deps.master, {
      at: now,
      actor: user.email,
      action: 'обучение завершено',
      reason: `группа ${input.group}: завершили ${completed}, отчислены ${input.outcomes.length - completed}; номера ${numbers[0] ?? '—'}…${numbers[numbers.length - 1] ?? ''}`,
    });
    return ok({ completed, expelled: input.outcomes.length - completed, numbers });
  });

/** «Перенести в архив»: the group's rows move to «Архив» with outcome and certificate; the registry keeps the summary. */
export const archiveGroup = (deps: CompletionDeps, user: CurrentUser, group: string): Result<{ archived: number }, string> =>
  deps.lock.withLock(() => {
    prefetch(deps.master, [GROUP_REGISTRY, COURSES, LETTER_TEMPLATES, SETTINGS, STAGE_COUNTS]);
    const ctx = groupContext(deps.master, user, group);
    if (!ctx) return err('Группа не найдена среди курсов вашего подразделения.');
    const groups = deps.master.table(GROUPS);
    const members = groups.find('group', [group]).map((f) => f.row);
    if (ctx.registry.status === GROUP_STATUS.formed) return err('Сначала завершите обучение: отметьте итог каждого слушателя.');
    // Archived already (the registry is written last, so every move is done): nothing to do, nothing to overwrite.
    if (ctx.registry.status === GROUP_STATUS.archived && !members.length) return ok({ archived: 0 });
    if (members.some((m) => !m.outcome)) return err('У части слушателей нет итога обучения: завершите обучение ещё раз.');
    const view = LedgerView.find(
      deps.master.table(LEDGER),
      'id',
      members.map((m) => String(m.id)),
    );
    const records = new Map(members.map((m) => [String(m.id), m]));
    const r = moveApplications(
      {
        ledgerRows: view.rows,
        records,
        ledger: view.table,
        journal: deps.master.table(JOURNAL),
        book: deps.master,
        source: groups,
        sourceSheet: 'group',
        destinations: { archive: deps.master.table(ARCHIVE) },
        clock: deps.clock,
        actor: user.email,
        role: user.role === 'sector' ? 'sector' : 'leader',
        letters: { master: deps.master, courses: new Map([[String(ctx.course.code), ctx.course]]) },
      },
      members.map((m) => ({
        id: String(m.id),
        action: m.outcome === 'completed' ? 'complete' : 'expel',
        reason: String(m.outcomeReason ?? ''),
        extra: { group, regNumber: m.regNumber, blankNumber: m.blankNumber, issueDate: m.issueDate },
      })),
    );
    if (r.refused.length) return err(r.refused[0].message);
    deps.master.table(GROUP_REGISTRY).updateByIds(new Map([[group, { status: GROUP_STATUS.archived, archivedAt: deps.clock.now() }]]));
    markDirty(
      deps.properties,
      byTerritory(
        members.map((m) => String(m.id)),
        new Map(members.map((m) => [String(m.id), m])),
      ),
    );
    return ok({ archived: r.done.length });
  });
