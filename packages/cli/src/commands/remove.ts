import { removeExamples, storeParam } from '@soukan/requests';
import { addExamples, addParam } from '../requestOptions.js';
import { createInterface } from 'node:readline/promises';
import { parseSymbol } from '@soukan/core';
import { InputError, Store, storePath } from '@soukan/data';
import type { Command } from 'commander';

interface RemoveOptions {
  store?: string;
  source?: string;
  yes?: boolean;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** `soukan remove SYMBOL`: delete stored series, after confirmation. */
export function registerRemove(program: Command): void {
  const cmd = addExamples(program.command('remove'), { examples: removeExamples })
    .summary('delete a stored pair (of one source, or of all) from the store')
    .argument('<symbol>', 'stored pair, e.g. EUR/USD')
    .option('--source <name>', 'only from this source')
    .option('--yes', 'do not ask for confirmation');
  addParam(cmd, 'store', storeParam).action(async (symbol: string, opts: RemoveOptions) => {
    const path = opts.store ?? storePath();
    if (!Store.exists(path)) throw new InputError(`the store ${path} is empty; nothing to remove`);
    let canonical: string;
    try {
      canonical = parseSymbol(symbol).symbol;
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const store = await Store.open(path);
    try {
      const hit = (await store.list()).filter((s) => s.symbol === canonical && (opts.source === undefined || s.source.toLowerCase() === opts.source.toLowerCase()));
      if (hit.length > 0 && !opts.yes) {
        if (!process.stdin.isTTY) throw new InputError('remove asks for confirmation; pass --yes to remove without asking');
        const what = hit.map((s) => `${s.symbol} from ${s.source} (${s.rows.toLocaleString('en-US')} rows)`).join(', ');
        if (!(await confirm(`remove ${what} from ${path}? [y/N] `))) {
          process.stderr.write('nothing removed\n');
          return;
        }
      }
      // Also reports an unknown symbol or source with what is stored.
      const removed = await store.remove(canonical, { source: opts.source });
      for (const s of removed) process.stdout.write(`removed ${s.symbol} from ${s.source}: ${s.rows.toLocaleString('en-US')} rows\n`);
    } finally {
      await store.close();
    }
  });
}
