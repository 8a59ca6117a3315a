// The letters the bank sends to teachers. Their texts are templates on the sheet «Шаблоны писем» (seeded by setup from
// LETTER_KINDS, edited there, not in code); a letter is queued as a draft — its kind and its fields — and rendered with
// the sheet's template at queuing time, so «Исходящие» shows exactly what goes out.

import { showDay } from '../dates';
import { render } from '../documents/render';
import { STAGE_LABELS, type Stage } from '../domain/lifecycle';
import { consentWithdrawn, fio } from '../domain/person';
import type { Clock, Workbook } from '../ports';
import { LETTER_TEMPLATES, OUTBOX, SETTINGS } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { type Letter, prepareLetters, type QueuedLetters } from './outbox';

/** The fields a letter's template may use, as `{{name}}`. */
export type LetterVars = Readonly<Record<string, string>>;

/** A letter before its text: the kind picks the template on «Шаблоны писем». */
export interface LetterDraft {
  /** Stable per cause (`2026-000123/отклонена`): queuing the same letter twice is a no-op. */
  readonly id: string;
  readonly to: string;
  readonly kind: LetterKind;
  readonly vars: LetterVars;
}

const SIGN = '\n\nИРО ПК, Единый банк программ повышения квалификации';
/** `{{status}}` is the link to the status page with a sentence around it, or nothing when the page has no address. */
const STATUS = '{{status}}';
const COMMON = 'fio, id, course, courseTitle, dates, status';
const CARD = 'card (даты, место, расписание, аннотация, руководитель), place, schedule, annotation, leader';

