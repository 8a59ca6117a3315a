// The application Form as data: item titles (what Google writes as column headers of «Ответы формы»), kinds, choices.

import { ddmmyyyy } from '../dates';
import { EDUCATION_LEVELS, SEXES } from '../domain/application';
import { POSITIONS } from '../reference/positions';
import type { Row } from '../sheets/spec';

export const FORM_TITLE = 'Заявка на курсы повышения квалификации';
export const FORM_DESCRIPTION =
  'Единый банк программ повышения квалификации ИРО ПК. Заявку рассмотрит методист вашей территории; ' + 'о решении вы получите письмо на указанный адрес.';

/** The version of the consent text; bump it when the text changes (the bank records the version agreed to). */
export const CONSENT_VERSION = '2';
export const CONSENT_CHOICE = `Даю согласие на обработку моих персональных данных (редакция ${CONSENT_VERSION})`;
/** What the person agrees to (152-ФЗ, ст. 9): the operator, the purpose, the data, the period and how to withdraw. */
export const CONSENT_TEXT =
  'В соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю согласие ГБУ ДПО «ИРО ПК» ' +
  'на обработку моих персональных данных — ФИО, адрес эл. почты, телефон, место работы, должность, дата рождения, пол, ' +
  'СНИЛС, уровень образования, фамилия в дипломе — с целью записи на курсы повышения квалификации, формирования групп, ' +
  'выдачи удостоверения и передачи сведений в ФИС ФРДО; сведения видят методист моей территории и сотрудники ИРО ПК. ' +
  'Согласие действует до его отзыва; после окончания курса данные хранятся 5 лет (документы об обучении — сколько требует ' +
  'закон), затем обезличиваются. Отозвать согласие можно на странице статуса заявки (номер заявки и адрес эл. почты) или ' +
  'письмом в ИРО ПК; заявки, обучение по которым не началось, при этом отзываются.';

export type ItemKind = 'text' | 'paragraph' | 'list' | 'choice' | 'date' | 'checkbox';

export interface FormItem {
  readonly key: string;
  readonly title: string;
  readonly kind: ItemKind;
  readonly required: boolean;
  readonly help?: string;
  /** Fixed choices; 'territories' and 'courses' are filled from the bank's sheets. */
  readonly choices?: readonly string[] | 'territories' | 'courses';
  /** A multiple-choice item with «Другое» and free text. */
  readonly other?: boolean;
  /**
   * What a text answer must look like, checked where the teacher types it (issue 18): the Google Form's text validation
   * (RE2, anchored) and the local form's `pattern` (an HTML pattern: anchored, `v` flag — hence the escapes in classes).
   * Coarse on purpose: the bank parses again (checksums, normalising) and quarantines what slips through.
   */
  readonly pattern?: { readonly regex: string; readonly message: string };
}

export const NAME_PATTERN = "\\s*[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё\\-'’ ]{0,99}\\s*";
const name = (label: string) => ({ regex: NAME_PATTERN, message: `${label}: только буквы, пробел, дефис и апостроф` });

/** What the Form says after «Отправить»: what happens next and where to look (issue 18). */
export const formConfirmation = (statusUrl: string): string =>
  'Заявка отправлена. В течение нескольких минут на указанный адрес придёт письмо с номером заявки (если его нет — ' +
  'проверьте папку «Спам»). Если в заявке найдётся ошибка, письмо скажет, что исправить: тогда отправьте форму ещё раз. ' +
  'Заявку рассмотрит методист вашей территории, о решении придёт письмо.' +
  (statusUrl ? ` Узнать, что с заявкой: ${statusUrl}` : '');

export const POSITION_CHOICES = POSITIONS.map((p) => p.position).filter((p) => p !== 'другое');

