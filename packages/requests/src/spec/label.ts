/**
 * How a front end names parameters in messages: the HTTP API says `window`,
 * the CLI says `--window`. Parsing takes one of these so both get messages in
 * their own words from the same rule.
 *
 * @example cliFlag('maxLag') // '--max-lag'
 */
export type ParamLabel = (name: string) => string;

/** Parameter names as the HTTP API spells them (`maxLag`). */
export const apiName: ParamLabel = (name) => name;

/** Parameter names as command-line options (`--max-lag`). */
export const cliFlag: ParamLabel = (name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
