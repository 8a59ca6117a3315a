// Every function a sidebar may call: each checks the caller's role and scope on the server and validates its
// arguments with a strict zod schema before anything else. Russian messages; never a stack trace.
import type { Role } from '../core/domain/lifecycle';
import { ACCESS, SETTINGS, SUBDIVISIONS, TERRITORIES } from '../core/sheets/master';
import { type CurrentUser, currentUser, NO_ACCESS_MESSAGE, roleLabel } from '../core/use-cases/current-user';
import { APP_NAME, SCHEMA_VERSION } from '../core/version';
import * as z from '../core/zod';
import type { App } from './app';
import { errorText } from './errors';

/** What every RPC returns: plain objects only (google.script.run), and `fields` for per-field form errors. */
/** `interrupted`: the function stopped on an exception (a busy lock, a service error), not on a refusal — try again. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string>; interrupted?: true };

export const NOT_ALLOWED = 'Это действие недоступно для вашей роли.';
export const BAD_ARGS = 'Неверные данные';
export const NOT_AS_YOURSELF = 'Эта функция работает только из таблицы банка или кабинета подразделения — от вашего имени, а не через веб-приложение банка.';

type Outcome<T> = T | { ok: true; value: T } | { ok: false; error: string | Record<string, string> };

interface RpcSpec<A extends z.ZodMiniType, T> {
  /** Roles allowed; 'any' admits anyone, including a stranger (the handler then sees role null). */
  readonly roles: readonly Role[] | 'any';
  readonly args: A;
  readonly handler: (ctx: { app: App; user: CurrentUser }, args: z.infer<A>) => Outcome<T>;
}

const isResult = (v: unknown): v is { ok: boolean; value?: unknown; error?: unknown } =>
  typeof v === 'object' &&
  v !== null &&
  'ok' in v &&
  typeof (v as { ok: unknown }).ok === 'boolean' &&
  Object.keys(v).every((k) => k === 'ok' || k === 'value' || k === 'error');

/** Dates never cross to the browser as Date: google.script.run would drop them. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A server function: the platform hands in the App of this execution and the raw argument from the browser. */
export interface Rpc<T = unknown, A extends z.ZodMiniType = z.ZodMiniType> {
  (app: App, raw?: unknown): RpcResult<T>;
  /** The argument schema: the RPC contract (rpc-contract.ts) derives the browser's types from it. */
  readonly args: A;
  /** Who may call it (what the cabinet offers is compared with the leader's functions by a test). */
  readonly roles: readonly Role[] | 'any';
}

export const rpc = <A extends z.ZodMiniType, T>(spec: RpcSpec<A, T>): Rpc<T, A> =>
  Object.assign(
    (app: App, raw?: unknown): RpcResult<T> => {
      try {
        // A web app page executing as the owner could call this as the owner on a visitor's behalf (DESIGN §8): only an
        // execution that runs as the person asking may act. A blank asker cannot be told from such a visitor: refused.
        const asking = app.identity.email();
        if (app.identity.executesAs && app.identity.executesAs() !== asking) return { ok: false, error: asking ? NOT_AS_YOURSELF : NO_ACCESS_MESSAGE };
        const user = currentUser(app.master.table(ACCESS), asking);
        if (spec.roles !== 'any' && (user.role === null || !spec.roles.includes(user.role))) {
          return { ok: false, error: user.role === null ? NO_ACCESS_MESSAGE : NOT_ALLOWED };
        }
        const parsed = spec.args.safeParse(raw === undefined || raw === null ? {} : raw);
        if (!parsed.success)
          return { ok: false, error: `${BAD_ARGS}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'аргумент'} — ${i.message}`).join('; ')}` };
        const out = spec.handler({ app, user }, parsed.data);
        if (isResult(out)) {
          if (out.ok) return { ok: true, value: plain(out.value as T) };
          const e = out.error;
          return typeof e === 'string' ? { ok: false, error: e } : { ok: false, error: 'Исправьте отмеченные поля.', fields: e as Record<string, string> };
        }
        return { ok: true, value: plain(out as T) };
      } catch (e) {
        console.error(errorText(e));
        return { ok: false, error: errorText(e), interrupted: true };
      }
    },
    { args: spec.args, roles: spec.roles },
  );

export const NoArgs = z.strictObject({});

export interface HelpInfo {
  readonly app: string;
  readonly version: string;
  readonly bankSchema: string;
  readonly email: string;
  readonly role: Role | null;
  readonly roleLabel: string;
  readonly scope: string;
  readonly message: string;
}

/** «Справка»: the bank's version and the caller's own role — never anyone else's. */
export const getHelpInfo = rpc({
  roles: 'any',
  args: NoArgs,
  handler: ({ app, user }): HelpInfo => {
    const bankSchema = app.master.has(SETTINGS)
      ? String(
          app.master
            .table(SETTINGS)
            .read()
            .find((r) => r.key === 'schemaVersion')?.value ?? '',
        )
      : '';
    return {
      app: APP_NAME,
      version: SCHEMA_VERSION,
      bankSchema,
      email: user.email,
      role: user.role,
      roleLabel: roleLabel(user.role),
      scope: user.scope,
      message: user.role === null ? NO_ACCESS_MESSAGE : '',
    };
  },
});

/** Reference lists for the sidebars' dropdowns: territory and subdivision codes with names. */
export const referenceLists = (app: App) => ({
  territories: app.master
    .table(TERRITORIES)
    .read()
    .map((t) => ({ code: String(t.code), name: String(t.name), active: t.active === true, hasWorkbook: !!t.workbookId })),
  subdivisions: app.master
    .table(SUBDIVISIONS)
    .read()
    .map((s) => ({ code: String(s.code), name: String(s.name) })),
});
