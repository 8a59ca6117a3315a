// Raw Form answers (by item key) and a memory bank with the Form's context, for intake tests.

import { CONSENT_CHOICE } from '../../../src/core/intake/form-spec';
import type { FormResponse } from '../../../src/core/intake/process-responses';
import { type MemoryBank, memoryBank, noLock } from '../../builders';

export const answers = (over: Record<string, string> = {}): Record<string, string> => ({
  lastName: 'иванова',
  firstName: 'анна',
  middleName: 'петровна',
  email: ' Anna.Ivanova@School.Perm.RU ',
  phone: '8 (902) 123-45-67',
  territory: 'Пермский городской округ',
  organization: 'МАОУ «СОШ № 1»',
  position: 'учитель',
  course: 'ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)',
  birthDate: '17.05.1985',
  sex: 'женский',
  snils: '11223344595',
  educationLevel: 'высшее',
  diplomaLastName: '',
  consent: CONSENT_CHOICE,
  ...over,
});

let row = 1;
export const response = (over: Record<string, string> = {}, id?: string): FormResponse => ({
  responseId: id ?? String(++row),
  submittedAt: new Date(2026, 8, 1, 10, 0),
  raw: answers(over),
});

export const intake = (b: MemoryBank) => ({ master: b.master, books: b.books, clock: b.clock, properties: b.properties, lock: noLock });
export { memoryBank };
