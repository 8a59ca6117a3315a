// Talking to the person at the screen: alerts, toasts, sidebars. Only menu executions have a UI.
import { systemClock } from '../adapters/spreadsheet-app/services';
import { errorText } from '../app/errors';
import { withToday } from '../app/today';
export const SIDEBAR_TITLES = {
  help: 'ЕБППК — справка',
  leader: 'Руководитель курсов',
  head: 'Начальник отдела',
  sector: 'Сектор',
} as const;
export type SidebarName = keyof typeof SIDEBAR_TITLES;

export const showSidebar = (name: SidebarName): void => {
  const html = HtmlService.createHtmlOutputFromFile(name).setTitle(SIDEBAR_TITLES[name]);
  html.setContent(withToday(html.getContent(), systemClock));
  SpreadsheetApp.getUi().showSidebar(html);
};

export const alert = (message: string): void => {
  SpreadsheetApp.getUi().alert(message);
};

/** Runs a menu action: any failure becomes a Russian alert and a log line, never a raw stack trace. */
export const menuAction = (name: string, fn: () => void): void => {
  try {
    fn();
  } catch (e) {
    console.error(`${name}: ${errorText(e)}`);
    alert(`Не удалось выполнить действие. ${errorText(e)}`);
  }
};
