// The texts of the letters the bank sends to teachers (Russian, in one place).
import type { Row } from '../sheets/spec';
import type { Letter } from './outbox';

const fio = (r: Row) => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ');

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
