// The teacher's status page (issue 16): an application's number and the e-mail it was made with → its stage, the day
// of its last change and the next step, in plain Russian. Nothing else: no names, no course of someone else, and a wrong
// pair gets exactly the answer a missing one gets, so the page tells a stranger nothing.
import { ddmmyyyy } from '../dates';
import { esc } from '../documents/render';
import type { Stage } from '../domain/lifecycle';
import { consentWithdrawn } from '../domain/person';
import type { Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { LEDGER } from '../sheets/master';
import type { Row } from '../sheets/spec';
import * as z from '../zod';
import { type ConsentDeps, withdrawConsent } from './consent';

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
  /** The day the person withdrew consent (152-ФЗ), or ''. */
  readonly consentWithdrawn: string;
}

/**
 * The application of this number made with this address: one read of the ledger's columns from the id to the e-mail,
 * then that one row in full. An archive year's applications are not looked up.
 */
const findApplication = (master: Workbook, input: StatusInput): Row | null => {
  const ledger = master.table(LEDGER);
  const found = ledger.readKeys(['id', 'stage', 'updatedAt', 'email']).find((f) => f.row.id === input.id);
  if (!found || String(found.row.email).trim().toLowerCase() !== input.email) return null;
  return ledger.readAt([found.index])[0]?.row ?? null;
};

export const applicationStatus = (master: Workbook, input: StatusInput): Result<Status, string> => {
  const row = findApplication(master, input);
  if (!row) return err(NOT_FOUND);
  const stage = String(row.stage) as Stage;
  return ok({
    id: input.id,
    stage: LABEL[stage] ?? stage,
    changed: row.updatedAt instanceof Date ? ddmmyyyy(row.updatedAt) : '',
    next: NEXT[stage] ?? '',
    consentWithdrawn: consentWithdrawn(row) ? (row.consentWithdrawnAt instanceof Date ? ddmmyyyy(row.consentWithdrawnAt) : String(row.consentWithdrawnAt)) : '',
  });
};

/** The withdrawal of consent asks for an explicit confirmation besides the number and the address. */
export const WithdrawInput = z.strictObject({ ...StatusInput.shape, confirm: z.literal('да', 'Подтвердите отзыв согласия: отметьте флажок.') });
export type WithdrawInput = z.infer<typeof WithdrawInput>;

export const WITHDRAWN_TEXT =
  'Согласие на обработку персональных данных отозвано. Заявки, обучение по которым не началось, отозваны; писем больше не будет. ' +
  'Если вы уже в группе, сведения о вашем обучении хранятся, пока этого требует закон (приказы, удостоверение, ФИС ФРДО), затем обезличиваются.';

/** The teacher withdraws consent on the status page: the same pair check (and the same answer for a wrong pair). */
export const withdrawByTeacher = (deps: ConsentDeps, input: WithdrawInput): Result<Status, string> => {
  const row = findApplication(deps.master, input);
  if (!row) return err(NOT_FOUND);
  // The web app runs as the owner (the local bank likewise acts as its owner): the workbooks open to it.
  const r = withdrawConsent(deps, { email: 'заявитель (страница статуса)', role: 'system' }, input.id, { ownerExecution: true });
  if (!r.ok) return err(r.error);
  return applicationStatus(deps.master, input);
};

/**
 * The answer block of the status page, the same in the local bank and the web app: the stage, the next step and — until
 * done — the form that withdraws consent (posted to `action` with the same number and address).
 */
export const statusAnswerHtml = (s: Status, values: { id: string; email: string }, action: string): string => {
  const head = `<div class="ok" role="status"><p><strong>Заявка ${esc(s.id)}: ${esc(s.stage)}</strong>${s.changed ? ` (с ${esc(s.changed)})` : ''}</p><p>${esc(s.next)}</p>`;
  if (s.consentWithdrawn) return `${head}<p>${esc(WITHDRAWN_TEXT)} (${esc(s.consentWithdrawn)})</p></div>`;
  return `${head}</div><form method="post" action="${esc(action)}" target="_top" class="withdraw">
<input type="hidden" name="id" value="${esc(values.id)}"><input type="hidden" name="email" value="${esc(values.email)}"><input type="hidden" name="action" value="withdraw">
<p><strong>Отозвать согласие на обработку персональных данных.</strong> Все ваши заявки, обучение по которым не началось, будут отозваны, письма приходить перестанут. Если вы уже в группе, сведения об обучении хранятся, пока этого требует закон.</p>
<p><label><input type="checkbox" name="confirm" value="да" required> Да, я отзываю согласие</label></p>
<p><button type="submit">Отозвать согласие</button></p></form>`;
};
