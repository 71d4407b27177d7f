import { statSync } from 'node:fs';

/** Endings of the files `--data` reads (a pair never ends like this). */
const DATA_FILE = /\.(csv|txt|tsv|prn|zip|gz|xml|json|hst|hcc)$/i;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `--data` takes one file; repeat it for more. So that a shell-expanded list
 * (`--data HISTDATA_*_2017.zip`) still reads every file, the words right
 * after a `--data FILE` that are data files too — an existing file, or a name
 * ending like one (.csv, .zip, .gz …, so a mistyped one is reported missing)
 * — become `--data WORD` each; the first other word (a pair such as
 * `EUR/JPY`) ends the list and is a positional argument again.
 *
 * @example dataArgs(['corr', '--data', 'h10.csv', 'EUR/JPY']) // ['corr', '--data', 'h10.csv', 'EUR/JPY']
 * @example dataArgs(['corr', '--data', 'a.zip', 'b.zip']) // ['corr', '--data', 'a.zip', '--data', 'b.zip']
 */
export function dataArgs(argv: readonly string[], fileExists: (p: string) => boolean = isFile): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    out.push(a);
    i++;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a !== '--data' && !a.startsWith('--data=')) continue;
    if (a === '--data' && i < argv.length) out.push(argv[i++]!);
    while (i < argv.length && !argv[i]!.startsWith('-') && (DATA_FILE.test(argv[i]!) || fileExists(argv[i]!))) out.push('--data', argv[i++]!);
  }
  return out;
}