/** Every kind of letter: its key on the sheet (the stage label for a stage's letter), when it is sent, its default text. */
export const LETTER_KINDS = [
  {
    key: 'принята',
    title: 'Заявка принята (после отправки формы)',
    fields: COMMON,
    subject: 'Заявка {{id}} на курс {{course}} принята',
    body:
      'Здравствуйте, {{fio}}!\n\nВаша заявка {{id}} на курс «{{course}} — {{courseTitle}}» ({{dates}}) зарегистрирована в Едином банке ' +
      'программ повышения квалификации ИРО ПК.\n\nЧто дальше: заявку рассмотрит методист вашей территории и направит её в ИРО ПК ' +
      'или сообщит о решении. Письмо о решении придёт на этот адрес. Номер заявки понадобится при обращении.' +
      STATUS +
      SIGN,
  },
  {
    key: 'повтор',
    title: 'Повторная заявка не создана (ни номера, ни этапа первой заявки: адрес мог ввести кто угодно)',
    fields: 'course',
    subject: 'Повторная заявка на курс {{course}} не создана',
    body:
      'Здравствуйте!\n\nЗаявка на курс {{course}} с этими данными уже есть в банке, поэтому повторная заявка не создана. ' +
      'Сообщения о ней приходят на адрес электронной почты, указанный в первой заявке. Если вы её не подавали, обратитесь ' +
      `в ИРО ПК.${SIGN}`,
  },
  {
    key: 'на проверке',
    title: 'Заявку не удалось принять: что исправить',
    fields: 'reasons',
    subject: 'Заявка на курсы повышения квалификации не принята: нужно исправить данные',
    body:
      'Здравствуйте!\n\nВашу заявку не удалось принять автоматически. Что исправить:\n{{reasons}}\n\nОтправьте форму ещё раз с ' +
      `исправленными данными. Сотрудники ИРО ПК тоже видят заявку и могут исправить её сами.${SIGN}`,
  },
  {
    key: 'отклонена',
    title: 'Методист отклонил заявку',
    fields: `${COMMON}, reason`,
    subject: 'Заявка {{id}} на курс {{course}} отклонена',
    body:
      'Здравствуйте, {{fio}}!\n\nВаша заявка {{id}} на курс «{{course}} — {{courseTitle}}» отклонена методистом вашей территории.\n' +
      'Причина: {{reason}}\n\nЕсли у вас есть вопросы, обратитесь к методисту территории, отвечающему за повышение квалификации.' +
      STATUS +
      SIGN,
  },
  {
    key: STAGE_LABELS.provider,
    title: 'Методист направил заявку в ИРО ПК',
    fields: `${COMMON}, ${CARD}`,
    subject: 'Заявка {{id}}: направлена в ИРО ПК',
    body:
      'Здравствуйте, {{fio}}!\n\nМетодист вашей территории направил вашу заявку на курс «{{course}} — {{courseTitle}}» ({{dates}}) ' +
      `в ИРО ПК. Приходите в первый день курса: по явке формируется группа.\n\n{{card}}${STATUS}${SIGN}`,
  },
  {
    key: STAGE_LABELS.waitlist,
    title: 'Заявка в листе ожидания (с местом в очереди)',
    fields: `${COMMON}, position`,
    subject: 'Заявка {{id}}: в листе ожидания',
    body:
      'Здравствуйте, {{fio}}!\n\nВаша заявка на курс «{{course}} — {{courseTitle}}» ({{dates}}) в листе ожидания вашей территории: ' +
      'места по квоте заняты. Ваше место в очереди: {{position}}. Если место освободится, методист направит заявку, и вы получите ' +
      `письмо.${STATUS}${SIGN}`,
  },
  {
    key: STAGE_LABELS.group,
    title: 'Зачислен в группу (в первый день курса)',
    fields: `${COMMON}, group, ${CARD}`,
    subject: 'Заявка {{id}}: вы зачислены в группу',
    body: `Здравствуйте, {{fio}}!\n\nВы зачислены в группу {{group}} курса «{{course}} — {{courseTitle}}» ({{dates}}).\n\n{{card}}${STATUS}${SIGN}`,
  },
  {
    key: STAGE_LABELS.absent,
    title: 'Отмечена неявка в первый день',
    fields: `${COMMON}, contact, undoDays`,
    subject: 'Заявка {{id}}: отмечена неявка',
    body:
      'Здравствуйте, {{fio}}!\n\nВ первый день курса «{{course}} — {{courseTitle}}» ({{dates}}) вы отмечены как не явившийся, заявка ' +
      'перенесена в архив.{{contact}} Если это ошибка, руководитель курса может исправить отметку в течение {{undoDays}} дней.' +
      STATUS +
      SIGN,
  },
  {
    key: STAGE_LABELS.withdrawn,
    title: 'Заявка отозвана',
    fields: `${COMMON}, reason, contact`,
    subject: 'Заявка {{id}}: отозвана',
    body: `Здравствуйте, {{fio}}!\n\nВаша заявка на курс «{{course}} — {{courseTitle}}» ({{dates}}) отозвана{{reason}}.{{contact}}${STATUS}${SIGN}`,
  },
  {
    key: STAGE_LABELS.completed,
    title: 'Обучение завершено (номер удостоверения)',
    fields: `${COMMON}, regNumber, issueDate, contact`,
    subject: 'Заявка {{id}}: обучение завершено',
    body:
      'Здравствуйте, {{fio}}!\n\nВы завершили обучение по курсу «{{course}} — {{courseTitle}}» ({{dates}}). Регистрационный номер ' +
      'удостоверения: {{regNumber}}{{issueDate}}. Как получить удостоверение: его выдаёт руководитель курса в последний день ' +
      'занятий, а если вы его не получили — ИРО ПК по запросу руководителю курса; сведения об удостоверении передаются в ' +
      'ФИС ФРДО.{{contact}}' +
      STATUS +
      SIGN,
  },
  {
    key: STAGE_LABELS.expelled,
    title: 'Отчислен с курса',
    fields: `${COMMON}, reason, contact`,
    subject: 'Заявка {{id}}: отчисление',
    body: `Здравствуйте, {{fio}}!\n\nВы отчислены с курса «{{course}} — {{courseTitle}}» ({{dates}}){{reason}}.{{contact}}${STATUS}${SIGN}`,
  },
  {
    key: 'контроль',
    title: 'Ежедневное напоминание сотруднику о сроках (методисту, руководителю; начальнику и сектору — по понедельникам)',
    fields: 'name, date, items',
    subject: 'ЕБППК: что требует внимания на {{date}}',
    body:
      'Здравствуйте, {{name}}!\n\n{{items}}\n\nЭто письмо приходит не чаще раза в день. Чтобы не получать его, попросите сектор ИРО ПК ' +
      `отметить «Без сводок» для вашего адреса на листе «Доступ».${SIGN}`,
  },
  {
    key: 'сводка',
    title: 'Сводка: несколько писем одному человеку, когда дневной лимит почты мал',
    fields: 'count, letters',
    subject: 'ИРО ПК: сообщений о ваших заявках — {{count}}',
    body: `Здравствуйте!\n\nНесколько сообщений о ваших заявках собраны в одно письмо.\n\n{{letters}}${SIGN}`,
  },
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number]['key'];

