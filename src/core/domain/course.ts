// Courses: what the provider offers, validated when a leader saves one; and how groups are numbered.
import * as z from '../zod';

const text = () => z.string().check(z.trim());

export const FORMS_OF_STUDY = ['очная', 'очно-заочная', 'заочная с ДОТ'] as const;
export const ENROLMENT_STATES = ['черновик', 'открыт', 'закрыт'] as const;

export const CourseCode = text().check(z.regex(/^[A-Za-zА-Яа-яЁё0-9.\-/]{2,30}$/, 'Шифр: 2–30 букв, цифр, точек, дефисов'));

/** A whole number between `min` and `max`, each failure in the field's own words. */
const count = (label: string, min: number, max: number, tooSmall: string, tooBig: string) =>
  z.number(`${label} — число`).check(
    z.refine((n) => Number.isInteger(n), `${label} — целое число`),
    z.gte(min, tooSmall),
    z.lte(max, tooBig),
  );

export const Course = z
  .object({
    code: CourseCode,
    title: text().check(z.minLength(3, 'Укажите название курса'), z.maxLength(300, 'Название длиннее 300 символов')),
    annotation: z._default(text().check(z.maxLength(5000, 'Аннотация длиннее 5000 символов')), ''),
    schedule: z._default(text().check(z.maxLength(2000, 'Расписание длиннее 2000 символов')), ''),
    hours: count('Объём часов', 16, 2000, 'Объём не меньше 16 часов', 'Объём не больше 2000 часов'),
    form: z.enum(FORMS_OF_STUDY, 'Форма обучения: очная, очно-заочная или заочная с ДОТ'),
    startDate: z.date('Укажите дату начала'),
    endDate: z.date('Укажите дату окончания'),
    place: z._default(text().check(z.maxLength(300, 'Место длиннее 300 символов')), ''),
    audience: z._default(text().check(z.maxLength(300, 'Категория слушателей длиннее 300 символов')), ''),
    capacity: count('Вместимость', 1, 1000, 'Вместимость не меньше 1', 'Вместимость не больше 1000'),
    subdivision: text().check(z.minLength(1, 'Укажите подразделение')),
    leader: z._default(text().check(z.toLowerCase()), ''),
    enrolment: z._default(z.enum(ENROLMENT_STATES), 'черновик'),
  })
  .check(z.refine((c) => c.endDate.getTime() >= c.startDate.getTime(), { message: 'Дата окончания раньше даты начала', path: ['endDate'] }));
export type Course = z.infer<typeof Course>;

/** Group numbers are `<шифр>-<год>-<nn>`, nn counting the course's groups of that year from 01. */
export const groupNumber = (course: string, year: number, seq: number): string => `${course}-${year}-${String(seq).padStart(2, '0')}`;
