// Courses, territory quotas and groups: what the provider offers and how it is filled.
import * as z from 'zod';

const text = z.string().trim();

export const FORMS_OF_STUDY = ['очная', 'очно-заочная', 'заочная с ДОТ'] as const;
export const ENROLMENT_STATES = ['черновик', 'открыт', 'закрыт'] as const;

export const CourseCode = text.regex(/^[A-Za-zА-Яа-яЁё0-9.\-/]{2,30}$/, 'Шифр: 2–30 букв, цифр, точек, дефисов').brand<'CourseCode'>();
export type CourseCode = z.infer<typeof CourseCode>;

export const Course = z
  .object({
    code: CourseCode,
    title: text.min(3, 'Укажите название курса').max(300, 'Название длиннее 300 символов'),
    annotation: text.max(5000, 'Аннотация длиннее 5000 символов').default(''),
    schedule: text.max(2000, 'Расписание длиннее 2000 символов').default(''),
    hours: z.number('Объём часов — число').int('Объём часов — целое число').min(16, 'Объём не меньше 16 часов').max(2000, 'Объём не больше 2000 часов'),
    form: z.enum(FORMS_OF_STUDY, 'Форма обучения: очная, очно-заочная или заочная с ДОТ'),
    startDate: z.date('Укажите дату начала'),
    endDate: z.date('Укажите дату окончания'),
    place: text.max(300).default(''),
    audience: text.max(300).default(''),
    capacity: z.number('Вместимость — число').int().min(1, 'Вместимость не меньше 1').max(1000, 'Вместимость не больше 1000'),
    subdivision: text.min(1, 'Укажите подразделение'),
    leader: text.toLowerCase().default(''),
    enrolment: z.enum(ENROLMENT_STATES).default('черновик'),
  })
  .refine((c) => c.endDate.getTime() >= c.startDate.getTime(), { message: 'Дата окончания раньше даты начала', path: ['endDate'] });
export type Course = z.infer<typeof Course>;

export const Quota = z.object({
  course: text.min(1),
  territory: text.min(1),
  places: z.number().int().min(0, 'Квота не может быть отрицательной'),
});
export type Quota = z.infer<typeof Quota>;

export const Group = z.object({
  number: text.regex(/^.+-\d{4}-\d{2,}$/, 'Номер группы: <шифр>-<год>-<nn>'),
  course: text.min(1),
  formedAt: z.date(),
  formedBy: text,
  size: z.number().int().min(0),
});
export type Group = z.infer<typeof Group>;

/** Group numbers are `<шифр>-<год>-<nn>`, nn counting the course's groups of that year from 01. */
export const groupNumber = (course: string, year: number, seq: number): string => `${course}-${year}-${String(seq).padStart(2, '0')}`;