const DEFAULTS = new Map<string, { subject: string; body: string }>(LETTER_KINDS.map((k) => [k.key, k]));

/** Plain text (letters are not HTML): the document renderer without escaping. */
export const fill = (template: string, vars: LetterVars): string => render(template, vars, (v) => String(v ?? ''));

/** The templates on the sheet, where a row gives a non-empty subject and text; the built-in text otherwise. */
export const letterTemplates = (master: Workbook): Map<string, { subject: string; body: string }> => {
  const out = new Map(DEFAULTS);
  if (!master.has(LETTER_TEMPLATES)) return out;
  for (const r of master.table(LETTER_TEMPLATES).read())
    if (DEFAULTS.has(String(r.key)) && String(r.subject ?? '').trim() && String(r.body ?? '').trim())
      out.set(String(r.key), { subject: String(r.subject), body: String(r.body) });
  return out;
};

/** The sentence with the status page's address (`statusUrl` on «Настройки»), or '' before the page is deployed. */
export const statusLine = (url: string): string => (url ? `\n\nГде сейчас ваша заявка, можно узнать по её номеру и адресу электронной почты: ${url}` : '');

export const renderLetter = (d: LetterDraft, templates: ReadonlyMap<string, { subject: string; body: string }>, statusUrl: string): Letter => {
  const t = templates.get(d.kind) ?? (DEFAULTS.get(d.kind) as { subject: string; body: string });
  const vars = { ...d.vars, status: statusLine(statusUrl) };
  return { id: d.id, to: d.to, subject: fill(t.subject, vars).replace(/\s+/g, ' ').trim(), body: fill(t.body, vars) };
};

/**
 * Queues drafts in «Исходящие», rendered with the sheet's templates and the status page's address. Reads the outbox's
 * ids, the templates and «Настройки» only when there is something to queue (in Apps Script each at most once per
 * execution: the master's memo).
 */
/** The drafts rendered and looked up in the outbox now; `write` appends the new ones (a move batches it). */
export const prepareMail = (master: Workbook, drafts: readonly LetterDraft[], clock: Clock): QueuedLetters => {
  const useful = drafts.filter((d) => d.to);
  if (!useful.length) return { count: 0, write: () => undefined };
  const templates = letterTemplates(master);
  const url = String(
    master
      .table(SETTINGS)
      .read()
      .find((r) => r.key === 'statusUrl')?.value ?? '',
  );
  return prepareLetters(
    master.table(OUTBOX),
    useful.map((d) => renderLetter(d, templates, url)),
    clock,
  );
};

export const queueMail = (master: Workbook, drafts: readonly LetterDraft[], clock: Clock): number => {
  const queued = prepareMail(master, drafts, clock);
  queued.write();
  return queued.count;
};

// ——— The drafts, one builder per kind ———

const dates = (course: Row | undefined): string => (course ? `${showDay(course.startDate)}–${showDay(course.endDate)}` : '');

const courseCard = (course: Row | undefined): string =>
  course
    ? [
        `Даты: ${dates(course)}`,
        course.place ? `Место: ${course.place}` : '',
        course.schedule ? `Расписание: ${course.schedule}` : '',
        course.annotation ? `О курсе: ${course.annotation}` : '',
        course.leader ? `Руководитель курса: ${course.leader}` : '',
      ]
        .filter(Boolean)
        .join('\n')
    : '';

/** The address of the application, or none once the person withdrew consent (no letter is queued without one). */
const recipient = (app: Row): string => (consentWithdrawn(app) ? '' : String(app.email ?? ''));

