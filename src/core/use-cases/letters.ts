// The texts of the letters the bank sends to teachers (Russian, in one place).

import { showDay } from '../dates';
import { STAGE_LABELS, type Stage } from '../domain/lifecycle';
import { fio } from '../domain/person';
import type { Row } from '../sheets/spec';
import type { Letter } from './outbox';

export const rejectionLetter = (app: Row, courseTitle: string, reason: string): Letter => ({
  id: `${app.id}/отклонена`,
  to: String(app.email),
  subject: `Заявка ${app.id} на курс ${app.course} отклонена`,
  body:
    `Здравствуйте, ${fio(app)}!\n\n` +
    `Ваша заявка ${app.id} на курс «${app.course} — ${courseTitle}» отклонена методистом вашей территории.\n` +
    `Причина: ${reason}\n\n` +
    `Если у вас есть вопросы, обратитесь к методисту территории, отвечающему за повышение квалификации.\n\n` +
    `ИРО ПК, Единый банк программ повышения квалификации`,
});

export const confirmationLetter = (app: Row, courseTitle: string, dates: string): Letter => ({
  id: `${app.id}/принята`,
  to: String(app.email),
  subject: `Заявка ${app.id} на курс ${app.course} принята`,
  body:
    `Здравствуйте, ${fio(app)}!\n\n` +
    `Ваша заявка ${app.id} на курс «${app.course} — ${courseTitle}» (${dates}) зарегистрирована в Едином банке программ ` +
    `повышения квалификации ИРО ПК.\n\n` +
    `Что дальше: заявку рассмотрит методист вашей территории и направит её в ИРО ПК или сообщит о решении. ` +
    `Письмо о решении придёт на этот адрес. Номер заявки понадобится при обращении.\n\n` +
    `ИРО ПК, Единый банк программ повышения квалификации`,
});

/**
 * To the address in the *new* response, which anyone who knows a person's СНИЛС could have typed: it says only that
 * no second application was made — never the standing application's number or stage (staff see it in «Обработка
 * ответов»; the teacher gets news at the address of the first application).
 */
export const duplicateLetter = (responseId: string, email: string, standing: Row): Letter => ({
  id: `ответ-${responseId}/повтор`,
  to: email,
  subject: `Повторная заявка на курс ${standing.course} не создана`,
  body:
    `Здравствуйте!\n\nЗаявка на курс ${standing.course} с этими данными уже есть в банке, поэтому повторная заявка не создана. ` +
    `Сообщения о ней приходят на адрес электронной почты, указанный в первой заявке. Если вы её не подавали, обратитесь ` +
    `в ИРО ПК.\n\nИРО ПК, Единый банк программ повышения квалификации`,
});

export const correctionLetter = (responseId: string, email: string, reasons: readonly string[]): Letter => ({
  id: `ответ-${responseId}/на-проверке`,
  to: email,
  subject: 'Заявка на курсы повышения квалификации не принята: нужно исправить данные',
  body:
    `Здравствуйте!\n\nВашу заявку не удалось принять автоматически. Что исправить:\n` +
    reasons.map((r) => `— ${r}`).join('\n') +
    `\n\nОтправьте форму ещё раз с исправленными данными. Сотрудники ИРО ПК тоже видят заявку и могут исправить её сами.\n\n` +
    `ИРО ПК, Единый банк программ повышения квалификации`,
});

const SIGN = '\n\nИРО ПК, Единый банк программ повышения квалификации';

const courseLine = (app: Row, course: Row | undefined): string =>
  `«${app.course}${course?.title ? ` — ${course.title}` : ''}»${course ? ` (${showDay(course.startDate)}–${showDay(course.endDate)})` : ''}`;

const courseCard = (course: Row | undefined): string =>
  course
    ? [
        `Даты: ${showDay(course.startDate)}–${showDay(course.endDate)}`,
        course.place ? `Место: ${course.place}` : '',
        course.schedule ? `Расписание: ${course.schedule}` : '',
        course.annotation ? `О курсе: ${course.annotation}` : '',
        course.leader ? `Руководитель курса: ${course.leader}` : '',
      ]
        .filter(Boolean)
        .join('\n')
    : '';

/**
 * The letter for an application reaching `to` (issue 16: a letter at every step), or null where none is sent (the
 * rejection has its own letter with the reason; an undo sends none). The id is the application and the stage: one letter
 * per event per person, however often a move is re-run.
 */
export const stageLetter = (to: Stage, app: Row, course: Row | undefined, reason: string): Letter | null => {
  const hello = `Здравствуйте, ${fio(app)}!\n\n`;
  const letter = (subject: string, text: string): Letter => ({
    id: `${app.id}/${STAGE_LABELS[to]}`,
    to: String(app.email ?? ''),
    subject: `Заявка ${app.id}: ${subject}`,
    body: `${hello}${text}${SIGN}`,
  });
  const contact = course?.leader ? ` Вопросы — руководителю курса: ${course.leader}.` : '';
  switch (to) {
    case 'provider':
      return letter(
        'направлена в ИРО ПК',
        `Методист вашей территории направил вашу заявку на курс ${courseLine(app, course)} в ИРО ПК. ` +
          `Приходите в первый день курса: по явке формируется группа.\n\n${courseCard(course)}`,
      );
    case 'waitlist':
      return letter(
        'в листе ожидания',
        `Ваша заявка на курс ${courseLine(app, course)} в листе ожидания вашей территории: места по квоте заняты. ` +
          'Если место освободится, методист направит заявку, и вы получите письмо.',
      );
    case 'group':
      return letter('вы зачислены в группу', `Вы зачислены в группу ${app.group ?? ''} курса ${courseLine(app, course)}.\n\n${courseCard(course)}`);
    case 'absent':
      return letter(
        'отмечена неявка',
        `В первый день курса ${courseLine(app, course)} вы отмечены как не явившийся, заявка перенесена в архив.` +
          `${contact} Если это ошибка, руководитель курса может исправить отметку в течение 14 дней.`,
      );
    case 'withdrawn':
      return letter('отозвана', `Ваша заявка на курс ${courseLine(app, course)} отозвана${reason ? `: ${reason}` : ''}.${contact}`);
    case 'completed':
      return letter(
        'обучение завершено',
        `Вы завершили обучение по курсу ${courseLine(app, course)}. Регистрационный номер удостоверения: ${app.regNumber || '—'}` +
          `${app.issueDate instanceof Date ? ` от ${showDay(app.issueDate)}` : ''}. ` +
          `Удостоверение выдаёт ИРО ПК; сведения о нём передаются в ФИС ФРДО.${contact}`,
      );
    case 'expelled':
      return letter('отчисление', `Вы отчислены с курса ${courseLine(app, course)}${reason ? `. Причина: ${reason}` : ''}.${contact}`);
    default:
      return null;
  }
};
