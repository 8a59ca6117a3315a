// The RPC contract shared with the sidebars' client, derived from the server's own zod schemas and handlers
// (type-only: nothing of the server ships to the browser). Arguments are what the browser sends (z.input).
import type * as z from '../core/zod';
import type { CabinetCourse, CabinetView } from './cabinet';
import type { CABINET_REQUEST_FUNCTIONS, CabinetRequestKind } from './cabinet-requests';
import type { getHelpInfo, Rpc } from './rpc';
import type * as staff from './rpc-staff';

type Handlers = typeof staff & { getHelpInfo: typeof getHelpInfo };

/** `args`: what the browser may send; `parsed`: the same after the server's defaults (a complete form's shape). */
type Entry<F> = F extends Rpc<infer T, infer A> ? { args: z.input<A>; parsed: z.output<A>; result: T } : never;

export type RpcApi = { [K in keyof Handlers as Handlers[K] extends Rpc<unknown, z.ZodMiniType> ? K : never]: Entry<Handlers[K]> };

/** The cabinet script's functions (src/app/cabinet.ts); a request carries the arguments of a staff function, as a cabinet may pass them. */
export type CabinetRequestArgs = { [K in CabinetRequestKind]: { kind: K; args: z.input<(typeof CABINET_REQUEST_FUNCTIONS)[K]['args']> } }[CabinetRequestKind];
export interface CabinetApi {
  getCabinet: { args: Record<string, never>; result: CabinetView };
  getCabinetCourse: { args: { code: string }; result: CabinetCourse };
  submitRequest: { args: CabinetRequestArgs; result: { id: string; state: string } };
  saveAttendance: { args: { code: string; present: string[] }; result: { marked: number } };
}
export type { CabinetCourse, CabinetView };
