// The teacher's status page in Apps Script: the bank's web app (deployed to execute as the owner, open to anyone —
// README), `doGet` shows the form and `doPost` answers it from the ledger's leading columns and the one row found, or —
// with `action=withdraw` and the confirmation — withdraws the person's consent (as the owner would). Limits in
// CacheService: 5 look-ups a minute per application number (nobody tries addresses against one number) and 300 a
// minute in all (Apps Script does not tell who is asking). It never throws: a failure is a Russian message.
import { SpreadsheetWorkbook } from '../adapters/spreadsheet-app/spreadsheet-workbook';
import { esc } from '../core/documents/render';
import { applicationStatus, StatusInput, statusAnswerHtml, WithdrawInput, withdrawByTeacher } from '../core/use-cases/status';
import { compose, masterSpreadsheet } from './compose';

const CSS =
  'body{font:16px/1.5 Arial,sans-serif;max-width:34em;margin:2em auto;padding:0 1em;color:#222}label{font-weight:bold}' +
  'input{font:inherit;width:100%;padding:.4em;box-sizing:border-box}button{font:inherit;padding:.5em 1.2em;margin-top:1em}' +
  '.ok{background:#e8f5e9;padding:1em;border-radius:6px}.err{background:#fdecea;padding:1em;border-radius:6px}';

const render = (action: string, values: { id?: string; email?: string }, answer: string): GoogleAppsScript.HTML.HtmlOutput =>
  HtmlService.createHtmlOutput(
    `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head><body>` +
      '<h1>Что с моей заявкой</h1>' +
      `<form method="post" action="${esc(action)}" target="_top">` +
      `<p><label for="id">Номер заявки (из письма, вида 2026-000123)</label><br><input id="id" name="id" required maxlength="11" value="${esc(values.id)}"></p>` +
      `<p><label for="email">Адрес эл. почты, указанный в заявке</label><br><input id="email" name="email" type="email" required maxlength="254" value="${esc(values.email)}"></p>` +
      `<button type="submit">Узнать</button></form>${answer}</body></html>`,
  ).setTitle('ЕБППК — что с моей заявкой');

const PER_NUMBER = 5;
const IN_ALL = 300;

/** Counts a look-up in the script cache for a minute; false when over the limit. */
export const allow = (key: string, limit: number): boolean => {
  const cache = CacheService.getScriptCache();
  const n = Number(cache.get(key) ?? 0);
  if (n >= limit) return false;
  cache.put(key, String(n + 1), 60);
  return true;
};

/** The web app's address, or '' when the bank's status page is not deployed. */
export const serviceUrl = (): string => {
  try {
    return ScriptApp.getService().getUrl() ?? '';
  } catch (_e) {
    return '';
  }
};

export interface WebEvent {
  readonly parameter?: Record<string, string | undefined>;
}

/** «Отозвать согласие»: the pair, the confirmation, then the owner's execution does what the sector would (152-ФЗ). */
const withdraw = (e: WebEvent | undefined, values: { id: string; email: string }): ReturnType<typeof withdrawByTeacher> | string => {
  const input = WithdrawInput.safeParse({ ...values, confirm: String(e?.parameter?.confirm ?? '') });
  if (!input.success) return [...new Set(input.error.issues.map((i) => i.message))].join(' ');
  return withdrawByTeacher(compose(), input.data);
};

export const statusForm = (): GoogleAppsScript.HTML.HtmlOutput => render(serviceUrl(), {}, '');

export const statusAnswer = (e: WebEvent | undefined): GoogleAppsScript.HTML.HtmlOutput => {
  const values = { id: String(e?.parameter?.id ?? '').slice(0, 20), email: String(e?.parameter?.email ?? '').slice(0, 254) };
  const fail = (text: string) => render(serviceUrl(), values, `<p class="err" role="alert">${esc(text)}</p>`);
  try {
    const input = StatusInput.safeParse(values);
    if (!input.success) return fail([...new Set(input.error.issues.map((i) => i.message))].join(' '));
    if (!allow(`status:n:${input.data.id}`, PER_NUMBER) || !allow('status:all', IN_ALL))
      return fail('Слишком много запросов подряд. Подождите минуту и повторите.');
    const r = e?.parameter?.action === 'withdraw' ? withdraw(e, input.data) : applicationStatus(new SpreadsheetWorkbook(masterSpreadsheet()), input.data);
    if (typeof r === 'string') return fail(r);
    if (!r.ok) return fail(r.error);
    return render(serviceUrl(), values, statusAnswerHtml(r.value, input.data, serviceUrl()));
  } catch (_e) {
    return fail('Не удалось проверить заявку. Попробуйте позже.');
  }
};
