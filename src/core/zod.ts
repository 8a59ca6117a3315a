// The project's one zod import: zod/mini (functions instead of methods, so the bundle keeps only what is used) with
// Russian default messages — a schema without a message of its own still answers the user in Russian.
// Import it as a namespace (`import * as z from '../zod'`): member accesses keep the bundle tree-shakable.

import { ru } from 'zod/locales';
import { config } from 'zod/mini';

/** Russian words for the sizes zod's locale names by type («ожидалось, что string будет иметь…» — issue 18). */
const limit = (iss: { code?: string; origin?: unknown; maximum?: unknown; minimum?: unknown }): string | undefined => {
  const n = Number(iss.code === 'too_big' ? iss.maximum : iss.minimum);
  if (!Number.isFinite(n)) return undefined;
  if (iss.origin === 'string') return iss.code === 'too_big' ? `Не длиннее ${n} символов` : n <= 1 ? 'Заполните поле' : `Не короче ${n} символов`;
  if (iss.origin === 'array') return iss.code === 'too_big' ? `Не больше ${n} в списке` : n <= 1 ? 'Выберите хотя бы одно значение' : `Не меньше ${n} в списке`;
  return undefined;
};

config(ru());
config({ customError: (iss) => (iss.code === 'too_big' || iss.code === 'too_small' ? limit(iss as Parameters<typeof limit>[0]) : undefined) });

export * from 'zod/mini';
