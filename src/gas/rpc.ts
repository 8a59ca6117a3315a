// Every function a sidebar may call: each checks the caller's role and scope on the server and validates arguments with zod.
import * as z from 'zod';
import type { Role } from '../core/domain/lifecycle';
import { ACCESS, SETTINGS } from '../core/sheets/master';
import { currentUser, CurrentUser, NO_ACCESS_MESSAGE, roleLabel } from '../core/use-cases/current-user';
import { APP_NAME, SCHEMA_VERSION } from '../core/version';
import { compose, App } from './compose';
import { errorText } from './ui';

/** What every RPC returns: google.script.run passes plain objects; Russian messages, never stack traces. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NOT_ALLOWED = 'Это действие недоступно для вашей роли.';

interface RpcSpec<A extends z.ZodType, T> {
  /** Roles allowed; 'any' admits anyone, including a stranger (the handler then sees role null). */
  readonly roles: readonly Role[] | 'any';
  readonly args: A;
  readonly handler: (ctx: { app: App; user: CurrentUser }, args: z.infer<A>) => T;
}

export const rpc =
  <A extends z.ZodType, T>(spec: RpcSpec<A, T>) =>
  (raw?: unknown): RpcResult<T> => {
    try {
      const app = compose();
      const user = currentUser(app.master.table(ACCESS), app.identity.email());
      if (spec.roles !== 'any' && (user.role === null || !spec.roles.includes(user.role))) {
        return { ok: false, error: user.role === null ? NO_ACCESS_MESSAGE : NOT_ALLOWED };
      }
      const parsed = spec.args.safeParse(raw === undefined ? {} : raw);
      if (!parsed.success) return { ok: false, error: `Неверные данные: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
      return { ok: true, value: spec.handler({ app, user }, parsed.data) };
    } catch (e) {
      console.error(errorText(e));
      return { ok: false, error: errorText(e) };
    }
  };

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
  args: z.object({}).strict(),
  handler: ({ app, user }): HelpInfo => {
    const bankSchema = app.master.has(SETTINGS) ? String(app.master.table(SETTINGS).read().find((r) => r.key === 'schemaVersion')?.value ?? '') : '';
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
