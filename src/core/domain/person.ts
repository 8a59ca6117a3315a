// How a person's name is shown everywhere (lists, letters, documents, the ФРДО export): «Фамилия Имя Отчество».
import type { Row } from '../sheets/spec';

export const fio = (r: Partial<Row>): string => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ');
