// Column groups shared by several sheets: an application's person and course fields.
import { EDUCATION_LEVELS, SEXES } from '../domain/application';
import { column, columns } from './spec';

export const ID = column({ key: 'id', header: 'Номер заявки', type: 'text', width: 110 });
export const COURSE = column({ key: 'course', header: 'Курс', type: 'text', width: 110 });

/** What a methodist may see of a person: no СНИЛС, no birth date (152-ФЗ, minimal access). */
export const PERSON_PUBLIC = columns([
  { key: 'lastName', header: 'Фамилия', type: 'text', width: 130 },
  { key: 'firstName', header: 'Имя', type: 'text', width: 110 },
  { key: 'middleName', header: 'Отчество', type: 'text', width: 130 },
  { key: 'email', header: 'Эл. почта', type: 'text', width: 180 },
  { key: 'phone', header: 'Телефон', type: 'text', width: 120 },
  { key: 'organization', header: 'Организация', type: 'text', width: 220 },
  { key: 'position', header: 'Должность', type: 'text', width: 160 },
]);

export const TERRITORY = column({ key: 'territory', header: 'Территория', type: 'text', width: 120 });

/** What the certificate and ФИС ФРДО need: master only. */
export const PERSON_PRIVATE = columns([
  { key: 'birthDate', header: 'Дата рождения', type: 'date', width: 100 },
  { key: 'sex', header: 'Пол', type: 'choice', options: SEXES, width: 90 },
  { key: 'snils', header: 'СНИЛС', type: 'text', width: 120 },
  { key: 'educationLevel', header: 'Образование', type: 'choice', options: EDUCATION_LEVELS, width: 150 },
  { key: 'diplomaLastName', header: 'Фамилия в дипломе', type: 'text', width: 130 },
  { key: 'consentVersion', header: 'Версия согласия', type: 'text', width: 90 },
  { key: 'consentAt', header: 'Согласие дано', type: 'datetime', width: 130 },
  // 152-ФЗ (issue 16): when the person withdrew consent; when retention anonymised the row, and the age band it keeps.
  { key: 'consentWithdrawnAt', header: 'Согласие отозвано', type: 'datetime', width: 130 },
  { key: 'anonymisedAt', header: 'Обезличена', type: 'datetime', width: 130 },
  { key: 'ageBand', header: 'Возрастная группа', type: 'text', width: 110 },
]);

export const CREATED_AT = column({ key: 'createdAt', header: 'Подана', type: 'datetime', width: 130 });

/** The full application as the master keeps it. */
export const APPLICATION = columns([ID, COURSE, ...PERSON_PUBLIC, TERRITORY, ...PERSON_PRIVATE, CREATED_AT]);

/** A duty of control (issue 17) as a row of «Контроль» (the master's and each cabinet's). */
export const DUTY_COLUMNS = columns([
  { key: 'title', header: 'Обязанность', type: 'text', width: 280 },
  { key: 'course', header: 'Курс', type: 'text', width: 100 },
  { key: 'group', header: 'Группа', type: 'text', width: 130 },
  { key: 'territory', header: 'Территория', type: 'text', width: 180 },
  { key: 'owner', header: 'Кто отвечает', type: 'text', width: 200 },
  { key: 'ownerName', header: 'Имя', type: 'text', width: 200 },
  { key: 'count', header: 'Заявок', type: 'number', width: 70 },
  { key: 'due', header: 'Срок', type: 'text', width: 100 },
  { key: 'state', header: 'Состояние', type: 'text', width: 150 },
  { key: 'late', header: 'Просрочено дней', type: 'number', width: 100 },
]);
