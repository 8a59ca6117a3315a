// Form intake entry points: the form-submit trigger, the sweep and quarantine reprocessing, wired to Apps Script.
import { BusyError } from '../adapters/spreadsheet-app/services';
import { ensureForm } from '../adapters/spreadsheet-app/form-app';
import { FormSubmitEvent, responseFromEvent } from '../core/intake/form-event';
import { formChoices } from '../core/intake/form-choices';
import { FormResponse, processResponses, quarantineRow } from '../core/intake/process-responses';
import { COURSES, QUARANTINE, RESPONSE_LOG, SETTINGS, TERRITORIES } from '../core/sheets/master';
import { setSetting } from '../core/use-cases/settings';
import type { App } from './app';
import type { GasApp } from './compose';
import { journalProblem } from './job';
import { errorText } from './ui';

export const intakeDeps = (app: App) => ({ master: app.master, books: app.books, clock: app.clock, properties: app.properties, lock: app.lock });

/** Processes one submitted response; never throws. An unexpected error quarantines the response with the error text. */
export const handleFormSubmit = (app: App, e: unknown): void => {
  const ev = FormSubmitEvent.safeParse(e);
  if (!ev.success) {
    // Not a spreadsheet form-submit event: nothing to attach a reason to; the sweep will find any new row.
    journalProblem(app, 'неизвестное событие формы', ev.error.issues.map((i) => i.message).join('; '));
    return;
  }
  const response = responseFromEvent(ev.data, app.clock.now());
  try {
    processResponses(intakeDeps(app), [response]);
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
      if (!q.ids().includes(response.responseId)) q.append([quarantineRow(response, [reason])]);
      const log = app.master.table(RESPONSE_LOG);
      if (!log.ids().includes(response.responseId)) log.append([{ responseId: response.responseId, processedAt: app.clock.now(), outcome: 'на проверке', applicationId: '', note: reason.slice(0, 1000) }]);
    });
  } catch (again) {
    // Even the quarantine failed: the row stays in «Ответы формы» unlogged, so the sweep retries it.
    journalProblem(app, 'ошибка обработки ответа формы', `${response.responseId}: ${errorText(err)}; ${errorText(again)}`);
  }
};

/** Setup and enrolment changes: the Form exists once and its lists follow «Территории» and «Курсы». */
export const syncForm = (app: GasApp): { url: string; created: boolean } => {
  const choices = formChoices(app.master.table(TERRITORIES).read(), app.master.table(COURSES).read());
  const info = ensureForm(app.ss, choices);
  const settings = app.master.table(SETTINGS);
  setSetting(settings, 'formId', info.id);
  setSetting(settings, 'formUrl', info.url);
  return info;
};

