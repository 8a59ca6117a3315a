// The one typed client over google.script.run shared by every sidebar. Arguments cross as JSON (dates as ISO strings).
import type { RpcApi } from '../../app/rpc-contract';

interface Runner {
  withSuccessHandler(fn: (v: unknown) => void): Runner;
  withFailureHandler(fn: (e: Error) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

export const call = <K extends keyof RpcApi>(fn: K, args?: RpcApi[K]['args']): Promise<RpcApi[K]['result']> => invoke(fn, args) as Promise<RpcApi[K]['result']>;

/** Any server function by name (the typed `call`s are built on it). */
export const invoke = (fn: string, args?: unknown): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((r: unknown) => {
        const res = r as { ok: boolean; value?: unknown; error?: string } | null;
        if (res?.ok) resolve(res.value);
        else
          reject(
            Object.assign(new Error(res?.error || 'Сервер вернул пустой ответ. Повторите попытку.'), {
              fields: (res as { fields?: Record<string, string> } | null)?.fields,
            }),
          );
      })
      .withFailureHandler((e: Error) => reject(new Error(e?.message || 'Нет связи с сервером. Повторите попытку.')));
    (runner[fn as string] as (a: unknown) => void)(args === undefined ? {} : args);
  });

/** Shows progress, then the outcome, in a status element (role="status" so screen readers hear it). */
export const status = (el: HTMLElement, text: string, kind: 'busy' | 'ok' | 'error' = 'ok'): void => {
  el.textContent = text;
  el.className = `status ${kind}`;
};

/** Per-field messages of a failed call (server-side validation of a form). */
export const fieldsOf = (e: unknown): Record<string, string> => (e as { fields?: Record<string, string> })?.fields ?? {};
