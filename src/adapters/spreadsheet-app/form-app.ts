// The application Form in Apps Script: created once by setup (FormApp), responses to «Ответы формы» of the master.

import { COURSE_LIST_EMPTY } from '../../core/intake/form-choices';
import { FORM_DESCRIPTION, FORM_ITEMS, FORM_TITLE, type FormItem } from '../../core/intake/form-spec';
import { MAX_TEXT } from '../../core/intake/parse-response';
import { FORM_RESPONSES_NAME } from '../../core/sheets/form-responses';

const FORM_KEY = 'EBPPK_FORM_ID';

export interface FormChoices {
  readonly territories: readonly string[];
  readonly courses: readonly string[];
  /** The course list's help text (the open courses' cards); the item's own help when absent. */
  readonly courseHelp?: string;
  /** What the Form says after a response (formConfirmation); kept as is when absent. */
  readonly confirmation?: string;
}

export interface FormInfo {
  readonly id: string;
  readonly created: boolean;
  readonly url: string;
}

type Form = GoogleAppsScript.Forms.Form;

const choicesOf = (item: FormItem, choices: FormChoices): string[] => {
  if (item.choices === 'territories') return choices.territories.slice();
  if (item.choices === 'courses') return choices.courses.length ? choices.courses.slice() : [COURSE_LIST_EMPTY];
  return (item.choices ?? []).slice();
};

/**
 * The one rule a text item gets (a Form keeps one per item), checked by Google while the teacher types: an e-mail, the
 * item's pattern (anchored: its length bound is in it), or a maximum length — nothing oversized or malformed reaches
 * «Ответы формы» (the bank checks again and quarantines what slips through, say after an editor removed a rule).
 */
const textRule = (item: FormItem): GoogleAppsScript.Forms.TextValidation => {
  const rule = FormApp.createTextValidation();
  if (item.key === 'email') return rule.setHelpText('Адрес вида name@example.ru').requireTextIsEmail().build();
  if (item.pattern) return rule.setHelpText(item.pattern.message).requireTextMatchesPattern(`^(?:${item.pattern.regex})$`).build();
  return rule.setHelpText(`Не длиннее ${MAX_TEXT} символов`).requireTextLengthLessThanOrEqualTo(MAX_TEXT).build();
};

/**
 * A Form made by an earlier version gets the rules of today's spec (Apps Script cannot read a rule back, so they are set
 * again: one call per text item with a pattern) and the confirmation text, when it differs.
 */
const refreshRules = (form: Form, confirmation: string | undefined): void => {
  const texts = form.getItems(FormApp.ItemType.TEXT);
  for (const item of FORM_ITEMS.filter((i) => i.kind === 'text' && i.pattern)) {
    texts
      .find((t) => t.getTitle() === item.title)
      ?.asTextItem()
      .setValidation(textRule(item));
  }
  if (confirmation !== undefined && form.getConfirmationMessage() !== confirmation) form.setConfirmationMessage(confirmation);
};

const addItem = (form: Form, item: FormItem, choices: FormChoices): void => {
  const help = (item.choices === 'courses' ? choices.courseHelp : undefined) ?? item.help ?? '';
  switch (item.kind) {
    case 'text': {
      form.addTextItem().setTitle(item.title).setRequired(item.required).setHelpText(help).setValidation(textRule(item));
      return;
    }
    case 'paragraph':
      form.addParagraphTextItem().setTitle(item.title).setRequired(item.required).setHelpText(help);
      return;
    case 'list':
      form.addListItem().setTitle(item.title).setRequired(item.required).setHelpText(help).setChoiceValues(choicesOf(item, choices));
      return;
    case 'choice':
      form
        .addMultipleChoiceItem()
        .setTitle(item.title)
        .setRequired(item.required)
        .setHelpText(help)
        .setChoiceValues(choicesOf(item, choices))
        .showOtherOption(item.other === true);
      return;
    case 'date':
      form.addDateItem().setTitle(item.title).setRequired(item.required).setHelpText(help);
      return;
    case 'checkbox':
      form.addCheckboxItem().setTitle(item.title).setRequired(item.required).setHelpText(help).setChoiceValues(choicesOf(item, choices));
  }
};

const openExisting = (): Form | null => {
  const id = PropertiesService.getScriptProperties().getProperty(FORM_KEY);
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch (_e) {
    return null; // deleted or no longer accessible: setup creates a new one
  }
};

