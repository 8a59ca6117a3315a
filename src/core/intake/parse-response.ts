// Parses one Form response (raw strings by item key) with zod: normalised applicant fields, or a Russian reason per field.
import * as z from 'zod';
import { EDUCATION_LEVELS, SEXES } from '../domain/application';
import type { Row } from '../sheets/spec';
import { courseCodeOf } from './form-spec';
import { ddmmyyyy, normalizePhone, normalizeSnils, parseDate, properCase } from './normalize';

export const MAX_TEXT = 300;

const NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё\-' ’]*$/;
const name = (label: string, required: boolean) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      required
        ? z
            .string()
            .min(1, `${label}: заполните поле`)
            .max(100, `${label}: не длиннее 100 символов`)
            .regex(NAME, `${label}: только буквы, пробел, дефис и апостроф`)
        : z
            .string()
            .max(100, `${label}: не длиннее 100 символов`)
            .regex(/^$|^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё\-' ’]*$/, `${label}: только буквы, пробел, дефис и апостроф`),
    )
    .transform(properCase);

const text = (label: string) =>
  z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, `${label}: заполните поле`).max(MAX_TEXT, `${label}: не длиннее ${MAX_TEXT} символов`));

export interface ParseContext {
  /** Territories: both the Form's label (name) and the code are accepted. */
  readonly territories: readonly Row[];
  readonly courses: readonly Row[];
  /** The response's time: the time of consent. */
  readonly submittedAt: Date;
  readonly today: Date;
}

const schema = (ctx: ParseContext) => {
  const territoryByLabel = new Map<string, string>();
  for (const t of ctx.territories) {
    if (t.active !== true) continue;
    territoryByLabel.set(String(t.name).trim().toLowerCase(), String(t.code));
    territoryByLabel.set(String(t.code).trim().toLowerCase(), String(t.code));
  }
  const courseByCode = new Map(ctx.courses.map((c) => [String(c.code), c]));
  const minBirth = new Date(ctx.today.getFullYear() - 90, 0, 1);
  const maxBirth = new Date(ctx.today.getFullYear() - 16, ctx.today.getMonth(), ctx.today.getDate());
  return z.object({
    lastName: name('Фамилия', true),
    firstName: name('Имя', true),
    middleName: name('Отчество', false),
    email: z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.email('Эл. почта: адрес вида name@example.ru')),
    phone: z.string().transform((s, c) => {
      const p = normalizePhone(s);
      if (!p) c.addIssue({ code: 'custom', message: 'Телефон: 10 цифр после +7, например +7 902 123-45-67' });
      return p ?? '';
    }),
    territory: z.string().transform((s, c) => {
      const code = territoryByLabel.get(s.trim().toLowerCase());
      if (!code) c.addIssue({ code: 'custom', message: `Территория: «${s.trim().slice(0, 80)}» нет в списке территорий банка` });
      return code ?? '';
    }),
    organization: text('Образовательная организация'),
    position: text('Должность'),
    course: z.string().transform((s, c) => {
      const code = courseCodeOf(s);
      const course = courseByCode.get(code);
      if (!course) c.addIssue({ code: 'custom', message: `Курс: «${code.slice(0, 80)}» не найден в банке` });
      else if (course.enrolment !== 'открыт') c.addIssue({ code: 'custom', message: `Курс: запись на «${code}» закрыта` });
      return code;
    }),
    birthDate: z.string().transform((s, c) => {
      const d = parseDate(s);
      if (!d) c.addIssue({ code: 'custom', message: 'Дата рождения: укажите дату в формате дд.мм.гггг' });
      else if (d < minBirth || d > maxBirth) c.addIssue({ code: 'custom', message: 'Дата рождения: проверьте год' });
      return d ?? new Date(NaN);
    }),
    sex: z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.enum(SEXES, 'Пол: мужской или женский')),
    snils: z.string().transform((s, c) => {
      const r = normalizeSnils(s);
      if (!r.ok) c.addIssue({ code: 'custom', message: r.message });
      return r.ok ? r.value : '';
    }),
    educationLevel: z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.enum(EDUCATION_LEVELS, 'Уровень образования: высшее или среднее профессиональное')),
    diplomaLastName: name('Фамилия в дипломе', false),
    consent: z.string().transform((s, c) => {
      const version = /редакция\s+([^)\s]+)/i.exec(s)?.[1] ?? (/^\s*[\w.-]{1,10}\s*$/.test(s) ? s.trim() : '');
      if (!version) c.addIssue({ code: 'custom', message: 'Согласие на обработку персональных данных: без него заявку принять нельзя' });
      return version;
    }),
  });
};

export interface ParsedResponse {
  readonly applicant: Row;
  /** Same person: СНИЛС digits, else e-mail. */
  readonly personKey: string;
}

export type ParseResult = { ok: true; value: ParsedResponse } | { ok: false; reasons: string[] };

/** `raw` holds the answers by item key; missing answers count as empty. Never throws. */
export const parseResponse = (raw: Readonly<Record<string, unknown>>, ctx: ParseContext): ParseResult => {
  const input: Record<string, string> = {};
  for (const k of [
    'lastName',
    'firstName',
    'middleName',
    'email',
    'phone',
    'territory',
    'organization',
    'position',
    'course',
    'birthDate',
    'sex',
    'snils',
    'educationLevel',
    'diplomaLastName',
    'consent',
  ]) {
    const v = raw[k];
    // A date cell is a local-midnight Date: format it locally (toISOString would shift it to the previous day in UTC+5).
    input[k] = Object.prototype.toString.call(v) === '[object Date]' ? ddmmyyyy(v as Date) : v === undefined || v === null ? '' : String(v);
  }
  const r = schema(ctx).safeParse(input);
  if (!r.success) {
    const reasons = [...new Set(r.error.issues.map((i) => i.message))];
    return { ok: false, reasons };
  }
  const d = r.data;
  const applicant: Row = {
    lastName: d.lastName,
    firstName: d.firstName,
    middleName: d.middleName,
    email: d.email,
    phone: d.phone,
    territory: d.territory,
    organization: d.organization,
    position: d.position,
    course: d.course,
    birthDate: d.birthDate,
    sex: d.sex,
    snils: d.snils,
    educationLevel: d.educationLevel,
    diplomaLastName: d.diplomaLastName,
    consentVersion: d.consent,
    consentAt: ctx.submittedAt,
  };
  return { ok: true, value: { applicant, personKey: `snils:${d.snils.replace(/\D/g, '')}` } };
};
