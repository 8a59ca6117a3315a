// The ФИС ФРДО export: issued certificates of a period (and subdivision) laid out as the registry's upload template,
// in the order of «ФИС ФРДО — столбцы»; rows missing a required field are listed instead of exported broken.

import { ddmmyyyy } from '../dates';
import { PeriodInput } from '../domain/period';
import { fio } from '../domain/person';
import { parseDate } from '../intake/normalize';
import type { Clock, DocumentStore, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ARCHIVE, COURSES, FRDO_LAYOUT } from '../sheets/master';
import { type Cell, type Row, type SheetSpec, sheet } from '../sheets/spec';
import { courseScope } from './courses';
import type { CurrentUser } from './current-user';
import { subdivisionFolder, subdivisionReaders } from './documents';
import { journal } from './journal';

/** The arguments: a period (and subdivision) — the same shape as every period-based action. */
export const FrdoInput = PeriodInput;
export type FrdoInput = PeriodInput;

const date = (v: Cell | undefined): string => (v instanceof Date ? ddmmyyyy(v) : '');
const year = (v: Cell | undefined): string => (v instanceof Date ? String(v.getFullYear()) : '');
const FORM: Record<string, string> = { очная: 'Очная', 'очно-заочная': 'Очно-заочная', 'заочная с ДОТ': 'Заочная' };
const LEVEL: Record<string, string> = { высшее: 'Высшее образование', 'среднее профессиональное': 'Среднее профессиональное образование' };
const SEX: Record<string, string> = { мужской: 'Муж', женский: 'Жен' };

/** What the bank puts in each field of a certificate's row. */
const FIELDS: Record<string, (a: Row, c: Row) => string> = {
  docKind: () => 'Удостоверение о повышении квалификации',
  docStatus: () => 'Оригинал',
  lost: () => 'Нет',
  exchanged: () => 'Нет',
  destroyed: () => 'Нет',
  series: () => 'нет',
  number: (a) => String(a.blankNumber || a.regNumber || ''),
  issueDate: (a) => date(a.issueDate),
  regNumber: (a) => String(a.regNumber ?? ''),
  programType: () => 'Повышение квалификации',
  programTitle: (_a, c) => String(c.title ?? ''),
  educationLevel: (a) => LEVEL[String(a.educationLevel)] ?? '',
  diplomaLastName: (a) => String(a.diplomaLastName || a.lastName || ''),
  startYear: (_a, c) => year(c.startDate),
  endYear: (_a, c) => year(c.endDate),
  hours: (_a, c) => (c.hours === '' || c.hours === undefined ? '' : String(c.hours)),
  lastName: (a) => String(a.lastName ?? ''),
  firstName: (a) => String(a.firstName ?? ''),
  middleName: (a) => String(a.middleName ?? ''),
  birthDate: (a) => date(a.birthDate),
  sex: (a) => SEX[String(a.sex)] ?? '',
  snils: (a) => String(a.snils ?? ''),
  form: (_a, c) => FORM[String(c.form)] ?? '',
  funding: () => 'Бюджетное обучение',
  formAtEnd: () => 'в образовательной организации',
  citizenship: () => '643',
};

export interface FrdoReport {
  readonly sheet: string;
  readonly exported: number;
  readonly problems: string[];
}

/** The export sheet: every column plain text, headers exactly as the layout says. */
export const frdoSheet = (name: string, layout: readonly Row[]): SheetSpec =>
  sheet({ name, columns: layout.map((c, i) => ({ key: `c${i + 1}`, header: String(c.header), type: 'text' as const, width: 140 })) });

