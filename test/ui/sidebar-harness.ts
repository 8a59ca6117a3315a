// Runs a built sidebar (build/<name>.html) in jsdom with the one google.script.run stand-in (the local bank's), whose
// requests call the real build/Code.js functions (loaded in a vm by load-bundle.ts), JSON both ways as Apps Script does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { withToday } from '../../src/app/today';
import { STAND_IN } from '../../src/local/script-run-stand-in';
import { type GasBank, OWNER } from '../gas/bank-fixture';

/** Which script answers the sidebar: the master's (build/) by default, or a cabinet's (build-cabinet/). */
export interface SidebarScript {
  readonly code: Record<string, any>;
  readonly dir: string;
}

/**
 * The master's web app as a page's `fetch` reaches it: `doPost` of build/Code.js run as a web-app visit (executing as the
 * owner, the visitor unknown), its ContentService answer read back; 'down' — the network fails.
 */
export type WebApp = 'up' | 'down';

export const openSidebar = (
  b: GasBank,
  name: string,
  email: string,
  script: SidebarScript = { code: b.code, dir: path.join(__dirname, '..', '..', 'build') },
  webApp: WebApp = 'up',
) => {
  // The real sidebar file with the local bank's google.script.run stand-in; its POSTs are answered here, in-process,
  // by the real Code.js function as `email` (JSON both ways, as Apps Script does).
  // Served as Apps Script serves it: with the script's "today" (the test's clock) written into the page.
  const file = fs.readFileSync(path.join(script.dir, `${name}.html`), 'utf8');
  const html = withToday(file, { now: () => new Date(b.gas.Clock.at) }).replace('<head>', `<head>${STAND_IN}`);
  const calls: string[] = [];
  /** Server calls not yet answered: `until` gives up only when nothing is left to wait for, whatever the machine's speed. */
  let inFlight = 0;
  const answer = (fn: string, body: string): unknown => {
    if (typeof script.code[fn] !== 'function') return { error: `Script function not found: ${fn}` };
    try {
      b.gas.Session.email = email;
      const [arg] = JSON.parse(body) as unknown[];
      return { value: JSON.parse(JSON.stringify(script.code[fn](arg))) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      (window as unknown as { fetch: unknown }).fetch = (url: string, init: { body: string }) => {
        if (url.startsWith('https://script.google.com/')) {
          calls.push('web app');
          if (webApp === 'down') return Promise.reject(new TypeError('Failed to fetch'));
          inFlight++;
          return new Promise((resolve) =>
            setTimeout(() => {
              b.gas.Session.visitWebApp(OWNER, '');
              const out = b.code.doPost({ parameter: Object.fromEntries(new URLSearchParams(String(init.body))) });
              inFlight--;
              resolve({ json: async () => JSON.parse(out.getContent()) });
            }, 0),
          );
        }
        const fn = decodeURIComponent(url.replace(/^\/rpc\//, ''));
        calls.push(fn);
        inFlight++;
        return new Promise((resolve) =>
          setTimeout(() => {
            const body = answer(fn, init.body);
            inFlight--;
            resolve({ json: async () => body });
          }, 0),
        );
      };
    },
  });
  const doc = dom.window.document;
  // What a person reads: the page without the inlined script's source.
  const text = () =>
    [...doc.body.children]
      .filter((el) => el.tagName !== 'SCRIPT')
      .map((el) => el.textContent ?? '')
      .join(' ');
  const turn = () => new Promise((r) => setTimeout(r, 0));
  /** Waits for `cond`; fails once no server call is in flight and the page has had a few turns to draw the answer. */
  const until = async (cond: () => boolean, what: string) => {
    for (let idle = 0; idle < 20; ) {
      if (cond()) return;
      idle = inFlight > 0 ? 0 : idle + 1;
      await turn();
    }
    throw new Error(`no more server calls, and still no ${what}; page: ${text().slice(0, 500)}`);
  };
  const button = (label: string): HTMLButtonElement => {
    const b = [...doc.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
    if (!b) throw new Error(`no button «${label}» in: ${text().slice(0, 400)}`);
    return b as HTMLButtonElement;
  };
  const input = (label: string): HTMLInputElement => {
    const l = [...doc.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
    const el = l && doc.getElementById(l.getAttribute('for') ?? '');
    if (!el) throw new Error(`no field «${label}»`);
    return el as HTMLInputElement;
  };
  return { dom, doc, calls, until, button, input, text };
};
