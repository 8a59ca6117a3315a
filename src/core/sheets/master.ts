// Every sheet of the master bank: names, columns, validation, protection. Setup, readers and writers derive from here.
import { ENROLMENT_STATES, FORMS_OF_STUDY } from '../domain/course';
import { STAGES } from '../domain/lifecycle';
import { ROLE_LABELS, ROLES } from '../domain/reference';
import { APPLICATION, COURSE, DUTY_COLUMNS, ID, TERRITORY } from './columns';
import { columns, sheet } from './spec';

/** The person columns the ledger's index includes come right after the index keys. */
const indexFirst = (key: string): number => (['lastName', 'firstName', 'middleName', 'organization'].includes(key) ? 0 : 1);

/** A group's state on «Реестр групп». */
export const GROUP_STATUS = { formed: 'сформирована', completed: 'обучение завершено', archived: 'в архиве' } as const;

export const SETTINGS = sheet({
  name: 'Настройки',
  idKey: 'key',
  botOnly: true,
  sectorOnly: true,
  columns: [
    { key: 'key', header: 'Параметр', type: 'text', width: 220 },
    { key: 'value', header: 'Значение', type: 'text', width: 320 },
    // Issue 18: the keys are the bank's own names (`schemaVersion`); this says in Russian what each is (setup writes it).
    { key: 'about', header: 'Что это', type: 'text', width: 420 },
  ],
});

export const TERRITORIES = sheet({
  name: 'Территории',
  idKey: 'code',
  columns: [
    { key: 'code', header: 'Код', type: 'text', width: 140 },
    { key: 'name', header: 'Территория', type: 'text', width: 280, editable: true },
    { key: 'kind', header: 'Вид', type: 'text', width: 160, editable: true },
    { key: 'workbookId', header: 'Книга территории (id)', type: 'text', width: 200 },
    { key: 'active', header: 'Активна', type: 'checkbox', width: 80, editable: true },
  ],
});

export const SUBDIVISIONS = sheet({
  name: 'Подразделения',
  idKey: 'code',
  columns: [
    { key: 'code', header: 'Код', type: 'text', width: 120 },
    { key: 'name', header: 'Подразделение', type: 'text', width: 320 },
  ],
});

export const ACCESS = sheet({
  name: 'Доступ',
  idKey: 'email',
  sectorOnly: true,
  columns: [
    { key: 'email', header: 'Эл. почта', type: 'text', width: 220 },
    { key: 'role', header: 'Роль', type: 'choice', options: ROLES, labels: ROLE_LABELS, width: 170 },
    { key: 'scope', header: 'Подразделение или территория', type: 'text', width: 200 },
    { key: 'name', header: 'ФИО', type: 'text', width: 220 },
    { key: 'active', header: 'Активен', type: 'checkbox', width: 80 },
    // Issue 17: a contact leaders and methodists see of each other; a person's own choice to get no daily reminders.
    { key: 'phone', header: 'Телефон', type: 'text', width: 130 },
    { key: 'noDigest', header: 'Без сводок', type: 'checkbox', width: 90 },
  ],
});

export const COURSES = sheet({
  name: 'Курсы',
  idKey: 'code',
  columns: [
    { key: 'code', header: 'Шифр', type: 'text', width: 100 },
    { key: 'title', header: 'Название', type: 'text', width: 280 },
    { key: 'annotation', header: 'Аннотация', type: 'text', width: 280 },
    { key: 'schedule', header: 'Расписание', type: 'text', width: 200 },
    { key: 'hours', header: 'Объём, ч', type: 'number', width: 80 },
    { key: 'form', header: 'Форма обучения', type: 'choice', options: FORMS_OF_STUDY, width: 130 },
    { key: 'startDate', header: 'Дата начала', type: 'date', width: 100 },
    { key: 'endDate', header: 'Дата окончания', type: 'date', width: 100 },
    { key: 'place', header: 'Место', type: 'text', width: 180 },
    { key: 'audience', header: 'Категория слушателей', type: 'text', width: 180 },
    { key: 'capacity', header: 'Вместимость', type: 'number', width: 90 },
    { key: 'subdivision', header: 'Подразделение', type: 'text', width: 110 },
    { key: 'leader', header: 'Руководитель', type: 'text', width: 200 },
    { key: 'enrolment', header: 'Запись', type: 'choice', options: ENROLMENT_STATES, width: 90 },
  ],
});