/**
 * The response sheet's answer columns as plain text ('@'): Google then keeps what the teacher typed — «007», «+7900…», a
 * СНИЛС of digits — where it would otherwise store a number, and the sweep (which reads the sheet, not the event) sees
 * the same text as the trigger. Date items keep their dates. One setNumberFormat per run of adjacent text columns.
 */
export const keepAnswersAsTyped = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number => {
  const sheet = ss.getSheetByName(FORM_RESPONSES_NAME);
  if (!sheet || sheet.getLastColumn() < 2 || sheet.getMaxRows() < 2) return 0;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const text = header.map((h) => FORM_ITEMS.some((i) => i.title === h && i.kind !== 'date'));
  let runs = 0;
  for (let c = 0; c < text.length; c++) {
    if (!text[c] || (c > 0 && text[c - 1])) continue;
    let end = c;
    while (end + 1 < text.length && text[end + 1]) end++;
    sheet.getRange(2, c + 1, sheet.getMaxRows() - 1, end - c + 1).setNumberFormat('@');
    runs++;
  }
  return runs;
};

/** Creates the Form once (re-running reuses it and refreshes its two lists); responses go to the master bank. */
export const ensureForm = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, choices: FormChoices): FormInfo => {
  const existing = openExisting();
  if (existing) {
    setListChoices(existing, choices);
    refreshConsent(existing);
    refreshRules(existing, choices.confirmation);
    keepAnswersAsTyped(ss);
    return { id: existing.getId(), created: false, url: existing.getPublishedUrl() };
  }
  const form = FormApp.create(FORM_TITLE).setDescription(FORM_DESCRIPTION);
  if (choices.confirmation) form.setConfirmationMessage(choices.confirmation);
  FORM_ITEMS.forEach((item) => addItem(form, item, choices));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  SpreadsheetApp.flush();
  const id = form.getId();
  const sheet = ss.getSheets().find((s) => (s.getFormUrl() ?? '').indexOf(id) >= 0);
  if (sheet && !ss.getSheetByName(FORM_RESPONSES_NAME)) sheet.setName(FORM_RESPONSES_NAME);
  keepAnswersAsTyped(ss);
  PropertiesService.getScriptProperties().setProperty(FORM_KEY, id);
  return { id, created: true, url: form.getPublishedUrl() };
};

const listItem = (form: Form, title: string): GoogleAppsScript.Forms.ListItem | null => {
  const item = form.getItems(FormApp.ItemType.LIST).find((i) => i.getTitle() === title);
  return item ? item.asListItem() : null;
};

/**
 * The consent item follows the text in force (a new version changes both the text and the choice a response must carry,
 * so an old Form would otherwise send only responses the bank quarantines). Two writes, only when it differs.
 */
const refreshConsent = (form: Form): void => {
  const spec = FORM_ITEMS.find((i) => i.key === 'consent') as FormItem;
  const item = form.getItems(FormApp.ItemType.CHECKBOX).find((i) => i.getTitle() === spec.title);
  if (!item) return;
  const box = item.asCheckboxItem();
  const wanted = (spec.choices as readonly string[]).slice();
  if (item.getHelpText() !== spec.help) box.setHelpText(spec.help ?? '');
  if (
    box
      .getChoices()
      .map((c) => c.getValue())
      .join('\n') !== wanted.join('\n')
  )
    box.setChoiceValues(wanted);
};

const setListChoices = (form: Form, choices: FormChoices): void => {
  for (const item of FORM_ITEMS.filter((i) => i.kind === 'list')) {
    const list = listItem(form, item.title);
    list?.setChoiceValues(choicesOf(item, choices));
    if (item.choices === 'courses' && choices.courseHelp !== undefined) list?.setHelpText(choices.courseHelp);
  }
};

/** Opening or closing enrolment, or a course's card changed: the Form's course list and its description follow. */
export const setCourseChoices = (labels: readonly string[], help: string): boolean => {
  const form = openExisting();
  if (!form) return false;
  const item = FORM_ITEMS.find((i) => i.key === 'course') as FormItem;
  const list = listItem(form, item.title);
  list?.setChoiceValues(labels.length ? labels.slice() : [COURSE_LIST_EMPTY]);
  list?.setHelpText(help);
  return true;
};
