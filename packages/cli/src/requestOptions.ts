import { cliFlag, parseRequest, type Example, type Params, type RequestSpec, type Values } from '@soukan/requests';
import type { Command } from 'commander';

/** How the help shows a parameter's default. */
function withDefault(description: string, p: Params[string]): string {
  const d = p.defaultText ?? (typeof p.default === 'object' ? undefined : p.default);
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
    } else {
      const value = p.list ? p.placeholder.replace(/>$/, '...>') : p.placeholder;
      cmd.option(p.switch ? cliFlag(name) : `${cliFlag(name)} ${value}`, withDefault(p.description.en, p));
    }
  }
  return names;
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
