// Data validation rules for declared columns (dropdowns, checkboxes, dates): one description per column type, built
// as a SpreadsheetApp rule (once per execution) or as the Sheets API's `DataValidationRule` (appends in one request).
import type { ColumnSpec } from '../../core/sheets/spec';

type Rule = GoogleAppsScript.Spreadsheet.DataValidation;

const DATE_HELP = 'Дата в формате дд.мм.гггг';

/** What a column's cells are validated by, whichever service writes the rule. */
type RuleSpec = { kind: 'list'; values: string[] } | { kind: 'checkbox' } | { kind: 'date' };

const ruleSpec = (c: ColumnSpec): RuleSpec | null => {
  // A coded column offers its labels (the codec maps them back).
  const shown = (c.options ?? []).map((o) => c.labels?.[o] ?? o);
  if (c.type === 'choice' && shown.length) return { kind: 'list', values: shown };
  if (c.type === 'checkbox') return { kind: 'checkbox' };
  if (c.type === 'date') return { kind: 'date' };
  return null;
};

const cache = new Map<string, Rule | null>();

export const validationRule = (c: ColumnSpec): Rule | null => {
  const spec = ruleSpec(c);
  const key = JSON.stringify(spec);
  if (cache.has(key)) return cache.get(key) as Rule | null;
  let rule: Rule | null = null;
  if (spec?.kind === 'list') rule = SpreadsheetApp.newDataValidation().requireValueInList(spec.values, true).setAllowInvalid(false).build();
  else if (spec?.kind === 'checkbox') rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
  else if (spec?.kind === 'date') rule = SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText(DATE_HELP).build();
  cache.set(key, rule);
  return rule;
};

/** The Sheets API's `DataValidationRule` for a column: the same rule as `validationRule`, as JSON (no service call). */
export interface ApiValidation {
  condition: { type: 'ONE_OF_LIST' | 'BOOLEAN' | 'DATE_IS_VALID'; values?: Array<{ userEnteredValue: string }> };
  strict?: boolean;
  showCustomUi?: boolean;
  inputMessage?: string;
}

export const apiValidation = (c: ColumnSpec): ApiValidation | null => {
  const spec = ruleSpec(c);
  if (spec?.kind === 'list')
    return { condition: { type: 'ONE_OF_LIST', values: spec.values.map((v) => ({ userEnteredValue: v })) }, strict: true, showCustomUi: true };
  if (spec?.kind === 'checkbox') return { condition: { type: 'BOOLEAN' } };
  if (spec?.kind === 'date') return { condition: { type: 'DATE_IS_VALID' }, strict: true, inputMessage: DATE_HELP };
  return null;
};

/** Tests load the adapter once per process; a fresh fake SpreadsheetApp needs fresh rules. */
export const resetValidationCache = (): void => cache.clear();
