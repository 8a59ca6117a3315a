// Runs a built sidebar (build/<name>.html) in jsdom with the one google.script.run stand-in (the local bank's), whose
// requests call the real build/Code.js functions (loaded in a vm by load-bundle.ts), JSON both ways as Apps Script does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { STAND_IN } from '../../src/local/script-run-stand-in';
import type { GasBank } from '../gas/bank-fixture';

export const openSidebar = (b: GasBank, name: string, email: string) => {
  // The real sidebar file with the local bank's google.script.run stand-in; its POSTs are answered here, in-process,
  // by the real Code.js function as `email` (JSON both ways, as Apps Script does).
  const html = fs.readFileSync(path.join(__dirname, '..', '..', 'build', `${name}.html`), 'utf8').replace('<head>', `<head>${STAND_IN}`);
  const calls: string[] = [];
  const answer = (fn: string, body: string): unknown => {
    if (typeof b.code[fn] !== 'function') return { error: `Script function not found: ${fn}` };
    try {
      b.gas.Session.email = email;
      const [arg] = JSON.parse(body) as unknown[];
      return { value: JSON.parse(JSON.stringify(b.code[fn](arg))) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      (window as unknown as { fetch: unknown }).fetch = (url: string, init: { body: string }) => {
        const fn = decodeURIComponent(url.replace(/^\/rpc\//, ''));
        calls.push(fn);
        return new Promise((resolve) => setTimeout(() => resolve({ json: async () => answer(fn, init.body) }), 0));
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
