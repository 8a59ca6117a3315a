// What a cabinet may ask of the owner's job: the very server functions the master's sidebars call, run by the job (as
// the owner) on behalf of the person the request names — their role and scope checked against «Доступ» and the cabinet's
// own subdivision, their arguments validated by the function's own schema.

import type { Workbook } from '../core/ports';
import { REQUEST_STATE } from '../core/sheets/cabinet';
import { ACCESS } from '../core/sheets/master';
import type { Row } from '../core/sheets/spec';
import { describeRestored, keepRequestSheets, markRequests, RESUMED, type RequestSheets, waitingRequests } from '../core/use-cases/cabinets';
import { findUser } from '../core/use-cases/current-user';
import { journal } from '../core/use-cases/journal';
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

/** What the person sees in «Действие». */
export const REQUEST_LABELS: Readonly<Record<CabinetRequestKind, string>> = {
  setEnrolment: 'Запись на курс',
  formGroup: 'Сформировать группу',
  addLateArrivals: 'Добавить опоздавших в группу',
  withdrawApplication: 'Отозвать заявку',
  undoMark: 'Вернуть заявку',
  completeGroup: 'Завершить обучение',
  archiveGroup: 'Перенести группу в архив',
  generateDocuments: 'Подготовить документы группы',
  grantAccess: 'Выдать доступ',
  revokeAccess: 'Отозвать доступ',
};

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const ROLE_WORDS: Readonly<Record<string, string>> = { leader: 'руководитель курсов', head: 'начальник отдела', methodist: 'методист', sector: 'сектор' };

/** «Что именно»: the request's arguments in words (they were checked by the function's own schema before). */
export const describeRequest = (kind: CabinetRequestKind, a: Record<string, unknown>): string => {
  switch (kind) {
    case 'setEnrolment':
      return `курс ${a.code}: запись ${a.state}`;
    case 'formGroup':
      return `курс ${a.code}: присутствовали ${count(a.present)}`;
    case 'addLateArrivals':
      return `курс ${a.code}, группа ${a.group}: добавить ${count(a.ids)}`;
    case 'withdrawApplication':
      return `заявка ${a.id}${a.reason ? `: ${a.reason}` : ''}`;
    case 'undoMark':
      return `заявка ${a.id}: ${a.reason}`;
    case 'completeGroup': {
      const outcomes = Array.isArray(a.outcomes) ? (a.outcomes as Array<{ outcome?: string }>) : [];
      const expelled = outcomes.filter((o) => o.outcome === 'expelled').length;
      return `группа ${a.group}: завершили ${outcomes.length - expelled}, отчислены ${expelled}`;
    }
    case 'archiveGroup':
    case 'generateDocuments':
      return `группа ${a.group}`;
    case 'grantAccess':
      return `${a.email} — ${ROLE_WORDS[String(a.role)] ?? a.role}${a.name ? ` (${a.name})` : ''}`;
    case 'revokeAccess':
      return String(a.email);
  }
};

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
const ATTEMPT = 'сбой, попытка';

export interface CabinetRequestsReport {
  readonly done: number;
  readonly failed: number;
  /** Each request carried out or refused in this run: its id, state and result (the web app answers with them). */
  readonly results: ReadonlyArray<{ readonly id: string; readonly state: string; readonly result: string }>;
}

/**
 * The cabinet's request sheets kept for the subdivision's active head and leaders as «Доступ» says (`access`: its rows);
 * a protection found changed is journaled.
 */
export const keepSheets = (app: App, book: Workbook, subdivision: string, access: readonly Row[]): RequestSheets => {
  const people = access
    .filter((a) => a.active === true && (a.role === 'leader' || a.role === 'head') && a.scope === subdivision)
    .map((a) => String(a.email).trim().toLowerCase());
  const sheets = keepRequestSheets(book, people);
  const found = describeRestored(subdivision, sheets);
  if (found) journal(app.master, { at: app.clock.now(), actor: 'банк', action: 'проверка кабинета', reason: found });
  return sheets;
};

/**
 * Carries out a cabinet's waiting requests (and any a crashed run left half-done: see waitingRequests), each on behalf
 * of the person whose protected sheet it is on (keepRequestSheets: the protection, not a cell, says who asked); that
 * person's role and scope are checked again against «Доступ» by the function itself.
 */
export const runCabinetRequests = (app: App, book: Workbook, subdivision: string): CabinetRequestsReport => {
  const access = app.master.table(ACCESS).read();
  const sheets = keepSheets(app, book, subdivision, access);
  let done = 0;
  let failed = sheets.refused.length;
  const results: Array<{ id: string; state: string; result: string }> = [...sheets.refused];
  for (const { spec, person } of sheets.trusted) {
    const waiting = waitingRequests(book, spec);
    if (!waiting.length) continue;
    const outcome = new Map<string, { state: string; result: string }>();
    markRequests(book, spec, new Map(waiting.filter((r) => !r.resumed).map((r) => [r.id, { state: REQUEST_STATE.running, result: '' }])));
    const user = findUser(access, person);
    for (const r of waiting) {
      let result: RpcResult<unknown>;
      if (!isKind(r.kind)) result = { ok: false, error: `Неизвестное действие «${r.kind}».` };
      else if (user.role !== 'leader' && user.role !== 'head') result = { ok: false, error: `${person}: нет доступа к кабинету.` };
      else if (user.scope !== subdivision) result = { ok: false, error: `${person} работает в другом подразделении.` };
      else result = CABINET_REQUEST_FUNCTIONS[r.kind]({ ...app, identity: { email: () => person }, notify: () => undefined }, r.args);
      if (result.ok) done++;
      if (!result.ok && result.interrupted) {
        // Stopped on an exception, maybe half-way: stays «выполняется», so the next run resumes it (the functions are
        // idempotent) — up to MAX_ATTEMPTS runs, then it is reported.
        const attempt = (Number(new RegExp(`${ATTEMPT} (\\d+)`).exec(r.previous)?.[1]) || 0) + 1;
        if (attempt < MAX_ATTEMPTS) {
          outcome.set(r.id, { state: REQUEST_STATE.running, result: `${ATTEMPT} ${attempt}: ${result.error}` });
          continue;
        }
      }
      if (!result.ok) failed++;
      outcome.set(r.id, {
        state: result.ok ? REQUEST_STATE.done : REQUEST_STATE.failed,
        result: result.ok
          ? summary(r.kind as CabinetRequestKind, result.value as Record<string, unknown>)
          : [result.error, ...Object.values(result.fields ?? {}), r.resumed ? `(${RESUMED})` : ''].filter(Boolean).join(' '),
      });
    }
    markRequests(book, spec, outcome);
    outcome.forEach((o, id) => results.push({ id, ...o }));
  }
  return { done, failed, results };
};