export const QUOTAS = sheet({
  name: 'Квоты',
  columns: [
    { key: 'course', header: 'Курс', type: 'text', width: 110 },
    { key: 'territory', header: 'Территория', type: 'text', width: 140 },
    { key: 'places', header: 'Мест', type: 'number', width: 80 },
  ],
});

/** Completion: the outcome and, for those who completed, the certificate («удостоверение») details. */
const CERTIFICATE = columns([
  { key: 'outcome', header: 'Итог обучения', type: 'choice', options: ['completed', 'expelled'], width: 120 },
  { key: 'outcomeReason', header: 'Причина отчисления', type: 'text', width: 200 },
  { key: 'regNumber', header: 'Рег. номер удостоверения', type: 'text', width: 140 },
  { key: 'blankNumber', header: 'Номер бланка', type: 'text', width: 120 },
  { key: 'issueDate', header: 'Дата выдачи', type: 'date', width: 100 },
]);

const STAGE = { key: 'stage', header: 'Этап', type: 'choice', options: STAGES, width: 110 } as const;
const UPDATED = [
  { key: 'updatedAt', header: 'Изменена', type: 'datetime', width: 130 },
  { key: 'updatedBy', header: 'Кем изменена', type: 'text', width: 180 },
] as const;

/** The ledger's index: what every operation needs of every application. These columns come first, so one narrow
 * read of the first columns serves duplicates, quotas, stages, mirrors and counts; full records are read only for
 * the applications an operation moves. */
export const LEDGER_INDEX_KEYS = [
  'id',
  'course',
  'territory',
  'stage',
  'group',
  'reason',
  'updatedAt',
  'updatedBy',
  'personKey',
  'responseId',
  'lastName',
  'firstName',
  'middleName',
  'organization',
] as const;

/** «Реестр заявок»: one row per application, the full record and its current stage — the master's index. */
export const LEDGER = sheet({
  name: 'Реестр заявок',
  idKey: 'id',
  botOnly: true,
  columns: [
    ID,
    COURSE,
    TERRITORY,
    STAGE,
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    { key: 'reason', header: 'Причина', type: 'text', width: 220 },
    ...UPDATED,
    { key: 'personKey', header: 'Ключ человека', type: 'text', width: 160 },
    { key: 'responseId', header: 'Ответ формы', type: 'text', width: 110 },
    ...APPLICATION.filter((c) => !['id', 'course', 'territory'].includes(c.key)).sort((a, b) => indexFirst(a.key) - indexFirst(b.key)),
    // When the application was first sent on to the provider: statistics count it «направлено» whatever came later
    // (withdrawn from the provider's piggy bank, say). Empty for applications sent before schema 6.
    { key: 'sentAt', header: 'Направлена поставщику', type: 'datetime', width: 130 },
  ],
});

export const PROVIDER_BANK = sheet({
  name: 'Копилка поставщика',
  idKey: 'id',
  columns: [
    ...APPLICATION,
    { key: 'sentAt', header: 'Направлена', type: 'datetime', width: 130 },
    { key: 'sentBy', header: 'Направил', type: 'text', width: 180 },
    { key: 'present', header: 'Присутствовал', type: 'checkbox', width: 100, editable: true },
  ],
});

export const GROUPS = sheet({
  name: 'Группы',
  idKey: 'id',
  columns: [
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    ...APPLICATION,
    { key: 'enrolledAt', header: 'Зачислен', type: 'datetime', width: 130 },
    ...CERTIFICATE,
  ],
});

/** «Реестр групп»: one row per group — its course, size and where it stands. */
export const GROUP_REGISTRY = sheet({
  name: 'Реестр групп',
  idKey: 'group',
  botOnly: true,
  columns: [
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    { key: 'course', header: 'Курс', type: 'text', width: 110 },
    { key: 'formedAt', header: 'Сформирована', type: 'datetime', width: 130 },
    { key: 'size', header: 'Слушателей', type: 'number', width: 90 },
    { key: 'status', header: 'Состояние', type: 'choice', options: [GROUP_STATUS.formed, GROUP_STATUS.completed, GROUP_STATUS.archived], width: 150 },
    { key: 'completedAt', header: 'Обучение завершено', type: 'datetime', width: 130 },
    { key: 'archivedAt', header: 'В архиве с', type: 'datetime', width: 130 },
    { key: 'documents', header: 'Документы', type: 'text', width: 360 },
    { key: 'documentsState', header: 'Запрос документов', type: 'text', width: 260 },
  ],
});

