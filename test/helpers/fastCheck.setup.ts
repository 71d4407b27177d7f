// Property tests run fast-check's default 100 cases; SOUKAN_FC_RUNS=N raises
// that for a stress run that flushes out flaky tolerances:
//   SOUKAN_FC_RUNS=2000 npx vitest run packages/core
import fc from 'fast-check';

const runs = Number(process.env.SOUKAN_FC_RUNS);
if (Number.isSafeInteger(runs) && runs > 0) fc.configureGlobal({ numRuns: runs });
