// The teacher's status page (issue 16): an application's number and the e-mail it was made with → its stage, the day
// of its last change and the next step, in plain Russian. Nothing else: no names, no course of someone else, and a wrong
// pair gets exactly the answer a missing one gets, so the page tells a stranger nothing.
import { ddmmyyyy } from '../dates';
import type { Stage } from '../domain/lifecycle';
import type { Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { LEDGER } from '../sheets/master';
import * as z from '../zod';

export const StatusInput = z.strictObject({
  id: z.string().check(z.trim(), z.regex(/^\d{4}-\d{6}$/, 'Номер заявки — вида 2026-000123.')),
  email: z.string().check(z.trim(), z.toLowerCase(), z.minLength(3, 'Укажите адрес эл. почты из заявки.'), z.maxLength(254)),
});
export type StatusInput = z.infer<typeof StatusInput>;

export const NOT_FOUND = 'Заявка с таким номером и адресом не найдена. Проверьте номер (вида 2026-000123) и адрес эл. почты, указанный в заявке.';

const NEXT: Record<Stage, string> = {
  methodist: 'Заявку рассматривает методист вашей территории; о решении придёт письмо.',
  waitlist: 'Места по квоте территории заняты: заявка в листе ожидания. Если место освободится, методист направит её в ИРО ПК.',
  provider: 'Заявка направлена в ИРО ПК. Приходите в первый день курса: по явке формируется группа.',
  group: 'Вы в группе курса. После окончания курса руководитель отметит итог обучения.',
  rejected: 'Заявка отклонена методистом территории; причина — в письме. Можно подать заявку на другой курс.',
  absent: 'Вы отмечены как не явившийся в первый день курса. Если это ошибка, обратитесь к руководителю курса в течение 14 дней.',
  expelled: 'Вы отчислены с курса; причина — в письме.',
  completed: 'Обучение завершено, удостоверение выдано; его номер — в письме о завершении.',
  withdrawn: 'Заявка отозвана.',
};

const LABEL: Record<Stage, string> = {
  methodist: 'у методиста территории',
  waitlist: 'в листе ожидания',
  provider: 'направлена в ИРО ПК',
  group: 'в группе',
  rejected: 'отклонена',
  absent: 'не явился',
  expelled: 'отчислен',
  completed: 'обучение завершено',
  withdrawn: 'отозвана',
};

export interface Status {
  readonly id: string;
  readonly stage: string;
  readonly changed: string;
  readonly next: string;
}

/** One read of the ledger's columns from the id to the e-mail; an archive year's applications are not looked up. */
export const applicationStatus = (master: Workbook, input: StatusInput): Result<Status, string> => {
  const row = master
    .table(LEDGER)
    .readKeys(['id', 'stage', 'updatedAt', 'email'])
    .find((f) => f.row.id === input.id)?.row;
  if (!row || String(row.email).trim().toLowerCase() !== input.email) return err(NOT_FOUND);
  const stage = String(row.stage) as Stage;
  return ok({
    id: input.id,
    stage: LABEL[stage] ?? stage,
    changed: row.updatedAt instanceof Date ? ddmmyyyy(row.updatedAt) : '',
    next: NEXT[stage] ?? '',
  });
};
