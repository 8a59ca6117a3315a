// The texts of the letters the bank sends to teachers (Russian, in one place).

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
