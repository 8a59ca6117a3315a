// A teacher's application: the closed lists the Form offers and the stable application id.
import * as z from '../zod';

export const SEXES = ['мужской', 'женский'] as const;
export const EDUCATION_LEVELS = ['высшее', 'среднее профессиональное'] as const;

/** Stable application id: `<year>-<6 digits>`, e.g. 2026-000123. */
export const APPLICATION_ID = /^\d{4}-\d{6}$/;
export const formatApplicationId = (year: number, seq: number): string => `${year}-${String(seq).padStart(6, '0')}`;

/** An application id as an argument from the browser. */
export const ApplicationId = z.string().check(z.regex(APPLICATION_ID, 'номер заявки вида 2026-000123'));