const common = (app: Row, course: Row | undefined): Record<string, string> => ({
  fio: fio(app),
  id: String(app.id ?? ''),
  course: String(app.course ?? ''),
  courseTitle: String(course?.title ?? ''),
  dates: dates(course),
});

export const rejectionLetter = (app: Row, course: Row | undefined, reason: string): LetterDraft => ({
  id: `${app.id}/отклонена`,
  to: recipient(app),
  kind: 'отклонена',
  vars: { ...common(app, course), reason },
});

export const confirmationLetter = (app: Row, course: Row | undefined): LetterDraft => ({
  id: `${app.id}/принята`,
  to: String(app.email ?? ''),
  kind: 'принята',
  vars: common(app, course),
});

/**
 * To the address in the *new* response, which anyone who knows a person's СНИЛС could have typed: it says only that
 * no second application was made — never the standing application's number or stage (staff see it in «Обработка
 * ответов»; the teacher gets news at the address of the first application).
 */
export const duplicateLetter = (responseId: string, email: string, standing: Row): LetterDraft => ({
  id: `ответ-${responseId}/повтор`,
  to: email,
  kind: 'повтор',
  vars: { course: String(standing.course ?? '') },
});

export const correctionLetter = (responseId: string, email: string, reasons: readonly string[]): LetterDraft => ({
  id: `ответ-${responseId}/на-проверке`,
  to: email,
  kind: 'на проверке',
  vars: { reasons: reasons.map((r) => `— ${r}`).join('\n') },
});

/** What a stage's letter may say beyond the application and its course. */
export interface StageFacts {
  readonly reason: string;
  /** The application's place in its territory's waitlist for the course (1 = next). */
  readonly position?: number;
  readonly undoDays?: number;
}

const STAGE_KINDS: Partial<Record<Stage, LetterKind>> = {
  provider: STAGE_LABELS.provider as LetterKind,
  waitlist: STAGE_LABELS.waitlist as LetterKind,
  group: STAGE_LABELS.group as LetterKind,
  absent: STAGE_LABELS.absent as LetterKind,
  withdrawn: STAGE_LABELS.withdrawn as LetterKind,
  completed: STAGE_LABELS.completed as LetterKind,
  expelled: STAGE_LABELS.expelled as LetterKind,
};

/**
 * The letter for an application reaching `to` (issue 16: a letter at every step), or null where none is sent (the
 * rejection has its own letter with the reason; an undo sends none). The id is the application and the stage: one letter
 * per event per person, however often a move is re-run.
 */
export const stageLetter = (to: Stage, app: Row, course: Row | undefined, facts: StageFacts): LetterDraft | null => {
  const kind = STAGE_KINDS[to];
  if (!kind) return null;
  const reason = facts.reason;
  return {
    id: `${app.id}/${STAGE_LABELS[to]}`,
    to: recipient(app),
    kind,
    vars: {
      ...common(app, course),
      card: courseCard(course),
      place: String(course?.place ?? ''),
      schedule: String(course?.schedule ?? ''),
      annotation: String(course?.annotation ?? ''),
      leader: String(course?.leader ?? ''),
      contact: course?.leader ? ` Вопросы — руководителю курса: ${course.leader}.` : '',
      group: String(app.group ?? ''),
      position: facts.position ? String(facts.position) : '—',
      undoDays: String(facts.undoDays ?? 14),
      regNumber: String(app.regNumber || '—'),
      issueDate: app.issueDate instanceof Date ? ` от ${showDay(app.issueDate)}` : '',
      reason: !reason ? '' : to === 'withdrawn' ? `: ${reason}` : `. Причина: ${reason}`,
    },
  };
};

/** The digest that replaces several letters to one person when the day's mail quota is short. */
export const digestLetter = (
  to: string,
  letters: readonly { subject: string; body: string }[],
  templates: ReadonlyMap<string, { subject: string; body: string }>,
): { subject: string; body: string } => {
  const t = templates.get('сводка') ?? (DEFAULTS.get('сводка') as { subject: string; body: string });
  const vars = { to, count: String(letters.length), letters: letters.map((l) => `— ${l.subject} —\n\n${l.body}`).join('\n\n\n') };
  return { subject: fill(t.subject, vars), body: fill(t.body, vars) };
};
