// How a person's name is shown everywhere (lists, letters, documents, the ФРДО export): «Фамилия Имя Отчество».
import type { Row } from '../sheets/spec';

export const fio = (r: Partial<Row>): string => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ');

/** Whether the person withdrew consent for this application (152-ФЗ): then no letter is sent to them. */
export const consentWithdrawn = (app: Partial<Row>): boolean => app.consentWithdrawnAt instanceof Date || !!String(app.consentWithdrawnAt ?? '').trim();