export const FORM_ITEMS: readonly FormItem[] = [
  { key: 'lastName', title: 'Фамилия', kind: 'text', required: true, pattern: name('Фамилия') },
  { key: 'firstName', title: 'Имя', kind: 'text', required: true, pattern: name('Имя') },
  { key: 'middleName', title: 'Отчество (если есть)', kind: 'text', required: false, pattern: name('Отчество') },
  { key: 'email', title: 'Адрес электронной почты', kind: 'text', required: true, help: 'На него придут письма о заявке.' },
  {
    key: 'phone',
    title: 'Телефон',
    kind: 'text',
    required: true,
    help: 'Например, +7 902 123-45-67',
    pattern: { regex: '\\s*\\+?[\\s\\(\\)\\-]*(?:\\d[\\s\\(\\)\\-]*){10,11}', message: 'Телефон: 10 цифр после +7, например +7 902 123-45-67' },
  },
  { key: 'territory', title: 'Территория (муниципальное образование)', kind: 'list', required: true, choices: 'territories' },
  { key: 'organization', title: 'Образовательная организация', kind: 'text', required: true, help: 'Полное или краткое название, как в уставе.' },
  { key: 'position', title: 'Должность', kind: 'choice', required: true, choices: POSITION_CHOICES, other: true },
  { key: 'course', title: 'Курс', kind: 'list', required: true, choices: 'courses' },
  { key: 'birthDate', title: 'Дата рождения', kind: 'date', required: true, help: 'Нужна для удостоверения и ФИС ФРДО.' },
  { key: 'sex', title: 'Пол', kind: 'choice', required: true, choices: SEXES },
  {
    key: 'snils',
    title: 'СНИЛС',
    kind: 'text',
    required: true,
    help: '11 цифр, например 112-233-445 95. Нужен для ФИС ФРДО.',
    pattern: { regex: '[\\s\\-]*(?:\\d[\\s\\-]*){11}', message: 'СНИЛС: 11 цифр, например 112-233-445 95' },
  },
  { key: 'educationLevel', title: 'Уровень образования', kind: 'choice', required: true, choices: EDUCATION_LEVELS },
  { key: 'diplomaLastName', title: 'Фамилия в дипломе (если отличается)', kind: 'text', required: false, pattern: name('Фамилия в дипломе') },
  { key: 'consent', title: 'Согласие на обработку персональных данных', kind: 'checkbox', required: true, help: CONSENT_TEXT, choices: [CONSENT_CHOICE] },
];

/** «шифр — название (dd.mm.yyyy–dd.mm.yyyy)»: what the Form's course list shows and what a response carries. */
export const courseLabel = (c: Row): string => {
  const d = (v: unknown) => (Object.prototype.toString.call(v) === '[object Date]' ? ddmmyyyy(v as Date) : String(v ?? ''));
  return `${c.code} — ${c.title} (${d(c.startDate)}–${d(c.endDate)})`;
};

/** The course code of a label (everything before « — »), so a renamed title does not orphan old responses. */
export const courseCodeOf = (label: string): string => label.split(' — ')[0].trim();

/** Courses shown in the Form: open for enrolment, ordered by start date then code. */
const openCourses = (courses: readonly Row[]): Row[] =>
  courses
    .filter((c) => c.enrolment === 'открыт')
    .slice()
    .sort((a, b) => {
      const ta = a.startDate instanceof Date ? a.startDate.getTime() : 0;
      const tb = b.startDate instanceof Date ? b.startDate.getTime() : 0;
      return ta - tb || String(a.code).localeCompare(String(b.code));
    });

export const openCourseLabels = (courses: readonly Row[]): string[] => openCourses(courses).map(courseLabel);

/** How much of an annotation the Form's description of the course list carries (the rest is in the letter). */
export const ANNOTATION_IN_FORM = 240;

/** One open course as a teacher chooses it: label, place, schedule, a short annotation (issue 16: the course card). */
export const courseCard = (c: Row): string => {
  const about = String(c.annotation ?? '').trim();
  return [
    courseLabel(c),
    c.place ? `Место: ${c.place}` : '',
    c.schedule ? `Расписание: ${c.schedule}` : '',
    about ? `О курсе: ${about.length > ANNOTATION_IN_FORM ? `${about.slice(0, ANNOTATION_IN_FORM - 1).trimEnd()}…` : about}` : '',
  ]
    .filter(Boolean)
    .join('\n');
};

/** The course list's description in the Form: every open course's card, in the list's order. */
export const openCourseCards = (courses: readonly Row[]): string => openCourses(courses).map(courseCard).join('\n\n');