export const frdoRows = (master: Workbook, user: CurrentUser, input: FrdoInput): Result<{ layout: Row[]; rows: Row[]; problems: string[] }, string> => {
  const from = parseDate(input.from);
  const to = parseDate(input.to);
  if (!from || !to || to < from) return err('Укажите период: дата начала не позже даты конца.');
  const scope = courseScope(user) ?? (input.subdivision.trim() || null);
  const layout = master
    .table(FRDO_LAYOUT)
    .read()
    .sort((a, b) => Number(a.n) - Number(b.n));
  const unknown = layout.filter((c) => String(c.field) && !FIELDS[String(c.field)]);
  if (unknown.length) return err(`На листе «ФИС ФРДО — столбцы» неизвестное поле банка: ${unknown.map((c) => `«${c.field}» (№ ${c.n})`).join(', ')}.`);
  const courses = new Map(
    master
      .table(COURSES)
      .read()
      .map((c) => [String(c.code), c]),
  );
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
  const issued = master
    .table(ARCHIVE)
    .read()
    .filter((a) => a.outcome === 'completed' && a.regNumber && a.issueDate instanceof Date && a.issueDate >= from && a.issueDate < end)
    .filter((a) => scope === null || courses.get(String(a.course))?.subdivision === scope)
    .sort((a, b) => String(a.regNumber).localeCompare(String(b.regNumber)));
  const rows: Row[] = [];
  const problems: string[] = [];
  for (const a of issued) {
    const c = courses.get(String(a.course)) ?? {};
    const values = layout.map((col) => (String(col.field) ? FIELDS[String(col.field)](a, c) : ''));
    const missing = layout.filter((col, i) => col.required === true && !values[i]).map((col) => String(col.header));
    if (missing.length) {
      problems.push(`${fio(a)} (${a.id}, № ${a.regNumber}): нет — ${missing.join('; ')}`);
      continue;
    }
    rows.push(Object.fromEntries(values.map((v, i) => [`c${i + 1}`, v])));
  }
  return ok({ layout, rows, problems });
};

/** Writes the export into the master as «ФРДО <с>–<по>» (replaced on every export of the same period). */
export const exportFrdo = (master: Workbook, user: CurrentUser, input: FrdoInput, now: Date): Result<FrdoReport, string> => {
  const r = frdoRows(master, user, input);
  if (!r.ok) return r;
  const name = `ФРДО ${input.from.split('-').reverse().join('.')}–${input.to.split('-').reverse().join('.')}`;
  const spec = frdoSheet(name, r.value.layout);
  master.ensure(spec);
  master.table(spec).replaceAll(r.value.rows);
  journal(master, {
    at: now,
    actor: user.email,
    action: 'выгрузка ФИС ФРДО',
    reason: `${name}: строк ${r.value.rows.length}, с пропусками ${r.value.problems.length}`,
  });
  return ok({ sheet: name, exported: r.value.rows.length, problems: r.value.problems });
};

export interface FrdoFileDeps {
  readonly master: Workbook;
  readonly documents: DocumentStore;
  readonly clock: Clock;
}

/**
 * The export as a file of the subdivision's documents («ЕБППК / <год> / <подразделение>», readable by its head and
 * leaders, owned by the bank's owner): what a cabinet asks for — the cabinet itself never holds СНИЛС or birth dates.
 */
export const exportFrdoFile = (deps: FrdoFileDeps, user: CurrentUser, input: FrdoInput): Result<FrdoReport & { link: string }, string> => {
  const scope = courseScope(user) ?? input.subdivision.trim();
  if (!scope) return err('Укажите подразделение: файл выгрузки кладётся в папку его документов.');
  const r = frdoRows(deps.master, user, { ...input, subdivision: scope });
  if (!r.ok) return r;
  const name = `ФИС ФРДО ${input.from.split('-').reverse().join('.')}–${input.to.split('-').reverse().join('.')}`;
  const keys = r.value.layout.map((_c, i) => `c${i + 1}`);
  const link = deps.documents.saveTable(
    subdivisionFolder(Number(input.to.slice(0, 4)), scope),
    name,
    [r.value.layout.map((c) => String(c.header)), ...r.value.rows.map((row) => keys.map((k) => String(row[k] ?? '')))],
    subdivisionReaders(deps.master, scope),
  );
  journal(deps.master, {
    at: deps.clock.now(),
    actor: user.email,
    action: 'выгрузка ФИС ФРДО',
    reason: `${scope}, ${name}: строк ${r.value.rows.length}, с пропусками ${r.value.problems.length}`,
  });
  return ok({ sheet: name, exported: r.value.rows.length, problems: r.value.problems, link });
};
