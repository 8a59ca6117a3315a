// Menu actions: the role check of src/app/guard.ts, said to the person at the screen as an alert.

import type { App } from '../app/app';
import { roleRefusal } from '../app/guard';
import type { Role } from '../core/domain/lifecycle';
import { alert } from './ui';

export const requireRole = (app: App, roles: readonly Role[]): boolean => {
  const refusal = roleRefusal(app, roles);
  if (refusal) alert(refusal);
  return refusal === null;
};
