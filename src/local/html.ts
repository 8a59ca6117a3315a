// HTML for the local bank's pages: escaped text only (user text never becomes markup), one stylesheet.
import { ddmmyyyy } from '../core/dates';
import { esc } from '../core/documents/render';
import type { Cell, Row, SheetSpec } from '../core/sheets/spec';

export { esc };

export const show = (v: Cell | undefined): string => {
  if (v instanceof Date) {
    const hm = v.getHours() || v.getMinutes() ? ` ${String(v.getHours()).padStart(2, '0')}:${String(v.getMinutes()).padStart(2, '0')}` : '';
    return ddmmyyyy(v) + hm;
  }
  if (v === true) return '✓';
  if (v === false) return '';
  // A fraction with the Russian decimal comma (issue 18: «12.5» in a percentage column); whole numbers as they are.
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v).replace('.', ',');
  return String(v ?? '');
};

const CSS = `
body{font-family:Arial,sans-serif;font-size:14px;color:#202124;margin:0;background:#f8f9fa}
header{background:#1a73e8;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header a{color:#fff}header .who{margin-left:auto;font-size:13px}
main{padding:16px;max-width:1200px}
.note{background:#fef7e0;border:1px solid #f9ab00;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.ok{background:#e6f4ea;border:1px solid #34a853;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.err{background:#fce8e6;border:1px solid #d93025;padding:8px 12px;border-radius:4px;margin-bottom:12px}
table.grid{border-collapse:collapse;background:#fff;font-size:12px}
table.grid th{background:#e8f0fe;position:sticky;top:0;text-align:left}
table.grid td,table.grid th{border:1px solid #dadce0;padding:3px 6px;vertical-align:top;max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tabs a{display:inline-block;padding:6px 10px;margin:0 4px 4px 0;background:#fff;border:1px solid #dadce0;border-radius:4px;text-decoration:none;color:#1a73e8;font-size:13px}
.tabs a.on{background:#1a73e8;color:#fff}
.split{display:flex;gap:12px;align-items:flex-start}.split .sheet{flex:1;overflow:auto;max-height:80vh}
iframe.sidebar{width:300px;height:80vh;border:1px solid #dadce0;background:#fff;flex:none}
form.apply{background:#fff;padding:16px;border-radius:8px;max-width:560px}
form.apply label{display:block;font-weight:bold;margin:10px 0 4px}
form.apply input[type=text],form.apply input[type=email],form.apply input[type=tel],form.apply input[type=date],form.apply select{width:100%;box-sizing:border-box;padding:6px;border:1px solid #dadce0;border-radius:4px;font:inherit}
.hint{color:#5f6368;font-size:12px}.cards{white-space:pre-line}
.field-error{color:#c5221f;font-size:13px;margin:2px 0}[aria-invalid="true"]{border-color:#d93025;outline:1px solid #d93025}
button,.button{background:#1a73e8;color:#fff;border:0;border-radius:4px;padding:8px 14px;font:inherit;cursor:pointer;text-decoration:none;display:inline-block}
.users button.user{display:block;width:100%;text-align:left;font:inherit;cursor:pointer;background:#fff;border:1px solid #dadce0;border-radius:6px;padding:8px 12px;margin:6px 0;color:#202124;max-width:520px}
`;

export const page = (title: string, body: string, who = ''): string => `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${esc(title)} — ЕБППК</title><style>${CSS}</style></head>
<body><header><strong>ЕБППК · локальный банк</strong><a href="/">Главная</a><a href="/apply">Подать заявку</a><a href="/login">Войти</a><a href="/statistics">Статистика</a>
<span class="who">${who ? `Вы: ${esc(who)} · <a href="/logout">выйти</a>` : 'не выполнен вход'}</span></header>
<main><h1>${esc(title)}</h1>${body}</main></body></html>`;

/** A sheet as a read-only grid, header first; at most `limit` rows (the rest counted). */
export const grid = (spec: SheetSpec, rows: readonly Row[], limit = 300): string => {
  const head = spec.columns.map((c) => `<th>${esc(c.header)}</th>`).join('');
  const body = rows
    .slice(0, limit)
    // A coded choice shows its label, as the sheet in Google does (the codec writes labels there).
    .map(
      (r) =>
        `<tr>${spec.columns
          .map((c) => c.labels?.[String(r[c.key])] ?? show(r[c.key]))
          .map((v) => `<td title="${esc(v)}">${esc(v)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const more = rows.length > limit ? `<p class="hint">Показаны первые ${limit} строк из ${rows.length}.</p>` : '';
  return `<table class="grid" aria-label="${esc(spec.name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
};
