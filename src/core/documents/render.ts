// Renders the provider's editable HTML templates: {{name}} (HTML-escaped) and {{#list}}…{{/list}} sections.
export type TemplateData = { [key: string]: string | number | TemplateData[] | undefined };

/** Text for HTML (element content and quoted attributes): the one escaping the bank's pages and documents use. */
export const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const SECTION = /\{\{#([\w.]+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;

/** `quote` is HTML escaping for documents; letters (plain text) pass their own. */
export const render = (template: string, data: TemplateData, quote: (v: unknown) => string = esc): string =>
  template
    .replace(SECTION, (_m, key: string, body: string) => {
      const list = data[key];
      return Array.isArray(list) ? list.map((item) => render(body, { ...data, ...item }, quote)).join('') : '';
    })
    .replace(/\{\{([\w.]+)\}\}/g, (_m, key: string) => {
      const v = data[key];
      return Array.isArray(v) ? String(v.length) : quote(v);
    });

/**
 * A table as CSV for a spreadsheet program set to Russian: «;» between cells (Russian Excel's list separator), a
 * byte-order mark so it reads UTF-8, a cell quoted when it holds «;», a quote or a line break (csvCell).
 */
export const tableCsv = (rows: ReadonlyArray<readonly string[]>): string => `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;

/**
 * One cell. A text Excel would take for a formula (starting with =, +, -, @ or a tab: CSV injection) gets an apostrophe
 * in front — user text is never a formula, in a file either.
 */
const csvCell = (c: string): string => {
  const text = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
