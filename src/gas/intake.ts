// The application Form from Apps Script: created once by setup, its lists following «Территории» and «Курсы».
import { ensureForm } from '../adapters/spreadsheet-app/form-app';
import { formChoices } from '../core/intake/form-choices';
import { COURSES, SETTINGS, TERRITORIES } from '../core/sheets/master';
import { setSetting } from '../core/use-cases/settings';
import type { GasApp } from './compose';

/** Setup and enrolment changes: the Form exists once and its lists follow «Территории» and «Курсы». */
export const syncForm = (app: GasApp): { url: string; created: boolean } => {
  const choices = formChoices(app.master.table(TERRITORIES).read(), app.master.table(COURSES).read());
  const info = ensureForm(app.ss, choices);
  const settings = app.master.table(SETTINGS);
  setSetting(settings, 'formId', info.id);
  setSetting(settings, 'formUrl', info.url);
  return info;
};
