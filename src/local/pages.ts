// The local bank's pages: the teacher's form, the sign-in picker, a methodist's workbook, the staff's master view.
import { FORM_ITEMS, openCourseCards, openCourseLabels } from '../core/intake/form-spec';
import { MAX_TEXT } from '../core/intake/parse-response';
import type { Workbook } from '../core/ports';
import { CABINET_SHEETS, personalRequests } from '../core/sheets/cabinet';
import { ACCESS, COURSES, MASTER_SHEETS, TERRITORIES } from '../core/sheets/master';
import type { Row, SheetSpec } from '../core/sheets/spec';
import { BOOK_STATUS, DECISIONS, METHODIST_BANK, TERRITORY_SHEETS } from '../core/sheets/territory';
import type { Report } from '../core/stats/report';
import type { CurrentUser } from '../core/use-cases/current-user';
import { roleLabel } from '../core/use-cases/current-user';
import { BOOK_STATUS_KEYS } from '../core/use-cases/mirrors';
import { esc, grid, page, show } from './html';
import type { LocalBank } from './local-bank';

export const homePage = (who: string): string =>
  page(
    'Единый банк программ повышения квалификации',
    `<p class="note">Это локальный банк для знакомства и проверки: данные лежат в файлах .xlsx на этом компьютере, вход — выбором демонстрационного пользователя, без аккаунта Google.</p>
<p><a class="button" href="/apply">Подать заявку на курс (педагог)</a> <a class="button" href="/status">Узнать, что с заявкой</a> <a class="button" href="/login">Войти как сотрудник или методист</a></p>`,
    who,
  );

/** The teacher's status page: the form, and the answer (a status or one message for anything not found). */
export const statusPage = (who: string, values: { id?: string; email?: string } = {}, answer = ''): string =>
  page(
    'Что с моей заявкой',
    `<form method="post" action="/status">
<p><label for="s-id">Номер заявки (из письма, вида 2026-000123)</label><br><input id="s-id" name="id" required maxlength="11" value="${esc(values.id ?? '')}"></p>
<p><label for="s-email">Адрес эл. почты, указанный в заявке</label><br><input id="s-email" name="email" type="email" required maxlength="254" value="${esc(values.email ?? '')}"></p>
<p><button type="submit">Узнать</button></p>
</form>${answer}`,
    who,
  );

/** The Form's two lists as the local form offers them: active territories with a workbook, open courses. */
export const formLists = (bank: LocalBank): { territories: string[]; courses: string[] } => ({
  territories: bank.master
    .table(TERRITORIES)
    .read()
    .filter((t) => t.active === true && String(t.workbookId ?? '') !== '')
    .map((t) => String(t.name)),
  courses: openCourseLabels(bank.master.table(COURSES).read()),
});

/**
 * The application form. `errors` (by item key) go beside their fields — `aria-invalid`, the message tied by
 * `aria-describedby`, one per field (issue 18); text items carry the Form's pattern and length as HTML attributes.
 */
