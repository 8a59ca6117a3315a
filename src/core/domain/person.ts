// How a person's name is shown everywhere (lists, letters, documents, the ФРДО export): «Фамилия Имя Отчество».
import type { Row } from '../sheets/spec';

export const fio = (r: Partial<Row>): string => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ');

/** Whether the person withdrew consent for this application (152-ФЗ): then no letter is sent to them. */
export const consentWithdrawn = (app: Partial<Row>): boolean => app.consentWithdrawnAt instanceof Date || !!String(app.consentWithdrawnAt ?? '').trim();

/** A phone as people read it, «+7 (902) 100-01-11» (stored as +79021000111); anything else as it is (issue 18). */
export const showPhone = (v: unknown): string => {
  const s = String(v ?? '');
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(s);
  return m ? `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}` : s;
};
