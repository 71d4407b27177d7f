import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@soukan/requests';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';

// The dashboard words every server message itself (code + values → en/ja).
// These tests read the server and data sources for the codes they can send
// and fail when one has no entry in either language.

const root = join(import.meta.dirname, '..', '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
const sources = ['requests', 'data', 'server'].flatMap((p) => files(join(root, 'packages', p, 'src'))).map((p) => readFileSync(p, 'utf8'));
const found = (re: RegExp): string[] => [...new Set(sources.flatMap((s) => [...s.matchAll(re)].map((m) => m[1]!)))].sort();
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Codes only the command line meets (server start-up) or the token dialog handles itself. */
const NOT_SHOWN = new Set(['port-denied', 'port-in-use', 'token-required', 'token-too-short', 'bad-host', 'invalid-header']);

describe('message catalogs', () => {
  it('ja has every en key, non-empty, naming the same values', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      const j = ja[k as keyof typeof en];
      expect(j.trim(), k).not.toBe('');
      expect(placeholders(j), k).toEqual(placeholders(v));
    }
  });

  it('every error code the API sends has an en and a ja message', () => {
    const notes = new Set(found(/notes\.add\('([a-z-]+)'/g));
    const codes = found(/(?:code: |HttpError\(\d+, )'([a-z][a-z-]+)'/g).filter((c) => !NOT_SHOWN.has(c) && !notes.has(c));
    expect(codes.length).toBeGreaterThan(30);
    for (const c of codes) {
      expect(en, c).toHaveProperty([`error.${c}`]);
      expect(ja, c).toHaveProperty([`error.${c}`]);
    }
  });

  it('every code of the one error-code union has an en and a ja message', () => {
    for (const c of ERROR_CODES) {
      expect(en, c).toHaveProperty([`error.${c}`]);
      expect(ja, c).toHaveProperty([`error.${c}`]);
    }
  });

  it('every parameter rule (what a valid value looks like) has an en and a ja wording', () => {
    const rules = [...new Set([...found(/new Invalid\([^;]*?, '([a-z-]+)'/g), ...found(/rule: '([a-z-]+)'/g), ...found(/textParam\([^;]*, \d+, '([a-z-]+)'\)/g)])].filter((r) => r !== 'text');
    expect(rules.length).toBeGreaterThan(10);
    for (const r of rules) {
      expect(en, r).toHaveProperty([`expect.${r}`]);
      expect(ja, r).toHaveProperty([`expect.${r}`]);
    }
  });

  it('every coded note has an en and a ja wording', () => {
    const notes = found(/notes\.add\('([a-z-]+)'/g);
    expect(notes).toEqual(['forward-filled', 'pairs-missing', 'shrunk']);
    for (const n of notes) {
      expect(en, n).toHaveProperty([`note.${n}`]);
      expect(ja, n).toHaveProperty([`note.${n}`]);
    }
  });
});
