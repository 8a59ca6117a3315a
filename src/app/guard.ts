// Role checks for menu actions (sidebar RPCs check in rpc.ts): the menu shows items by role, the server checks again.
import type { Role } from '../core/domain/lifecycle';
import { ACCESS } from '../core/sheets/master';
import { currentUser, NO_ACCESS_MESSAGE } from '../core/use-cases/current-user';
import type { App } from './app';
import { NOT_ALLOWED } from './rpc';

/** Why the caller may not do this, in Russian; null when their role is among `roles`. */
export const roleRefusal = (app: App, roles: readonly Role[]): string | null => {
  const user = currentUser(app.master.table(ACCESS), app.identity.email());
  if (user.role && roles.includes(user.role)) return null;
  return user.role ? NOT_ALLOWED : NO_ACCESS_MESSAGE;
};