/** «Шаблоны документов»: the provider's HTML templates ({{поля}}), edited here, not in code. */
export const TEMPLATES = sheet({
  name: 'Шаблоны документов',
  idKey: 'key',
  columns: [
    { key: 'key', header: 'Код', type: 'text', width: 140 },
    { key: 'title', header: 'Документ', type: 'text', width: 280, editable: true },
    { key: 'html', header: 'Шаблон (HTML)', type: 'text', width: 600, editable: true },
  ],
});

/** «Шаблоны писем»: the texts of the teachers' letters ({{поля}}), edited here; an emptied row falls back to the default. */
export const LETTER_TEMPLATES = sheet({
  name: 'Шаблоны писем',
  idKey: 'key',
  columns: [
    { key: 'key', header: 'Письмо', type: 'text', width: 140 },
    { key: 'title', header: 'Когда отправляется', type: 'text', width: 260 },
    { key: 'subject', header: 'Тема', type: 'text', width: 280, editable: true },
    { key: 'body', header: 'Текст', type: 'text', width: 600, editable: true },
    { key: 'fields', header: 'Поля для {{…}}', type: 'text', width: 300 },
  ],
});

export const ARCHIVE = sheet({
  name: 'Архив',
  idKey: 'id',
  botOnly: true,
  columns: [
    ...APPLICATION,
    { key: 'outcome', header: 'Итог', type: 'choice', options: STAGES, width: 120 },
    { key: 'reason', header: 'Причина', type: 'text', width: 220 },
    { key: 'group', header: 'Группа', type: 'text', width: 130 },
    { key: 'archivedAt', header: 'В архиве с', type: 'datetime', width: 130 },
    ...CERTIFICATE.filter((c) => c.key !== 'outcome' && c.key !== 'outcomeReason'),
  ],
});

/** Form responses the bank could not accept, with what to fix; a staff member corrects them and reprocesses. */
export const QUARANTINE = sheet({
  name: 'На проверке',
  idKey: 'responseId',
  columns: [
    { key: 'responseId', header: 'Ответ формы', type: 'text', width: 100 },
    { key: 'submittedAt', header: 'Отправлен', type: 'datetime', width: 130 },
    { key: 'reasons', header: 'Что исправить', type: 'text', width: 320 },
    ...APPLICATION.filter((c) => c.key !== ID.key && c.key !== 'createdAt').map((c) => ({ ...c, type: 'text' as const, options: undefined, editable: true })),
  ],
});

export const JOURNAL = sheet({
  name: 'Журнал',
  botOnly: true,
  columns: [
    { key: 'at', header: 'Когда', type: 'datetime', width: 130 },
    { key: 'actor', header: 'Кто', type: 'text', width: 200 },
    { key: 'action', header: 'Действие', type: 'text', width: 160 },
    { key: 'applicationId', header: 'Заявка', type: 'text', width: 110 },
    { key: 'from', header: 'Было', type: 'text', width: 120 },
    { key: 'to', header: 'Стало', type: 'text', width: 120 },
    { key: 'reason', header: 'Причина', type: 'text', width: 260 },
  ],
});

/** A letter's life: queued, being sent by one run (so no other run sends it), sent — or failed with the reason. */
export const LETTER_STATUS = { queued: 'ждёт', sending: 'отправляется', sent: 'отправлено', failed: 'ошибка', cancelled: 'отменено' } as const;
export const LETTER_STATUSES = [LETTER_STATUS.queued, LETTER_STATUS.sending, LETTER_STATUS.sent, LETTER_STATUS.failed, LETTER_STATUS.cancelled];

/** «Исходящие»: e-mail waiting to be sent within the daily quota; a failure never blocks an application. */
export const OUTBOX = sheet({
  name: 'Исходящие',
  idKey: 'id',
  botOnly: true,
  columns: [
    { key: 'id', header: 'Письмо', type: 'text', width: 160 },
    { key: 'to', header: 'Кому', type: 'text', width: 200 },
    { key: 'subject', header: 'Тема', type: 'text', width: 260 },
    { key: 'body', header: 'Текст', type: 'text', width: 320 },
    { key: 'createdAt', header: 'Создано', type: 'datetime', width: 130 },
    { key: 'status', header: 'Статус', type: 'choice', options: LETTER_STATUSES, width: 100 },
    { key: 'sentAt', header: 'Отправлено', type: 'datetime', width: 130 },
    { key: 'attempts', header: 'Попыток', type: 'number', width: 80 },
    { key: 'error', header: 'Ошибка', type: 'text', width: 220 },
  ],
});

