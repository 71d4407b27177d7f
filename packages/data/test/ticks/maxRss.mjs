// Preloaded into a child process (node --import): writes the process's
// peak resident memory (every thread's, DuckDB's included; kB) to stderr
// as it exits, for the bounded-memory import test.
process.on('exit', () => process.stderr.write(`\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`));
