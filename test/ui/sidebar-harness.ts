// Runs a built sidebar (build/<name>.html) in jsdom with a google.script.run stand-in that calls the real
// build/Code.js functions (loaded in a vm by load-bundle.ts), JSON round-tripping arguments and results as Apps Script does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { GasBank } from '../gas/bank-fixture';

export const openSidebar = (b: GasBank, name: string, email: string) => {
  const html = fs.readFileSync(path.join(__dirname, '..', '..', 'build', `${name}.html`), 'utf8');
  const calls: string[] = [];
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      const runner = (ok?: (v: unknown) => void, fail?: (e: Error) => void): unknown =>
        new Proxy(
          {},
          {
            get: (_t, prop: string) => {
              if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, fail);
              if (prop === 'withFailureHandler') return (f: (e: Error) => void) => runner(ok, f);
              return (arg: unknown) => {
                calls.push(prop);
                setTimeout(() => {
                  try {
                    if (prop.endsWith('_') || typeof b.code[prop] !== 'function') throw new Error(`Script function not found: ${prop}`);
                    b.gas.Session.email = email;
                    const sent = arg === undefined ? undefined : JSON.parse(JSON.stringify(arg));
                    ok?.(JSON.parse(JSON.stringify(b.code[prop](sent))));
                  } catch (e) {
                    fail?.(e as Error);
                  }
                }, 0);
              };
            },
          },
        );
      (window as unknown as { google: unknown }).google = { script: { run: runner() } };
    },
  });
  const doc = dom.window.document;
  // What a person reads: the page without the inlined script's source.
  const text = () =>
    [...doc.body.children]
      .filter((el) => el.tagName !== 'SCRIPT')
      .map((el) => el.textContent ?? '')
      .join(' ');
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const until = async (cond: () => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (cond()) return;
      await settle();
    }
    throw new Error(`timed out waiting for ${what}; page: ${text().slice(0, 500)}`);
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