/** «Обработка ответов»: one row per Form response the bank has processed — what makes processing happen at most once. */
export const RESPONSE_LOG = sheet({
  name: 'Обработка ответов',
  idKey: 'responseId',
  botOnly: true,
  columns: [
    { key: 'responseId', header: 'Ответ формы', type: 'text', width: 100 },
    { key: 'processedAt', header: 'Обработан', type: 'datetime', width: 130 },
    { key: 'outcome', header: 'Итог', type: 'choice', options: ['принята', 'на проверке', 'повтор'], width: 110 },
    { key: 'applicationId', header: 'Заявка', type: 'text', width: 110 },
    { key: 'note', header: 'Примечание', type: 'text', width: 320 },
  ],
});

/** «ФИС ФРДО — столбцы»: the registry's upload layout as data (order, headers, what the bank puts in each). */
export const FRDO_LAYOUT = sheet({
  name: 'ФИС ФРДО — столбцы',
  idKey: 'n',
  columns: [
    { key: 'n', header: '№', type: 'text', width: 50 },
    { key: 'header', header: 'Столбец ФИС ФРДО', type: 'text', width: 360, editable: true },
    { key: 'field', header: 'Поле банка', type: 'text', width: 140, editable: true },
    { key: 'required', header: 'Обязательный', type: 'checkbox', width: 100, editable: true },
    { key: 'allowed', header: 'Допустимые значения', type: 'text', width: 320, editable: true },
  ],
});

/** «Контроль» (issue 17): every open duty of the bank with its deadline, rewritten by the job once a day. */
export const CONTROL = sheet({
  name: 'Контроль',
  botOnly: true,
  columns: [{ key: 'subdivision', header: 'Подразделение', type: 'text', width: 110 }, ...DUTY_COLUMNS],
});

/** «Кабинеты»: one per subdivision — its spreadsheet, the script its onOpen reported, the job's last visit. */
export const CABINETS = sheet({
  name: 'Кабинеты',
  idKey: 'subdivision',
  botOnly: true,
  sectorOnly: true,
  columns: [
    { key: 'subdivision', header: 'Подразделение', type: 'text', width: 120 },
    { key: 'spreadsheetId', header: 'Таблица кабинета', type: 'text', width: 320 },
    { key: 'scriptId', header: 'Скрипт', type: 'text', width: 320 },
    { key: 'version', header: 'Версия кода', type: 'text', width: 90 },
    { key: 'lastSync', header: 'Последняя обработка', type: 'datetime', width: 140 },
  ],
});

/**
 * «Счётчики» (issue 19): how many applications of each course and territory stand at each stage that counts — changed
 * by every move and admission, recounted from «Реестр заявок» once a day and whenever their sum differs from the
 * ledger's rows, so the sync and the leader's sidebar need not read every application.
 */
export const STAGE_COUNTS = sheet({
  name: 'Счётчики',
  idKey: 'key',
  botOnly: true,
  hidden: true,
  columns: [
    { key: 'key', header: 'Курс / территория', type: 'text', width: 200 },
    { key: 'course', header: 'Курс', type: 'text', width: 110 },
    { key: 'territory', header: 'Территория', type: 'text', width: 130 },
    { key: 'methodist', header: 'У методиста', type: 'number', width: 100 },
    { key: 'waitlist', header: 'Лист ожидания', type: 'number', width: 100 },
    { key: 'provider', header: 'У поставщика', type: 'number', width: 100 },
    { key: 'group', header: 'В группе', type: 'number', width: 90 },
    { key: 'done', header: 'Завершили или отчислены', type: 'number', width: 120 },
    { key: 'other', header: 'Прочие (отклонены, не явились, отозваны)', type: 'number', width: 150 },
  ],
});

export { COURSE };

/** The master bank in the order its tabs appear. «Ответы формы» is created by linking the Form, not here. */
export const MASTER_SHEETS = [
  COURSES,
  QUOTAS,
  QUARANTINE,
  PROVIDER_BANK,
  GROUPS,
  GROUP_REGISTRY,
  ARCHIVE,
  LEDGER,
  JOURNAL,
  CONTROL,
  RESPONSE_LOG,
  OUTBOX,
  ACCESS,
  TERRITORIES,
  SUBDIVISIONS,
  CABINETS,
  FRDO_LAYOUT,
  TEMPLATES,
  LETTER_TEMPLATES,
  SETTINGS,
  STAGE_COUNTS,
] as const;
