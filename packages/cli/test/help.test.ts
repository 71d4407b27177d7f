import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

// Every command's --help: worked examples, and a description wrapped by commander alone
// (no line break inside a paragraph). serve, doctor and watch are documented by their owners.
const COMMANDS = ['corr', 'stability', 'dcc', 'vol', 'move', 'var', 'exposure', 'strength', 'cross', 'pair', 'leadlag', 'partial', 'perf', 'import', 'list', 'bars', 'remove'];

describe('soukan <command> --help', () => {
  it.each(COMMANDS)('%s: 2–3 (or more) worked examples of the command itself, and no odd line breaks', async (name) => {
    const r = await runCli([name, '--help'], { COLUMNS: '80' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Examples:');
    expect(at, `${name} --help has no Examples section`).toBeGreaterThan(0);
    const examples = lines.slice(at + 1).filter((l) => l.startsWith('  $ '));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(e.startsWith(`  $ soukan ${name}`), e).toBe(true);
    // The description paragraph: greedy wrapping leaves no line that the next line's first word would have fitted on.
    const start = lines.findIndex((l) => l.startsWith('Usage:')) + 2;
    const end = lines.findIndex((l, i) => i >= start && l.trim() === '');
    const para = /^[A-Z]\w*:$/.test(lines[start] ?? '') ? [] : lines.slice(start, end); // no description: Options: follows
    for (let i = 0; i + 1 < para.length; i++) {
      const next = para[i + 1]!.split(' ')[0]!;
      expect(para[i]!.length + 1 + next.length, `${name}: "${para[i]}" broken before "${next}"`).toBeGreaterThan(80);
    }
  });
});
