// A teacher's answers to the application Form, by item title (as FakeFormApp.submit takes them).
import { CONSENT_CHOICE, FORM_ITEMS } from '../../src/core/intake/form-spec';

const titleOf = (key: string) => (FORM_ITEMS.find((i) => i.key === key) as { title: string }).title;

/** Teacher `n` (1–9) of Perm applying for the course labelled `course` in the Form's list. */
export const formAnswers = (n: number, course: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      lastName: `Учитель${'абвгдежзик'[n]}`,
      firstName: 'Анна',
      email: `t${n}@school.ru`,
      phone: `+7902000000${n}`,
      territory: 'Пермский городской округ',
      organization: 'МАОУ СОШ № 7',
      position: 'учитель',
      course,
      birthDate: '1980-02-03',
      sex: 'женский',
      snils: `000-000-00${n} 00`,
      educationLevel: 'высшее',
      consent: CONSENT_CHOICE,
    }).map(([k, v]) => [titleOf(k), v]),
  );
