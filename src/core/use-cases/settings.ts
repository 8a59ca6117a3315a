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

/** Several settings in one read and at most one update and one append; `ifMissing` ones only where the key is absent. */
export const setSettings = (settings: Table, values: Record<string, string>, ifMissing: Record<string, string> = {}): void => {
  const current = new Map(settings.read().map((r) => [String(r.key), String(r.value ?? '')]));
  const want = { ...values, ...Object.fromEntries(Object.entries(ifMissing).filter(([k]) => !current.get(k) && !(k in values))) };
  const patches = new Map<string, { value: string }>();
  const fresh: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(want)) {
    if (!current.has(key)) fresh.push({ key, value });
    else if (current.get(key) !== value) patches.set(key, { value });
  }
  settings.updateByIds(patches);
  settings.append(fresh);
};
