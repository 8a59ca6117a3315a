// The bank's one time-driven job (and «Синхронизировать сейчас»): sync territory workbooks, check integrity, send mail.

import type { IntakeReport } from '../core/intake/process-responses';
import { sweepResponses } from '../core/intake/sweep';
import { OUTBOX } from '../core/sheets/master';
import { checkIntegrity } from '../core/use-cases/integrity';
import { journal } from '../core/use-cases/journal';
import { type SendReport, sendOutbox } from '../core/use-cases/outbox';
import { type SyncReport, syncTerritories } from '../core/use-cases/sync-territories';
import type { App } from './app';
import { errorText } from './errors';

export interface JobReport {
  readonly intake: IntakeReport | null;
  readonly sync: SyncReport;
  readonly integrity: string[];
  readonly mail: SendReport;
}

const PROBLEMS_KEY = 'EBPPK_LAST_INTEGRITY';

export const runJob = (app: App): JobReport => {
  // Responses the form trigger missed first, so they reach the workbooks in this very run.
  let intake: IntakeReport | null = null;
  try {
    intake = sweepResponses(app);
  } catch (e) {
    journalProblem(app, 'ошибка обработки ответов формы', errorText(e));
  }
  const sync = syncTerritories(app);
  // The check reads the master's stage sheets and the workbooks the sync touched; the menu item checks every workbook.
  const integrity = sync.skipped ? [] : checkIntegrity(app.master, app.books, new Set(sync.touched)).problems;
  const signature = integrity.join('\n');
  if (!sync.skipped && signature !== (app.properties.get(PROBLEMS_KEY) ?? '')) {
    app.properties.set(PROBLEMS_KEY, signature);
    if (integrity.length) journalProblem(app, 'проверка целостности', integrity.slice(0, 20).join('; '));
  }
  let mail: SendReport = { sent: 0, failed: 0, waiting: 0 };
  try {
    mail = sendOutbox(app.master.table(OUTBOX), app.mailer, app.clock);
  } catch (e) {
    // Mail never blocks the bank: the letters stay «ждёт» for the next run.
    console.error(`outbox: ${errorText(e)}`);
  }
  return { intake, sync, integrity, mail };
};

export const journalProblem = (app: App, action: string, text: string): void => {
  try {
    journal(app.master, { at: app.clock.now(), actor: 'банк', action, reason: text });
  } catch (e) {
    console.error(`journal: ${errorText(e)}`);
  }
};

export const describeJob = (r: JobReport): string => {
  const s = r.sync;
  const i = r.intake;
  if (s.skipped && !r.mail.sent && !i) return 'Изменений в книгах территорий нет.';
  const parts = [
    i?.accepted.length ? `Принято заявок из формы: ${i.accepted.length}.` : '',
    i?.quarantined.length ? `На проверку: ${i.quarantined.length}.` : '',
    i?.duplicates.length ? `Повторных заявок: ${i.duplicates.length}.` : '',
    s.books ? `Просмотрено книг: ${s.books}.` : '',
    s.sent ? `Направлено поставщику: ${s.sent}.` : '',
    s.rejected ? `Отклонено: ${s.rejected}.` : '',
    s.waitlisted ? `В лист ожидания: ${s.waitlisted}.` : '',
    s.returned ? `Возвращено из листа ожидания: ${s.returned}.` : '',
    s.notes ? `Отметок банка: ${s.notes}.` : '',
    s.mirrors ? `Обновлено листов «Квоты»/«История»: ${s.mirrors}.` : '',
    r.mail.sent ? `Отправлено писем: ${r.mail.sent}.` : '',
    r.integrity.length ? `Проблем целостности: ${r.integrity.length} (см. «Журнал»).` : '',
    s.refused.length ? `Не выполнено: ${s.refused.slice(0, 5).join('; ')}.` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'Изменений нет.';
};
