// Binds an application-layer server function to this Apps Script execution: the App is composed per call.

import type { App } from '../app/app';
import { errorText } from '../app/errors';
import type { Rpc, RpcResult } from '../app/rpc';
import { compose } from './compose';

export const serve =
  <T>(handler: Rpc<T>) =>
  (raw?: unknown): RpcResult<T> => {
    let app: App;
    try {
      app = compose();
    } catch (e) {
      console.error(errorText(e));
      return { ok: false, error: errorText(e) };
    }
    return handler(app, raw);
  };
