import { InputError } from '@soukan/data';
import { cliFlag, formatParam, Invalid, parseRequest, type Example, type OutputFormat, type Param, type Params, type RequestSpec, type Values } from '@soukan/requests';
import type { Command } from 'commander';

/** How the help shows a parameter's default. */
function withDefault(description: string, p: Params[string]): string {
  const d = p.cliDefault ?? p.defaultText ?? (typeof p.default === 'object' ? undefined : p.default);
  return d === undefined ? description : `${description} (default: ${String(d)})`;
}

/** The parameters of a request a command takes: all, or `only` these. */
function chosen<P extends Params>(spec: RequestSpec<P>, only?: readonly (keyof P & string)[]): [string, Params[string]][] {
  return Object.entries(spec.params).filter(([name, p]) => p.cli !== 'none' && (only === undefined || only.includes(name)));
}

/**
 * Adds a request's parameters to a command — positional arguments and
 * `--kebab-case` options with their help and defaults, as the spec declares
 * them. Values are not parsed here:
 * the command hands the words to {@link parseCli}, so the command line gives
 * the spec's verdict, rule for rule. Returns the names added.
 *
 * @example addRequest(program.command('corr'), correlationRequest) // ['symbols', 'universe', …]
 */
export function addRequest<P extends Params>(cmd: Command, spec: RequestSpec<P>, o: { only?: readonly (keyof P & string)[] } = {}): string[] {
  const names: string[] = [];
  for (const [name, p] of chosen(spec, o.only)) {
    names.push(name);
    if (p.cli === 'argument') {
      const word = p.list ? `${name}...` : name;
      cmd.argument(p.required ? `<${word}>` : `[${word}]`, withDefault(p.description.en, p));
    } else cmd.option(optionFlags(name, p), withDefault(p.description.en, p));
  }
  return names;
}

/** `--kebab-name <placeholder>`, or the bare flag of a switch. */
function optionFlags(name: string, p: Param): string {
  const value = p.list ? p.placeholder.replace(/>$/, '...>') : p.placeholder;
  return p.switch ? cliFlag(name) : `${cliFlag(name)} ${value}`;
}

/**
 * Adds one command-line-only parameter (not part of a request: `--store`,
 * `--format`) as its spec declares it. Its word is checked as commander
 * reads it, so `opts()[name]` is the parsed value, or the default.
 *
 * @throws InputError `--store must be a file path, got "…"` (when parsing).
 * @example addParam(cmd, 'store', storeParam) // adds --store <path>
 */
export function addParam<T>(cmd: Command, name: string, p: Param<T>): Command {
  const parse = (text: string): T => {
    try {
      return p.fromText(text);
    } catch (e) {
      if (e instanceof Invalid) throw new InputError(`${cliFlag(name)} must be ${e.expected.en}, got ${JSON.stringify(text)}`);
      throw e;
    }
  };
  // commander shows the default (`(default: "table")`) and fills it in.
  return p.default === undefined ? cmd.option(optionFlags(name, p), p.description.en, parse) : cmd.option(optionFlags(name, p), p.description.en, parse, p.default);
}

/**
 * Adds `--format` ({@link formatParam}: the formats a command prints, `table`
 * by default); `opts().format` is one of them.
 *
 * @example addFormat(cmd, formatParam(['table', 'json'])) // --format <table|json>, opts().format 'table' | 'json'
 */
export function addFormat<F extends OutputFormat>(cmd: Command, p: Param<F> = formatParam() as Param<F>): Command {
  return addParam(cmd, 'format', p);
}

/**
 * Adds the worked examples of requests to a command's `--help`.
 *
 * @example addExamples(cmd, correlationRequest, correlationSeriesRequest)
 */
export function addExamples(cmd: Command, ...specs: { readonly examples: readonly Example[] }[]): Command {
  const examples = specs.flatMap((s) => s.examples);
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e.cli}\n      ${e.what.en}`).join('\n')}\n`);
}

/**
 * The words a command was given for the request parameters `names` (as
 * added by {@link addRequest}): positional arguments in declared order, then
 * the options that were given. Defaults are not filled in: the request knows
 * them, and a rule such as "a window or a date range" must see what the user
 * typed.
 */
export function cliInput(cmd: Command, names: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const args = cmd.registeredArguments.map((a) => a.name());
  args.forEach((name, i) => {
    if (names.includes(name)) input[name] = cmd.processedArgs[i];
  });
  const opts = cmd.opts();
  for (const name of names) if (!args.includes(name) && opts[name] !== undefined) input[name] = opts[name];
  return input;
}

/**
 * The command-line words of a request through its spec, with messages naming
 * `--options`.
 *
 * @throws RequestError (the CLI prints it and exits 2).
 */
export function parseCli<P extends Params>(spec: RequestSpec<P>, input: Record<string, unknown>): Values<P> {
  return parseRequest(spec, input, { text: true, label: cliFlag });
}
