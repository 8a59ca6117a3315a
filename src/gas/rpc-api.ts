// The RPC surface as types, shared with the sidebars' client (a type-only import: nothing of the server ships to the browser).
import type { HelpInfo } from './rpc';

export interface RpcApi {
  getHelpInfo: { args: Record<string, never>; result: HelpInfo };
}
