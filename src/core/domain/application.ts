// A teacher's application: every field the Form collects, plus id, stage and timestamps; and the audit entry of a transition.
import * as z from 'zod';
import { STAGES } from './lifecycle';

const text = z.string().trim();

export const SEXES = ['мужской', 'женский'] as const;
export const EDUCATION_LEVELS = ['высшее', 'среднее профессиональное'] as const;

/** Stable application id: `<year>-<6 digits>`, e.g. 2026-000123. */
export const ApplicationId = text.regex(/^\d{4}-\d{6}$/, 'Номер заявки вида 2026-000123').brand<'ApplicationId'>();
export type ApplicationId = z.infer<typeof ApplicationId>;

export const formatApplicationId = (year: number, seq: number): ApplicationId => `${year}-${String(seq).padStart(6, '0')}` as ApplicationId;

export const Applicant = z.object({
  lastName: text.min(1, 'Укажите фамилию').max(100),
  firstName: text.min(1, 'Укажите имя').max(100),
  middleName: text.max(100).default(''),
  email: text.toLowerCase().pipe(z.email('Некорректный адрес электронной почты')),
  phone: text.regex(/^\+7\d{10}$/, 'Телефон в формате +7XXXXXXXXXX'),
  territory: text.min(1, 'Укажите территорию'),
  organization: text.min(1, 'Укажите образовательную организацию').max(300),
  position: text.min(1, 'Укажите должность').max(200),
  birthDate: z.date('Укажите дату рождения'),
  sex: z.enum(SEXES, 'Пол: мужской или женский'),
  snils: text.regex(/^\d{3}-\d{3}-\d{3} \d{2}$/, 'СНИЛС в формате XXX-XXX-XXX YY'),
  educationLevel: z.enum(EDUCATION_LEVELS, 'Уровень образования: высшее или среднее профессиональное'),
  diplomaLastName: text.max(100).default(''),
  consentVersion: text.min(1, 'Нужно согласие на обработку персональных данных'),
  consentAt: z.date(),
});
export type Applicant = z.infer<typeof Applicant>;

export const Application = Applicant.extend({
  id: ApplicationId,
  course: text.min(1, 'Укажите курс'),
  stage: z.enum(STAGES),
  createdAt: z.date(),
  updatedAt: z.date(),
  updatedBy: text.default(''),
});
export type Application = z.infer<typeof Application>;

/** «Журнал»: who did what to which application, when, from which stage to which, and why. */
export const AuditEntry = z.object({
  at: z.date(),
  actor: text,
  action: text.min(1),
  applicationId: text.default(''),
  from: text.default(''),
  to: text.default(''),
  reason: text.default(''),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
