// «Настройки»: the bank's own key-value settings (schema version, consent text version, counters).
import type { Table } from '../ports';

export const getSetting = (settings: Table, key: string): string => String(settings.read().find((r) => r.key === key)?.value ?? '');

/** Writes one setting if it changed: an update if the key exists, else an append. */
export const setSetting = (settings: Table, key: string, value: string): void => {
  const current = settings.read().find((r) => r.key === key);
  if (current && String(current.value) === value) return;
  const missing = settings.updateByIds(new Map([[key, { value }]]));
  if (missing.length) settings.append([{ key, value }]);
};
