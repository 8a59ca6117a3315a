// The sheets of a territory workbook: only what a methodist needs (no СНИЛС, no birth date).
import { COURSE, CREATED_AT, ID, PERSON_PUBLIC } from './columns';
import { sheet } from './spec';

/** The methodist's decisions, as the «Решение» dropdown shows them. */
export const DECISION = { send: 'Направить поставщику', reject: 'Отклонить', waitlist: 'Лист ожидания' } as const;
export const DECISIONS = [DECISION.send, DECISION.reject, DECISION.waitlist] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * «Копилка методиста». The decision sits right after the name (issue 18: it was the 12th column, 1,600 px to the right)
 * and the number and name stay in sight; a workbook made before keeps its order (columns are found by header).
 */
export const METHODIST_BANK = sheet({
  name: 'Копилка методиста',
  idKey: 'id',
  frozenColumns: 4,
  columns: [
    ID,
    ...PERSON_PUBLIC.filter((c) => c.key === 'lastName' || c.key === 'firstName' || c.key === 'middleName'),
    { key: 'decision', header: 'Решение', type: 'choice', options: DECISIONS, width: 170, editable: true },
    { key: 'reason', header: 'Причина', type: 'text', width: 220, editable: true },
    { key: 'bankNote', header: 'Отметка банка', type: 'text', width: 260 },
    COURSE,
    { key: 'courseTitle', header: 'Название курса', type: 'text', width: 220 },
    ...PERSON_PUBLIC.filter((c) => c.key !== 'lastName' && c.key !== 'firstName' && c.key !== 'middleName'),
    CREATED_AT,
  ],
});

export const TERRITORY_QUOTAS = sheet({
  name: 'Квоты',
  idKey: 'course',
  botOnly: true,
  columns: [
    { key: 'course', header: 'Шифр', type: 'text', width: 100 },
    { key: 'title', header: 'Курс', type: 'text', width: 280 },
    { key: 'dates', header: 'Даты', type: 'text', width: 170 },
    { key: 'enrolment', header: 'Запись', type: 'text', width: 80 },
    // «без квоты» where the course sets none for the territory (then only the course's places limit it).
    { key: 'quota', header: 'Квота', type: 'text', width: 90 },
    { key: 'sent', header: 'Направлено', type: 'number', width: 90 },
    { key: 'left', header: 'Осталось по квоте', type: 'number', width: 90 },
    { key: 'waiting', header: 'В листе ожидания', type: 'number', width: 90 },
    { key: 'placesLeft', header: 'Свободно мест на курсе', type: 'number', width: 110 },
    { key: 'place', header: 'Место проведения', type: 'text', width: 220 },
    { key: 'schedule', header: 'Расписание', type: 'text', width: 200 },
    { key: 'annotation', header: 'О курсе', type: 'text', width: 320 },
    { key: 'leader', header: 'Руководитель курса', type: 'text', width: 200 },
  ],
});

export const HISTORY = sheet({
  name: 'История',
  idKey: 'id',
  botOnly: true,
  columns: [
    ID,
    COURSE,
    ...PERSON_PUBLIC.filter((c) => ['lastName', 'firstName', 'middleName', 'organization'].includes(c.key)),
    { key: 'courseDates', header: 'Даты курса', type: 'text', width: 170 },
    { key: 'place', header: 'Место проведения', type: 'text', width: 220 },
    { key: 'stage', header: 'Этап', type: 'text', width: 150 },
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    { key: 'reason', header: 'Причина', type: 'text', width: 220 },
    { key: 'updatedAt', header: 'Изменено', type: 'datetime', width: 130 },
  ],
});

/**
 * «О книге» (issue 18): when the bank last processed this workbook, how many applications wait for a decision (an empty
 * piggy bank says so in words) and how to work — written by the sync for the territories it touched.
 */
export const BOOK_STATUS = sheet({
  name: 'О книге',
  idKey: 'key',
  botOnly: true,
  columns: [
    { key: 'key', header: 'Что', type: 'text', width: 280 },
    { key: 'value', header: 'Значение', type: 'text', width: 560 },
  ],
});

export const TERRITORY_SHEETS = [METHODIST_BANK, TERRITORY_QUOTAS, HISTORY, BOOK_STATUS] as const;