export const applyPage = (bank: LocalBank, who: string, values: Record<string, string> = {}, message = '', errors: Record<string, string> = {}): string => {
  const { territories, courses } = formLists(bank);
  const cards = openCourseCards(bank.master.table(COURSES).read());
  const fields = FORM_ITEMS.map((item) => {
    const id = `f-${item.key}`;
    const v = values[item.key] ?? '';
    const error = errors[item.key] ? `<div class="field-error" id="${id}-error">${esc(errors[item.key])}</div>` : '';
    const hintText = item.choices === 'courses' && cards ? cards : item.help && item.kind !== 'checkbox' ? item.help : '';
    const described = [error ? `${id}-error` : '', hintText ? `${id}-hint` : ''].filter(Boolean).join(' ');
    const req = `${item.required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}`;
    const label = `<label for="${id}">${esc(item.title)}${item.required ? ' *' : ''}</label>`;
    const hint = hintText ? `<div class="hint${item.choices === 'courses' ? ' cards' : ''}" id="${id}-hint">${esc(hintText)}</div>` : '';
    const choices = item.choices === 'territories' ? territories : item.choices === 'courses' ? courses : (item.choices ?? []);
    switch (item.kind) {
      case 'list':
        return `${label}<select id="${id}" name="${item.key}"${req}><option value="">— выберите —</option>${choices.map((c) => `<option${c === v ? ' selected' : ''}>${esc(c)}</option>`).join('')}</select>${error}${hint}`;
      case 'choice':
        return `${label}<select id="${id}" name="${item.key}"${req}><option value="">— выберите —</option>${choices.map((c) => `<option${c === v ? ' selected' : ''}>${esc(c)}</option>`).join('')}${item.other ? `<option value="__other"${v && !choices.includes(v) ? ' selected' : ''}>другое (укажите ниже)</option>` : ''}</select>${item.other ? `<input type="text" aria-label="Другая должность" name="${item.key}Other" value="${esc(v && !choices.includes(v) ? v : '')}" placeholder="если «другое»">` : ''}${error}${hint}`;
      case 'date':
        return `${label}<input type="date" id="${id}" name="${item.key}" value="${esc(v)}"${req}>${error}${hint}`;
      case 'checkbox':
        return `<label><input type="checkbox" id="${id}" name="${item.key}" value="${esc(choices[0])}"${v ? ' checked' : ''}${req}> ${esc(choices[0])} *</label>${error}<div class="hint">${esc(item.help ?? '')}</div>`;
      default:
        return `${label}<input type="${item.key === 'email' ? 'email' : item.key === 'phone' ? 'tel' : 'text'}" id="${id}" name="${item.key}" value="${esc(v)}" maxlength="${MAX_TEXT}"${item.pattern ? ` pattern="${esc(item.pattern.regex)}" title="${esc(item.pattern.message)}"` : ''}${req}>${error}${hint}`;
    }
  }).join('\n');
  return page(
    'Заявка на курсы повышения квалификации',
    `${message}<form class="apply" method="post" action="/apply" novalidate>${fields}<p><button type="submit">Отправить заявку</button></p></form>`,
    who,
  );
};

