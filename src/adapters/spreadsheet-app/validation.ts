// Data validation rules for declared columns (dropdowns, checkboxes, dates), built once per execution.
import type { ColumnSpec } from '../../core/sheets/spec';

type Rule = GoogleAppsScript.Spreadsheet.DataValidation;
const cache = new Map<string, Rule | null>();

export const validationRule = (c: ColumnSpec): Rule | null => {
  // A coded column offers its labels (the codec maps them back).
  const shown = (c.options ?? []).map((o) => c.labels?.[o] ?? o);
  const key = `${c.type}|${shown.join('|')}`;
  if (cache.has(key)) return cache.get(key) as Rule | null;
  let rule: Rule | null = null;
  if (c.type === 'choice' && shown.length) {
    rule = SpreadsheetApp.newDataValidation().requireValueInList(shown, true).setAllowInvalid(false).build();
  } else if (c.type === 'checkbox') {
    rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
  } else if (c.type === 'date') {
    rule = SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText('Дата в формате дд.мм.гггг').build();
  }
  cache.set(key, rule);
  return rule;
};

/** Tests load the adapter once per process; a fresh fake SpreadsheetApp needs fresh rules. */
export const resetValidationCache = (): void => cache.clear();
