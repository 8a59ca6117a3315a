// Parses one Form response (raw strings by item key) with zod: normalised applicant fields, or a Russian reason per field.

import { ddmmyyyy } from '../dates';
import { EDUCATION_LEVELS, SEXES } from '../domain/application';
import type { Row } from '../sheets/spec';
import * as z from '../zod';
import { CONSENT_CHOICE, CONSENT_VERSION, courseCodeOf, FORM_ITEMS } from './form-spec';
import { normalizePhone, normalizeSnils, parseDate, properCase } from './normalize';

export const MAX_TEXT = 300;

/** Empty or a name: emptiness is minLength's to report (one message per field). */
const NAME = /^$|^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё\-' ’]*$/;

/** Each answer's label: every reason starts with it and a colon, so a form can show a reason beside its field. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  email: 'Эл. почта',
  phone: 'Телефон',
  territory: 'Территория',
  organization: 'Образовательная организация',
  position: 'Должность',
  course: 'Курс',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  educationLevel: 'Уровень образования',
  diplomaLastName: 'Фамилия в дипломе',
  consent: 'Согласие на обработку персональных данных',
};

/** The answer a reason is about (the longest label it starts with: «Фамилия в дипломе» before «Фамилия»), or null. */
export const fieldOfReason = (reason: string): string | null => {
  let best: string | null = null;
  for (const [key, label] of Object.entries(FIELD_LABELS))
    if (reason.startsWith(`${label}:`) && (!best || label.length > FIELD_LABELS[best].length)) best = key;
  return best;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What the Google Form itself refuses before anything is recorded — a required answer missing, a text not matching its
 * pattern, an e-mail, a length, an answer not among the choices — one message per field. The local form applies the
 * same rules (issue 18: an empty form must not reach «На проверке»); the bank's parse still follows for what passes.
 */
export const formRuleErrors = (
  raw: Readonly<Record<string, string>>,
  lists: { readonly territories: readonly string[]; readonly courses: readonly string[] },
): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const item of FORM_ITEMS) {
    const typed = raw[item.key] ?? '';
    const v = typed.trim();
    const label = FIELD_LABELS[item.key] ?? item.title;
    const choices = item.choices === 'territories' ? lists.territories : item.choices === 'courses' ? lists.courses : (item.choices ?? []);
    if (!v) {
      if (item.required)
        errors[item.key] =
          item.kind === 'checkbox'
            ? `${label}: без него заявку принять нельзя`
            : item.kind === 'list' || item.kind === 'choice'
              ? `${label}: выберите из списка`
              : `${label}: заполните поле`;
    } else if (item.key === 'email' && !EMAIL.test(v)) errors[item.key] = 'Эл. почта: адрес вида name@example.ru';
    else if (item.pattern && !new RegExp(`^(?:${item.pattern.regex})$`, 'u').test(typed)) errors[item.key] = item.pattern.message;
    else if (item.kind === 'text' && typed.length > MAX_TEXT) errors[item.key] = `${label}: не длиннее ${MAX_TEXT} символов`;
    else if ((item.kind === 'list' || item.kind === 'checkbox' || (item.kind === 'choice' && !item.other)) && !choices.includes(v))
      errors[item.key] = `${label}: выберите из списка`;
  }
  return errors;
};

/** A string, normalised by `fn`, that may add a Russian reason (zod/mini's transform gets the parse payload). */
const normalised = <T>(fn: (s: string, fail: (message: string) => void) => T) =>
  z.pipe(
    z.string(),
    z.transform((s: string, payload) => fn(s, (message) => payload.issues.push({ code: 'custom', message, input: s }))),
  );

const name = (label: string, required: boolean) =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim()),
      z
        .string()
        .check(
          ...(required ? [z.minLength(1, `${label}: заполните поле`)] : []),
          z.maxLength(100, `${label}: не длиннее 100 символов`),
          z.regex(NAME, `${label}: только буквы, пробел, дефис и апостроф`),
        ),
    ),
    z.transform(properCase),
  );

const text = (label: string) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.trim().replace(/\s+/g, ' ')),
    ),
    z.string().check(z.minLength(1, `${label}: заполните поле`), z.maxLength(MAX_TEXT, `${label}: не длиннее ${MAX_TEXT} символов`)),
  );

/** Trimmed, lower case, then one of `values`. */
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.enum(values, message));

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
    email: z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email('Эл. почта: адрес вида name@example.ru')),
    phone: normalised((s, fail) => {
      const p = normalizePhone(s);
      if (!p) fail('Телефон: 10 цифр после +7, например +7 902 123-45-67');
      return p ?? '';
    }),
    territory: normalised((s, fail) => {
      const code = territoryByLabel.get(s.trim().toLowerCase());
      if (!s.trim()) fail('Территория: выберите из списка');
      else if (!code) fail(`Территория: «${s.trim().slice(0, 80)}» нет в списке территорий банка`);
      return code ?? '';
    }),
    organization: text('Образовательная организация'),
    position: text('Должность'),
    course: normalised((s, fail) => {
      const code = courseCodeOf(s);
      const course = courseByCode.get(code);
      if (!code) fail('Курс: выберите из списка');
      else if (!course) fail(`Курс: «${code.slice(0, 80)}» не найден в банке`);
      else if (course.enrolment !== 'открыт') fail(`Курс: запись на «${code}» закрыта`);
      return code;
    }),
    birthDate: normalised((s, fail) => {
      const d = parseDate(s);
      if (!d) fail('Дата рождения: укажите дату в формате дд.мм.гггг');
      else if (d < minBirth || d > maxBirth) fail('Дата рождения: проверьте год');
      return d ?? new Date(NaN);
    }),
    sex: choice(SEXES, 'Пол: мужской или женский'),
    snils: normalised((s, fail) => {
      const r = normalizeSnils(s);
      if (!r.ok) fail(r.message);
      return r.ok ? r.value : '';
    }),
    educationLevel: choice(EDUCATION_LEVELS, 'Уровень образования: высшее или среднее профессиональное'),
    diplomaLastName: name('Фамилия в дипломе', false),
    // Only the Form's own affirmative choice of the current text counts: «no», «0», «Не даю согласие (редакция 1)»
    // or another version's wording are not consent.
    consent: normalised((s, fail) => {
      if (s.trim().replace(/\s+/g, ' ') === CONSENT_CHOICE) return CONSENT_VERSION;
      fail('Согласие на обработку персональных данных: без него заявку принять нельзя');
      return '';
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
    // A СНИЛС the response sheet stored as a number (a row written before its column was plain text) lost its leading zeros.
    if (k === 'snils' && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e11) {
      input[k] = String(v).padStart(11, '0');
      continue;
    }
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