export const loginPage = (bank: LocalBank, who: string): string => {
  const users = bank.master.table(ACCESS).read();
  // A methodist's scope is a territory's code: people read its name (issue 18: codes stay internal).
  const territory = new Map(
    bank.master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const list = users
    .filter((u) => u.active === true)
    .map(
      (u) =>
        `<form method="post" action="/login"><input type="hidden" name="as" value="${esc(String(u.email))}"><button type="submit" class="user"><strong>${esc(u.name || u.email)}</strong><br><span class="hint">${esc(u.email)} · ${esc(roleLabel(u.role as never))}${u.scope ? ` · ${esc(u.role === 'methodist' ? (territory.get(String(u.scope)) ?? String(u.scope)) : String(u.scope))}` : ''}</span></button></form>`,
    )
    .join('');
  return page(
    'Вход',
    `<p class="note">Только в локальном режиме: выберите демонстрационного пользователя. В Google роль определяется по вашему аккаунту Google.</p><div class="users">${list}</div>`,
    who,
  );
};

const tabs = (base: string, names: readonly string[], current: string) =>
  `<nav class="tabs">${names.map((n) => `<a href="${base}${encodeURIComponent(n)}"${n === current ? ' class="on" aria-current="page"' : ''}>${esc(n)}</a>`).join('')}</nav>`;

export const territoryPage = (bank: LocalBank, user: CurrentUser, sheetName: string, message = ''): string => {
  const t = bank.master
    .table(TERRITORIES)
    .read()
    .find((x) => x.code === user.scope) as Row;
  const book = bank.books.open(String(t.workbookId));
  const spec = TERRITORY_SHEETS.find((s) => s.name === sheetName) ?? METHODIST_BANK;
  const rows = book.table(spec).read();
  let body: string;
  if (spec === METHODIST_BANK) {
    // The sheet's own order: the decision and its reason right after the name (issue 18), then the save button.
    const cols = METHODIST_BANK.columns;
    const head = `<tr>${cols.map((c) => `<th>${esc(c.header)}</th>`).join('')}<th></th></tr>`;
    const lines = rows
      .map((r) => {
        const formId = `d-${esc(r.id)}`;
        const options = ['', ...DECISIONS].map((d) => `<option${d === r.decision ? ' selected' : ''} value="${esc(d)}">${esc(d || '—')}</option>`).join('');
        const cell = (key: string, value: string) =>
          key === 'decision'
            ? `<td><select form="${formId}" name="decision" aria-label="Решение по заявке ${esc(r.id)}">${options}</select></td>`
            : key === 'reason'
              ? `<td><input form="${formId}" name="reason" value="${esc(r.reason)}" aria-label="Причина по заявке ${esc(r.id)}"></td>`
              : `<td title="${esc(value)}">${esc(value)}</td>`;
        return `<tr>${cols.map((c) => cell(c.key, show(r[c.key]))).join('')}
<td><form id="${formId}" method="post" action="/territory/decide"><input type="hidden" name="id" value="${esc(r.id)}"><button type="submit">Сохранить</button></form></td></tr>`;
      })
      .join('');
    const empty = `<tr><td colspan="${cols.length + 1}">Новых заявок нет: они появятся здесь, когда педагоги вашей территории отправят форму.</td></tr>`;
    body = `<table class="grid" aria-label="${esc(spec.name)}"><thead>${head}</thead><tbody>${lines || empty}</tbody></table>`;
  } else body = grid(spec, rows);
  // When the bank last took this workbook's decisions (issue 18), from «О книге».
  const synced = book.has(BOOK_STATUS)
    ? book
        .table(BOOK_STATUS)
        .read()
        .find((r) => r.key === BOOK_STATUS_KEYS.synced)?.value
    : undefined;
  return page(
    `ЕБППК — ${String(t.name)}`,
    `${message}<p class="hint">Книга территории: видны только заявки вашей территории. Решения банк забирает при синхронизации (каждые 5 минут). ${synced ? `Последняя синхронизация: ${esc(synced)}.` : 'Банк ещё не обрабатывал эту книгу.'}</p>${tabs(
      '/territory?sheet=',
      TERRITORY_SHEETS.map((s) => s.name),
      spec.name,
    )}<div class="sheet" tabindex="0" role="region" aria-label="Лист">${body}</div>`,
    `${user.name || user.email} — ${roleLabel(user.role)}`,
  );
};

export const SIDEBAR_OF: Record<string, string> = { sector: 'sector', head: 'head', leader: 'leader' };

export const bankPage = (bank: LocalBank, user: CurrentUser, sheetName: string, sidebar: string, message = ''): string => {
  const spec = MASTER_SHEETS.find((s) => s.name === sheetName) ?? MASTER_SHEETS[0];
  const rows = bank.master.table(spec).read();
  const panels = ['leader', ...(user.role === 'head' || user.role === 'sector' ? ['head'] : []), ...(user.role === 'sector' ? ['sector'] : [])];
  const panelTabs = panels
    .map(
      (p) =>
        `<a href="/bank?sheet=${encodeURIComponent(spec.name)}&sidebar=${p}"${p === sidebar ? ' class="on"' : ''}>${esc({ leader: 'Руководитель курсов', head: 'Начальник отдела', sector: 'Сектор' }[p] as string)}</a>`,
    )
    .join('');
  const job =
    user.role === 'sector'
      ? `<form method="post" action="/job" style="display:inline"><button type="submit">Выполнить фоновое задание (синхронизация, ответы формы, почта)</button></form>`
      : '';
  return page(
    'Банк ИРО ПК',
    `${message}<p class="hint">Листы банка — только для чтения; действия — в боковой панели, как в Google Таблицах. ${job}</p>
${tabs(
  `/bank?sidebar=${sidebar}&sheet=`,
  MASTER_SHEETS.map((s) => s.name),
  spec.name,
)}
<nav class="tabs">Панель: ${panelTabs}</nav>
<div class="split"><div class="sheet" tabindex="0" role="region" aria-label="Лист «${esc(spec.name)}»">${grid(spec, rows)}</div><iframe class="sidebar" title="Боковая панель" src="/sidebar/${esc(sidebar)}"></iframe></div>`,
    `${user.name || user.email} — ${roleLabel(user.role)}`,
  );
};

export const denied = (who: string, text: string): string => page('Нет доступа', `<p class="err">${esc(text)}</p>`, who);

/** «Статистика» in the local bank: the last refreshed report as tables, and bars for the first figures. */
export const statisticsPage = (report: Report | null, user: CurrentUser): string => {
  if (!report) {
    return page(
      'Статистика',
      '<p class="note">Статистика ещё не обновлена: откройте панель «Сектор» и нажмите «Обновить статистику».</p><p><a class="button" href="/bank?sidebar=sector">Открыть панель «Сектор»</a></p>',
      `${user.name || user.email} — ${roleLabel(user.role)}`,
    );
  }
  const meta = `<table class="grid">${report.meta.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
  const blocks = report.blocks
    .map((b) => {
      const max = Math.max(1, ...b.rows.map((r) => Number(r[r.length - 1]) || 0));
      const bars =
        b.title.startsWith('1-ПК') || b.title.startsWith('Квоты')
          ? // Each bar in a track of its own width, so 4 and 7 are drawn 4:7 (the bar's % is of the track, not the row).
            `<div class="bars">${b.rows.map((r) => `<div><span>${esc(r[0])}</span><em><i style="width:${Math.round(((Number(r[r.length - 1]) || 0) / max) * 100)}%"></i></em><b>${esc(r[r.length - 1])}</b></div>`).join('')}</div>`
          : '';
      return `<h2>${esc(b.title)}</h2><table class="grid"><tr>${b.header.map((x) => `<th>${esc(x)}</th>`).join('')}</tr>${b.rows.map((r) => `<tr>${r.map((x) => `<td>${esc(show(x))}</td>`).join('')}</tr>`).join('')}</table>${bars}`;
    })
    .join('');
  return page(
    'Статистика',
    `<style>.bars div{display:flex;gap:8px;align-items:center;margin:2px 0;max-width:640px}.bars span{width:260px;flex:none;font-size:12px}.bars em{flex:1 1 auto;display:block;min-width:120px}.bars i{background:#1a73e8;height:12px;display:block}.bars b{font-size:12px}</style>${meta}${blocks}<p class="hint">В Google Таблицах лист «Статистика» содержит ещё сводные таблицы и диаграммы по скрытому листу «Статистика — данные сводных».</p>`,
    `${user.name || user.email} — ${roleLabel(user.role)}`,
  );
};

/** A subdivision's cabinet: its sheets (read-only here, as in Google Sheets the bank writes them) and its sidebar. */
export const cabinetPage = (book: Workbook, user: CurrentUser, title: string, sheetName: string, message = ''): string => {
  // The person's own request sheet beside the bank's (in Google Sheets they see colleagues' too, and write none of them).
  const own = personalRequests(user.email);
  const words = { ...own, columns: own.columns.filter((c) => !c.hidden) }; // the bank's column is not for people
  const shown: SheetSpec[] = [...CABINET_SHEETS.filter((s) => !s.hidden), ...(book.has(own) ? [words] : [])];
  const spec = shown.find((s) => s.name === sheetName) ?? shown[0];
  return page(
    title,
    `${message}<p class="hint">Кабинет подразделения: листы заполняет банк; действия — в боковой панели «Кабинет подразделения». Запросы выполняет фоновое задание банка.</p>
${tabs(
  '/cabinet?sheet=',
  shown.map((s) => s.name),
  spec.name,
)}
<div class="split"><div class="sheet" tabindex="0" role="region" aria-label="Лист «${esc(spec.name)}»">${grid(spec, book.table(spec).read())}</div><iframe class="sidebar" title="Кабинет подразделения" src="/sidebar/cabinet"></iframe></div>`,
    `${user.name || user.email} — ${roleLabel(user.role)}`,
  );
};
