// The sheets of a subdivision's cabinet «ЕБППК — <подразделение>»: what its head and leaders need, nothing more — no
// СНИЛС, no birth date (they are not declared here, so they cannot be encoded into a cabinet). The owner's job writes
// every sheet but «Запросы» (the cabinet script appends there) and the attendance marks.
import { COURSE, DUTY_COLUMNS, ID, PERSON_PUBLIC } from './columns';
import { GROUP_REGISTRY } from './master';
import { sheet } from './spec';

export const CABINET_COURSES = sheet({
  name: 'Курсы подразделения',
  idKey: 'code',
  botOnly: true,
  columns: [
    { key: 'code', header: 'Шифр', type: 'text', width: 100 },
    { key: 'title', header: 'Название', type: 'text', width: 280 },
    { key: 'dates', header: 'Даты', type: 'text', width: 170 },
    { key: 'hours', header: 'Объём, ч', type: 'number', width: 80 },
    { key: 'form', header: 'Форма обучения', type: 'text', width: 130 },
    { key: 'capacity', header: 'Вместимость', type: 'number', width: 90 },
    { key: 'enrolment', header: 'Запись', type: 'text', width: 90 },
    { key: 'atMethodists', header: 'У методистов', type: 'number', width: 100 },
    { key: 'atProvider', header: 'В копилке', type: 'number', width: 90 },
    { key: 'inGroups', header: 'В группах', type: 'number', width: 90 },
    { key: 'capacityWarning', header: 'Вместимость: внимание', type: 'text', width: 300 },
    // Issue 17: who answers for the course (an e-mail from «Доступ»), and the dates as days for the board's states.
    { key: 'leader', header: 'Руководитель', type: 'text', width: 200 },
    { key: 'startDate', header: 'Начало', type: 'date', width: 100 },
    { key: 'endDate', header: 'Окончание', type: 'date', width: 100 },
    // The rest of the course's card, for «Изменить курс» in the cabinet (its quotas are on «Квоты курсов»).
    { key: 'annotation', header: 'Аннотация', type: 'text', width: 300 },
    { key: 'schedule', header: 'Расписание', type: 'text', width: 200 },
    { key: 'place', header: 'Место проведения', type: 'text', width: 200 },
    { key: 'audience', header: 'Категория слушателей', type: 'text', width: 200 },
  ],
});

/** Each course's places per territory (the master's «Квоты» for the subdivision's courses). */
export const CABINET_QUOTAS = sheet({
  name: 'Квоты курсов',
  botOnly: true,
  columns: [
    { key: 'course', header: 'Курс', type: 'text', width: 100 },
    { key: 'territory', header: 'Территория', type: 'text', width: 220 },
    { key: 'places', header: 'Мест', type: 'number', width: 70 },
    // The bank's code of the territory: what a course's quotas are saved with.
    { key: 'territoryCode', header: 'Код территории', type: 'text', width: 120, hidden: true },
  ],
});

/** The territories a course can give quotas to (the master's active «Территории»): the cabinet's reference list. */
export const CABINET_TERRITORIES = sheet({
  name: 'Территории',
  idKey: 'code',
  botOnly: true,
  hidden: true,
  columns: [
    { key: 'code', header: 'Код', type: 'text', width: 140 },
    { key: 'name', header: 'Территория', type: 'text', width: 240 },
  ],
});

/**
 * The subdivision's statistics for a period someone asked for in the cabinet (the same figures as the sector's report),
 * one figure per row: readable as it stands, and read back by the sidebar through the hidden keys (statistics-rows.ts).
 */
export const CABINET_PERIOD_STATS = sheet({
  name: 'Статистика за период',
  botOnly: true,
  columns: [
    { key: 'section', header: 'Раздел', type: 'text', width: 200 },
    { key: 'item', header: 'Что', type: 'text', width: 120 },
    { key: 'label', header: 'Название', type: 'text', width: 260 },
    { key: 'measure', header: 'Показатель', type: 'text', width: 160 },
    { key: 'value', header: 'Значение', type: 'text', width: 140 },
    { key: 'sectionKey', header: 'Раздел (код)', type: 'text', width: 100, hidden: true },
    { key: 'measureKey', header: 'Показатель (код)', type: 'text', width: 100, hidden: true },
  ],
});

export const CABINET_PROVIDER = sheet({
  name: 'Копилка поставщика',
  idKey: 'id',
  columns: [
    ID,
    COURSE,
    ...PERSON_PUBLIC,
    { key: 'territory', header: 'Территория', type: 'text', width: 200 },
    { key: 'sentAt', header: 'Направлена', type: 'datetime', width: 130 },
    { key: 'present', header: 'Присутствовал', type: 'checkbox', width: 100, editable: true },
  ],
});

export const CABINET_GROUPS = sheet({
  name: 'Группы',
  idKey: 'id',
  botOnly: true,
  columns: [
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    ID,
    COURSE,
    ...PERSON_PUBLIC,
    { key: 'territory', header: 'Территория', type: 'text', width: 200 },
    { key: 'outcome', header: 'Итог', type: 'text', width: 130 },
    { key: 'regNumber', header: 'Рег. номер удостоверения', type: 'text', width: 130 },
    { key: 'missing', header: 'Не хватает для удостоверения', type: 'text', width: 220 },
  ],
});

export const CABINET_REGISTRY = sheet({
  name: 'Реестр групп',
  idKey: 'group',
  botOnly: true,
  // The master's «Реестр групп» without the dates.
  columns: GROUP_REGISTRY.columns.filter((c) => ['group', 'course', 'size', 'status', 'documents', 'documentsState'].includes(c.key)),
});

