/**
 * Commands that run from the CLI's unbundled modules (dist/main.js) instead
 * of its per-command bundle (dist/bundle/main.js): they load @soukan/server,
 * which imports @soukan/data from its own package, and the bundle's inlined
 * copy of the data layer beside it would be a second one (two `InputError`
 * classes, two worker pools). scripts/bundleCli.mjs refuses to bundle a
 * command that imports the server unless it is listed here.
 */
export const UNBUNDLED_COMMANDS = ['serve', 'watch'];
