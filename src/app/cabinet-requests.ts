// What a cabinet may ask of the owner's job: the very server functions the master's sidebars call, run by the job (as
// the owner) on behalf of the person the request names — their role and scope checked against «Доступ» and the cabinet's
// own subdivision, their arguments validated by the function's own schema.

import type { Workbook } from '../core/ports';
import { REQUEST_STATE } from '../core/sheets/cabinet';
import { ACCESS } from '../core/sheets/master';
import { markRequests, RESUMED, waitingRequests } from '../core/use-cases/cabinets';
import { findUser } from '../core/use-cases/current-user';
import type { App } from './app';
import type { RpcResult } from './rpc';
import * as staff from './rpc-staff';

export const CABINET_REQUEST_FUNCTIONS = {
  setEnrolment: staff.setEnrolment,
  formGroup: staff.formGroup,
  addLateArrivals: staff.addLateArrivals,
  withdrawApplication: staff.withdrawApplication,
  undoMark: staff.undoMark,
  completeGroup: staff.completeGroup,
  archiveGroup: staff.archiveGroup,
  generateDocuments: staff.generateDocuments,
  grantAccess: staff.grantAccess,
  revokeAccess: staff.revokeAccess,
} as const;
export type CabinetRequestKind = keyof typeof CABINET_REQUEST_FUNCTIONS;

const KINDS: readonly string[] = Object.keys(CABINET_REQUEST_FUNCTIONS);
const isKind = (k: string): k is CabinetRequestKind => KINDS.includes(k);

/** A line the cabinet shows for a finished request. */
const summary = (kind: CabinetRequestKind, value: Record<string, unknown>): string => {
  switch (kind) {
    case 'formGroup':
    case 'addLateArrivals':
      return `группа ${value.group}: зачислено ${value.enrolled}${kind === 'formGroup' ? `, не явились ${value.absent}` : ''}${
        (value.refused as string[]).length ? `; не выполнено: ${(value.refused as string[]).join('; ')}` : ''
      }`;
    case 'completeGroup':
      return `завершили ${value.completed}, отчислены ${value.expelled}${(value.numbers as string[]).length ? `; удостоверения № ${(value.numbers as string[]).join(', ')}` : ''}`;
    case 'generateDocuments':
      return String(value.state);
    case 'undoMark':
      return `заявка ${value.id} возвращена ${value.stage === 'group' ? 'в группу' : 'в «Копилку поставщика»'}`;
    default:
      return 'готово';
  }
};

const MAX_ATTEMPTS = 3;

export interface CabinetRequestsReport {
  readonly done: number;
  readonly failed: number;
}

/** Carries out a cabinet's waiting requests in order (and any a crashed run left half-done: see waitingRequests). */
export const runCabinetRequests = (app: App, book: Workbook, subdivision: string): CabinetRequestsReport => {
  const waiting = waitingRequests(book);
  const outcome = new Map<string, { state: string; result: string }>();
  if (!waiting.length) return { done: 0, failed: 0 };
  const fresh = waiting.filter((r) => !r.resumed);
  markRequests(book, new Map(fresh.map((r) => [r.id, { state: REQUEST_STATE.running, result: '' }])));
  const access = app.master.table(ACCESS).read();
  let done = 0;
  for (const r of waiting) {
    const user = findUser(access, r.by);
    let result: RpcResult<unknown>;
    if (!isKind(r.kind)) result = { ok: false, error: `Неизвестное действие «${r.kind}».` };
    else if (user.role !== 'leader' && user.role !== 'head') result = { ok: false, error: `${r.by || 'Автор запроса'}: нет доступа к кабинету.` };
    else if (user.scope !== subdivision) result = { ok: false, error: `${r.by} работает в другом подразделении.` };
    else {
      let args: unknown;
      try {
        args = JSON.parse(r.args || '{}');
      } catch (_e) {
        args = null;
      }
      result = CABINET_REQUEST_FUNCTIONS[r.kind]({ ...app, identity: { email: () => r.by }, notify: () => undefined }, args);
    }
    if (result.ok) done++;
    if (!result.ok && result.interrupted) {
      // Stopped on an exception, maybe half-way: stays «выполняется», so the next run resumes it (the functions are
      // idempotent) — up to MAX_ATTEMPTS runs, then it is reported.
      const attempt = (Number(/попытка (\d+)/.exec(r.previous)?.[1]) || 0) + 1;
      if (attempt < MAX_ATTEMPTS) {
        outcome.set(r.id, { state: REQUEST_STATE.running, result: `сбой, попытка ${attempt}: ${result.error}` });
        continue;
      }
    }
    outcome.set(r.id, {
      state: result.ok ? REQUEST_STATE.done : REQUEST_STATE.failed,
      result: result.ok
        ? summary(r.kind as CabinetRequestKind, result.value as Record<string, unknown>)
        : [result.error, ...Object.values(result.fields ?? {}), r.resumed ? `(${RESUMED})` : ''].filter(Boolean).join(' '),
    });
  }
  markRequests(book, outcome);
  return { done, failed: [...outcome.values()].filter((o) => o.state === REQUEST_STATE.failed).length };
};