/** The columns of a person's request sheet: what they asked, in words, and what became of it. */
const REQUEST_COLUMNS = [
  { key: 'id', header: 'Запрос', type: 'text', width: 150 },
  { key: 'at', header: 'Создан', type: 'datetime', width: 130 },
  { key: 'action', header: 'Действие', type: 'text', width: 190 },
  { key: 'about', header: 'Что именно', type: 'text', width: 300 },
  { key: 'state', header: 'Состояние', type: 'text', width: 140 },
  { key: 'result', header: 'Результат', type: 'text', width: 360 },
  // What the bank carries out (the action and its arguments as the cabinet checked them): read by the job, not by people.
  { key: 'data', header: 'Данные для банка', type: 'text', width: 120, hidden: true },
] as const;

/** Request sheets are named with this and the person's e-mail: «Запросы — lead@iro.perm.ru». */
export const REQUESTS_PREFIX = 'Запросы — ';

/** A request sheet by its name (one the job found in a cabinet). */
export const requestSheet = (name: string) => sheet({ name, idKey: 'id', personal: true, columns: REQUEST_COLUMNS });

/**
 * What one head or leader asks of the owner's job, and what became of it: their own sheet, protected with editors exactly
 * the owner and that person (the owner's job keeps it so: `keepRequestSheets`). The cabinet script appends there as the
 * person who clicked; the job takes the requester from the protection, never from a cell. Sheet names are at most 100
 * characters in Google Sheets.
 */
export const personalRequests = (email: string) => requestSheet(`${REQUESTS_PREFIX}${email.trim().toLowerCase()}`.slice(0, 100));

/** The e-mail a request sheet's name carries ('' for a name that is not a request sheet's). */
export const requestSheetPerson = (name: string): string => (name.startsWith(REQUESTS_PREFIX) ? name.slice(REQUESTS_PREFIX.length) : '');

/**
 * Before per-person sheets (schema 5): one «Запросы» that every cabinet editor could type into, «Кто» only a claim. Not
 * laid out any more; where a cabinet still has it, the job refuses whatever waits there.
 */
export const SHARED_REQUESTS = sheet({
  name: 'Запросы',
  idKey: 'id',
  writtenByUsers: true,
  columns: [
    { key: 'id', header: 'Запрос', type: 'text', width: 150 },
    { key: 'state', header: 'Состояние', type: 'text', width: 160 },
    { key: 'result', header: 'Результат', type: 'text', width: 320 },
  ],
});

/** The subdivision's funnel for the current year, per course (the job rewrites it with the rest). */
export const CABINET_STATS = sheet({
  name: 'Статистика подразделения',
  idKey: 'course',
  botOnly: true,
  columns: [
    { key: 'course', header: 'Курс', type: 'text', width: 110 },
    { key: 'title', header: 'Название', type: 'text', width: 260 },
    { key: 'submitted', header: 'Подано заявок', type: 'number', width: 100 },
    { key: 'sent', header: 'Направлено поставщику', type: 'number', width: 110 },
    { key: 'grouped', header: 'Зачислено', type: 'number', width: 90 },
    { key: 'completed', header: 'Завершили', type: 'number', width: 90 },
    { key: 'rejected', header: 'Отклонено', type: 'number', width: 90 },
    { key: 'absent', header: 'Не явились', type: 'number', width: 90 },
  ],
});

/** The subdivision's head and leaders as «Доступ» says (the cabinet script shows each their role; it checks nothing). */
export const CABINET_PEOPLE = sheet({
  name: 'Сотрудники',
  idKey: 'email',
  botOnly: true,
  columns: [
    { key: 'email', header: 'Эл. почта', type: 'text', width: 220 },
    { key: 'role', header: 'Роль', type: 'text', width: 100 },
    { key: 'name', header: 'Имя', type: 'text', width: 200 },
    { key: 'lastAction', header: 'Последнее действие в банке', type: 'text', width: 280 },
  ],
});

/** Issue 17: the subdivision's open duties with their deadlines (the head's board; people filter and sort it). */
export const CABINET_CONTROL = sheet({
  name: 'Контроль',
  botOnly: true,
  columns: DUTY_COLUMNS,
});

/** Issue 17: each course's applications per territory, with the territory's methodists to contact. */
export const CABINET_COURSE_TERRITORIES = sheet({
  name: 'Курсы и территории',
  botOnly: true,
  columns: [
    { key: 'course', header: 'Курс', type: 'text', width: 100 },
    { key: 'territory', header: 'Территория', type: 'text', width: 200 },
    { key: 'counts', header: 'Заявки по этапам', type: 'text', width: 300 },
    { key: 'pending', header: 'Ждут решения методиста', type: 'number', width: 110 },
    { key: 'methodists', header: 'Методисты (имя, почта, телефон)', type: 'text', width: 360 },
  ],
});

/** The cabinet's own facts: its subdivision, its script id (written by the cabinet's onOpen), the last run. */
export const CABINET_INFO = sheet({
  name: 'Служебное',
  idKey: 'key',
  hidden: true,
  writtenByUsers: true,
  columns: [
    { key: 'key', header: 'Параметр', type: 'text', width: 160 },
    { key: 'value', header: 'Значение', type: 'text', width: 320 },
  ],
});

export const CABINET_SHEETS = [
  CABINET_COURSES,
  CABINET_QUOTAS,
  CABINET_PERIOD_STATS,
  CABINET_PROVIDER,
  CABINET_GROUPS,
  CABINET_REGISTRY,
  CABINET_STATS,
  CABINET_PEOPLE,
  CABINET_CONTROL,
  CABINET_COURSE_TERRITORIES,
  CABINET_TERRITORIES,
  CABINET_INFO,
] as const;

export const REQUEST_STATE = { waiting: 'ожидает обработки', running: 'выполняется', done: 'выполнено', failed: 'ошибка' } as const;
