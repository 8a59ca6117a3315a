// Organisation reference records: territories, subdivisions, access entries (the regulation's "password list").
import * as z from 'zod';

const trimmed = z.string().trim();

export const TerritoryCode = trimmed.regex(/^[a-z][a-z0-9-]*$/, 'Код территории: латинские буквы, цифры и дефис').brand<'TerritoryCode'>();
export type TerritoryCode = z.infer<typeof TerritoryCode>;

export const Territory = z.object({
  code: TerritoryCode,
  name: trimmed.min(1, 'Укажите название территории'),
  kind: trimmed.default(''),
  /** Spreadsheet id of the territory workbook (set by setup). */
  workbookId: trimmed.default(''),
  active: z.boolean().default(true),
});
export type Territory = z.infer<typeof Territory>;

export const SubdivisionCode = trimmed.regex(/^[A-Za-zА-Яа-яЁё0-9-]+$/, 'Код подразделения: буквы, цифры и дефис').brand<'SubdivisionCode'>();
export type SubdivisionCode = z.infer<typeof SubdivisionCode>;

export const Subdivision = z.object({
  code: SubdivisionCode,
  name: trimmed.min(1, 'Укажите название подразделения'),
});
export type Subdivision = z.infer<typeof Subdivision>;

export const Email = trimmed.toLowerCase().pipe(z.email('Некорректный адрес электронной почты'));
export const ROLES = ['sector', 'head', 'leader', 'methodist'] as const;
export const ROLE_LABELS = { sector: 'Сектор', head: 'Начальник отдела', leader: 'Руководитель курсов', methodist: 'Методист территории' } as const;

/** One person's access: the scope is a subdivision for head/leader, a territory for a methodist, empty for the sector. */
export const AccessEntry = z
  .object({
    email: Email,
    role: z.enum(ROLES, 'Роль: sector, head, leader или methodist'),
    scope: trimmed.default(''),
    name: trimmed.default(''),
    active: z.boolean().default(true),
  })
  .refine((a) => a.role === 'sector' || a.scope.length > 0, { message: 'Для этой роли укажите подразделение или территорию', path: ['scope'] });
export type AccessEntry = z.infer<typeof AccessEntry>;
