import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/app.js';
import { ecbProvider, json, testApp } from './helpers.js';

// Issue 15 item 1: a query key that names a property of Object.prototype
// (`__proto__`, `constructor`, `toString`…) once reached a parameter table
// through `in` and answered 500. Every name Object.prototype has, on every
// route that takes a query, must be an unknown parameter: 400 naming it.

let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  app = testApp(await ecbProvider()).app;
});

const inherited = Object.getOwnPropertyNames(Object.prototype);
const routes = ROUTES.filter((r) => !r.path.includes(':'));

describe('query keys that name Object.prototype members', () => {
  it('the generated inputs cover the names seen in the wild', () => {
    expect(inherited).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']));
  });
  for (const r of routes) {
    it(`${r.method.toUpperCase()} ${r.path}: 400 unknown-param naming the key, never 500`, async () => {
      for (const name of inherited) {
        for (const value of ['1', 'x', '']) {
          const res = await json(app.request(`${r.path}?${encodeURIComponent(name)}=${value}`, { method: r.method.toUpperCase() }));
          expect(res.status, `${name}=${value}`).toBe(400);
          expect(res.body.error.code, `${name}=${value}`).toBe('unknown-param');
          expect(res.body.error.params.param).toBe(name);
        }
      }
    });
  }
});
