// The public barrel: every export here becomes a top-level Apps Script function in build/Code.js.
// Names ending in `_` are for menus and triggers only: google.script.run cannot call them.
import { setupBank } from '../core/use-cases/setup-bank';
import { compose, rememberMaster, TRIGGER_SPECS } from './compose';
import { buildMenu } from './menu';
import { alert, menuAction, showSidebar } from './ui';

export { getHelpInfo } from './rpc';

/** Simple trigger: builds the menu. Runs in LIMITED mode, so it does nothing else. */
export function onOpen(): void {
  try {
    buildMenu();
  } catch (e) {
    console.error(`onOpen: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function showHelp_(): void {
  menuAction('showHelp_', () => showSidebar('help'));
}

export function setupBank_(): void {
  menuAction('setupBank_', () => {
    const app = compose();
    const result = app.lock.withLock(() =>
      setupBank({ master: app.master, clock: app.clock, actor: app.identity.email(), triggers: app.triggers, triggerSpecs: TRIGGER_SPECS }),
    );
    if (!result.ok) return alert(result.error);
    rememberMaster(app.ss);
    const r = result.value;
    const parts = [
      r.createdSheets.length ? `Созданы листы: ${r.createdSheets.join(', ')}.` : '',
      r.addedColumns.length ? `Добавлены столбцы: ${r.addedColumns.join(', ')}.` : '',
      r.addedTerritories ? `Добавлено территорий: ${r.addedTerritories}.` : '',
      r.installedTriggers.length ? `Установлены триггеры: ${r.installedTriggers.join(', ')}.` : '',
      r.bootstrapSector ? `Вы (${r.bootstrapSector}) добавлены на лист «Доступ» как сотрудник сектора.` : '',
    ].filter(Boolean);
    app.ss.toast(parts.length ? parts.join(' ') : 'Банк уже настроен: изменений нет.', 'ЕБППК', 10);
  });
}
