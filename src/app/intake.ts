// Form intake as the trigger runs it: one response processed, never thrown; any failure quarantines it with a reason.

import { FormSubmitEvent, responseFromEvent, rowOfEvent } from '../core/intake/form-event';
import { type FormResponse, processResponses, quarantineRow } from '../core/intake/process-responses';
import { BusyError } from '../core/ports';
import { QUARANTINE, RESPONSE_LOG } from '../core/sheets/master';
import type { App } from './app';
import { errorText } from './errors';
import { journalProblem } from './job';

/** Processes one submitted response; never throws. An unexpected error quarantines the response with the error text. */
export const handleFormSubmit = (app: App, e: unknown): void => {
  const ev = FormSubmitEvent.safeParse({ namedValues: (e as { namedValues?: unknown } | null)?.namedValues, row: rowOfEvent(e) });
  if (!ev.success) {
    // Not a spreadsheet form-submit event: nothing to attach a reason to; the sweep will find any new row.
    journalProblem(app, 'неизвестное событие формы', ev.error.issues.map((i) => i.message).join('; '));
    return;
  }
  const response = responseFromEvent(ev.data, app.clock.now());
  try {
    processResponses(app, [response]);
  } catch (err) {
    if (err instanceof BusyError) {
      console.warn(`onFormSubmit_: банк занят, ответ ${response.responseId} обработает фоновое задание`);
      return;
    }
    quarantineOnError(app, response, err);
  }
};

const quarantineOnError = (app: App, response: FormResponse, err: unknown): void => {
  const reason = `Ошибка обработки: ${errorText(err)}`;
  console.error(`onFormSubmit_ ${response.responseId}: ${errorText(err)}`);
  try {
    app.lock.withLock(() => {
      const q = app.master.table(QUARANTINE);
      if (!q.present([response.responseId]).size) q.append([quarantineRow(response, [reason])]);
      const log = app.master.table(RESPONSE_LOG);
      if (!log.present([response.responseId]).size)
        log.append([{ responseId: response.responseId, processedAt: app.clock.now(), outcome: 'на проверке', applicationId: '', note: reason.slice(0, 1000) }]);
    });
  } catch (again) {
    // Even the quarantine failed: the row stays in «Ответы формы» unlogged, so the sweep retries it.
    journalProblem(app, 'ошибка обработки ответа формы', `${response.responseId}: ${errorText(err)}; ${errorText(again)}`);
  }
};
