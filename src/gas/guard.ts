// Role checks for menu actions (sidebar RPCs use rpc.ts): the menu shows items by role, the server checks again.
import type { Role } from '../core/domain/lifecycle';
import { ACCESS } from '../core/sheets/master';
import { currentUser, NO_ACCESS_MESSAGE } from '../core/use-cases/current-user';
import type { App } from './app';
import { alert } from './ui';

export const requireRole = (app: App, roles: readonly Role[]): boolean => {
  const user = currentUser(app.master.table(ACCESS), app.identity.email());
  if (user.role && roles.includes(user.role)) return true;
  alert(user.role ? 'Это действие недоступно для вашей роли.' : NO_ACCESS_MESSAGE);
  return false;
};
