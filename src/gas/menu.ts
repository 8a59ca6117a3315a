// The «ЕБППК» menu, built in the simple onOpen trigger (LIMITED mode: no openById, no sidebars here) for the user's role.

import { sessionIdentity } from '../adapters/spreadsheet-app/services';
import { SpreadsheetWorkbook } from '../adapters/spreadsheet-app/spreadsheet-workbook';
import type { Role } from '../core/domain/lifecycle';
import { ACCESS } from '../core/sheets/master';
import { findUser } from '../core/use-cases/current-user';

export const MENU_TITLE = 'ЕБППК';

interface Item {
  readonly caption: string;
  readonly fn: string;
  /** Roles that see the item; 'all' for everyone; 'bootstrap' also shows it on a bank without a sector user. */
  readonly roles: readonly (Role | 'all' | 'bootstrap')[];
}

export const MENU_ITEMS: readonly Item[] = [
  { caption: 'Руководитель курсов', fn: 'showLeader_', roles: ['leader', 'head', 'sector'] },
  { caption: 'Начальник отдела', fn: 'showHead_', roles: ['head', 'sector'] },
  { caption: 'Сектор', fn: 'showSector_', roles: ['sector'] },
  { caption: 'Повторить обработку «На проверке»', fn: 'reprocessQuarantine_', roles: ['sector', 'leader'] },
  { caption: 'Обработать ответы формы', fn: 'sweepResponses_', roles: ['sector'] },
  { caption: 'Синхронизировать сейчас', fn: 'syncNow_', roles: ['sector'] },
  { caption: 'Проверить целостность', fn: 'checkIntegrity_', roles: ['sector'] },
  { caption: 'Проверить доступ к файлам', fn: 'auditSharing_', roles: ['sector'] },
  { caption: 'Закрыть лишний доступ к мастер-таблице', fn: 'closeMasterSharing_', roles: ['sector'] },
  { caption: 'Настроить банк', fn: 'setupBank_', roles: ['sector', 'bootstrap'] },
  { caption: 'Справка', fn: 'showHelp_', roles: ['all'] },
];

export const visibleItems = (role: Role | null, bootstrap: boolean): Item[] =>
  MENU_ITEMS.filter((i) => i.roles.includes('all') || (role !== null && i.roles.includes(role)) || (bootstrap && i.roles.includes('bootstrap')));

const roleOfCaller = (): { role: Role | null; bootstrap: boolean } => {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const wb = new SpreadsheetWorkbook(ss);
  if (!wb.has(ACCESS)) return { role: null, bootstrap: true };
  const rows = wb.table(ACCESS).read();
  const bootstrap = !rows.some((r) => r.role === 'sector' && r.active === true);
  return { role: findUser(rows, sessionIdentity.email()).role, bootstrap };
};

export const buildMenu = (): void => {
  let items: Item[];
  try {
    const { role, bootstrap } = roleOfCaller();
    items = visibleItems(role, bootstrap);
  } catch (e) {
    // A broken «Доступ» sheet must not leave the sector without the menu that repairs it.
    console.error(`onOpen: ${e instanceof Error ? e.message : String(e)}`);
    items = visibleItems(null, true);
  }
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  items.forEach((i) => menu.addItem(i.caption, i.fn));
  menu.addToUi();
};
