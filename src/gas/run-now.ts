// The web app's second door (DESIGN §8): a cabinet's sidebar asks the master's project, deployed to execute as the
// owner, to carry out that cabinet's waiting requests now instead of at the job's next run. The request carries no
// authority — the requester of each row is its sheet's protection, checked as the job checks it — so it needs no secret,
// only to be cheap to refuse: a cabinet id that is not one, more than a few runs a minute per cabinet or in all.
import { runCabinetNow } from '../app/cabinet-sync';
import { errorText } from '../app/errors';
import type { RpcResult } from '../app/rpc';
import { compose } from './compose';
import { allow, type WebEvent } from './status';

/** Runs a minute per cabinet, and in all (the job still carries whatever the limits turn away). */
const PER_CABINET = 12;
const IN_ALL = 120;
const CABINET_ID = /^[A-Za-z0-9_-]{1,100}$/;

const json = (r: RpcResult<unknown>): GoogleAppsScript.Content.TextOutput =>
  ContentService.createTextOutput(JSON.stringify(r)).setMimeType(ContentService.MimeType.JSON);

/** `cabinet=<spreadsheet id>`: the answer is JSON `{ ok, value: { done, failed, results } }` or `{ ok: false, error }`. */
export const runNowAnswer = (e: WebEvent | undefined): GoogleAppsScript.Content.TextOutput => {
  const id = String(e?.parameter?.cabinet ?? '');
  try {
    if (!CABINET_ID.test(id)) return json({ ok: false, error: 'Неверный запрос.' });
    if (!allow(`run:c:${id}`, PER_CABINET) || !allow('run:all', IN_ALL))
      return json({ ok: false, error: 'Слишком много запросов подряд: банк выполнит запрос при следующем запуске фонового задания.' });
    return json(runCabinetNow(compose(), id));
  } catch (err) {
    console.error(`runNow: ${errorText(err)}`);
    return json({ ok: false, error: errorText(err), interrupted: true });
  }
};
