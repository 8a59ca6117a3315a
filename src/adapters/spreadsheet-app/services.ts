// The small ports over Apps Script services: clock, signed-in user, script lock, script properties, triggers.
import { BusyError, type Identity, type Lock, type Properties } from '../../core/ports';
import type { TriggerSpec, Triggers } from '../../core/use-cases/setup-bank';

export { systemClock } from '../clock';

const emailOf = (user: () => GoogleAppsScript.Base.User): string => {
  try {
    return String(user().getEmail() || '')
      .trim()
      .toLowerCase();
  } catch (_e) {
    return '';
  }
};

export const sessionIdentity: Identity = {
  email: () => emailOf(() => Session.getActiveUser()),
  executesAs: () => emailOf(() => Session.getEffectiveUser()),
};

/** How deep this execution is in `withLock` (module state is per execution in Apps Script). */
let held = 0;

/**
 * The project's one script lock. Re-entrant within an execution: the owner's job and the web app carry a cabinet's
 * requests under it, and the staff functions they call take it again (Apps Script's own lock is released by the first
 * `releaseLock`, so a nested take must not release it).
 */
export const scriptLock = (timeoutMs = 30000): Lock => ({
  withLock<T>(fn: () => T): T {
    if (held > 0) {
      held++;
      try {
        return fn();
      } finally {
        held--;
      }
    }
    const lock = LockService.getScriptLock();
    try {
      lock.waitLock(timeoutMs);
    } catch (_e) {
      throw new BusyError();
    }
    held = 1;
    try {
      return fn();
    } finally {
      held = 0;
      // Pending writes first: another execution that takes the lock next must read what this one wrote.
      try {
        SpreadsheetApp.flush();
      } finally {
        lock.releaseLock();
      }
    }
  },
});

export const scriptProperties = (): Properties => {
  const p = PropertiesService.getScriptProperties();
  return { get: (k) => p.getProperty(k), set: (k, v) => void p.setProperty(k, v) };
};

/** Installs exactly one trigger per spec (Apps Script allows 20 per user per script) and removes duplicates. */
export const scriptTriggers = (formSource: () => GoogleAppsScript.Spreadsheet.Spreadsheet): Triggers => ({
  ensure(specs: readonly TriggerSpec[]): string[] {
    const existing = ScriptApp.getProjectTriggers();
    const seen = new Set<string>();
    for (const t of existing) {
      const h = t.getHandlerFunction();
      if (seen.has(h)) ScriptApp.deleteTrigger(t);
      seen.add(h);
    }
    const created: string[] = [];
    for (const s of specs) {
      if (seen.has(s.handler)) continue;
      if (s.kind === 'clock')
        ScriptApp.newTrigger(s.handler)
          .timeBased()
          .everyMinutes(s.everyMinutes ?? 10)
          .create();
      else if (s.kind === 'edit') ScriptApp.newTrigger(s.handler).forSpreadsheet(formSource()).onEdit().create();
      else ScriptApp.newTrigger(s.handler).forSpreadsheet(formSource()).onFormSubmit().create();
      created.push(s.handler);
    }
    return created;
  },
});
