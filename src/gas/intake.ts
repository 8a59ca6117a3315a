// The application Form from Apps Script: created once by setup, its lists following «Территории» and «Курсы».
import { ensureForm } from '../adapters/spreadsheet-app/form-app';
import { formChoices } from '../core/intake/form-choices';
import { formConfirmation } from '../core/intake/form-spec';
import { COURSES, SETTINGS, TERRITORIES } from '../core/sheets/master';
import { getSetting, setSetting } from '../core/use-cases/settings';
import type { GasApp } from './compose';

/** Setup and enrolment changes: the Form exists once and its lists follow «Территории» and «Курсы». */
export const syncForm = (app: GasApp): { url: string; created: boolean } => {
  const settings = app.master.table(SETTINGS);
  const choices = {
    ...formChoices(app.master.table(TERRITORIES).read(), app.master.table(COURSES).read()),
    confirmation: formConfirmation(getSetting(settings, 'statusUrl')),
  };
  const info = ensureForm(app.ss, choices);
  setSetting(settings, 'formId', info.id);
  setSetting(settings, 'formUrl', info.url);
  return info;
};
