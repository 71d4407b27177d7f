// Installs the Debian packages the test suite needs (independent reference
// implementations, and later a browser) when they are missing. Run by
// `npm test`; safe to run again. Needs root or passwordless sudo to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each check says whether a capability is present, and which packages provide it. */
export const requirements = [
  {
    what: 'NumPy, SciPy, pandas, statsmodels, mpmath for /usr/bin/python3',
    present: () => ok('/usr/bin/python3', ['-c', 'import numpy, scipy, pandas, statsmodels, mpmath']),
    packages: ['python3-numpy', 'python3-scipy', 'python3-pandas', 'python3-statsmodels', 'python3-mpmath'],
  },
  {
    what: 'R with tseries and urca',
    present: () => ok('Rscript', ['-e', 'suppressMessages({library(tseries); library(urca)})']),
    packages: ['r-base-core', 'r-cran-tseries', 'r-cran-urca'],
  },
  {
    what: 'scikit-learn for /usr/bin/python3 (shrinkage references)',
    present: () => ok('/usr/bin/python3', ['-c', 'import sklearn']),
    packages: ['python3-sklearn'],
  },
  {
    what: 'R with corpcor (shrinkage and partial correlation references)',
    present: () => ok('Rscript', ['-e', 'suppressMessages(library(corpcor))']),
    packages: ['r-cran-corpcor'],
  },
  {
    // The optional native add-on (packages/native) links Debian's OpenBLAS,
    // the library NumPy uses here, so benchmarks compare like with like.
    // Without it the build prints one line and the WebAssembly kernels are used.
    what: 'OpenBLAS headers, pkg-config and a C++ toolchain for the native add-on',
    present: () => ok('pkg-config', ['--exists', 'openblas']) && ok('c++', ['--version']) && ok('make', ['--version']),
    packages: ['libopenblas-dev', 'pkgconf', 'g++', 'make'],
  },
  {
    // The ClickHouse suite starts its own 3-shard cluster and then one server
    // with Debian's 18.16 build (scripts/clickhouse.mjs), as the current user.
    what: 'ClickHouse server and client (/usr/sbin/clickhouse-server) for the ClickHouse suite',
    present: () => existsSync('/usr/sbin/clickhouse-server') && ok('clickhouse-client', ['--version']),
    packages: ['clickhouse-server', 'clickhouse-client'],
  },
  {
    // The dashboard's browser tests drive Debian's Chromium with playwright-core
    // (never a browser downloaded by Playwright).
    what: 'Chromium (/usr/bin/chromium) for the browser tests',
    present: () => ok('/usr/bin/chromium', ['--version']),
    packages: ['chromium'],
  },
];

function ok(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

export function ensureSystemDeps(reqs = requirements) {
  const missing = reqs.filter((r) => !r.present());
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.flatMap((r) => r.packages))];
  console.error(`soukan: installing Debian packages for the tests: ${pkgs.join(' ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = isRoot ? [] : existsSync('/usr/bin/sudo') ? ['sudo', '-n'] : null;
  if (prefix === null) {
    console.error(`soukan: not root and no sudo; install them yourself: apt-get install ${pkgs.join(' ')}`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => {
    // Waits for another apt/dpkg run (a machine's first-boot updates) instead of failing at once.
    const [cmd, ...rest] = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args];
    const r = spawnSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
    return r.status === 0;
  };
  // With Debian's recommended packages (OpenBLAS for NumPy, fonts for
  // Chromium): the set the suite is developed and checked against.
  // A stale package index is the usual reason an install fails on a fresh machine.
  if (!apt(['install', '-y', '-q', ...pkgs])) {
    if (!apt(['update', '-q']) || !apt(['install', '-y', '-q', ...pkgs])) {
      console.error('soukan: apt-get failed; see above');
      process.exit(1);
    }
  }
  const still = missing.filter((r) => !r.present());
  if (still.length > 0) {
    console.error(`soukan: still missing after install: ${still.map((r) => r.what).join('; ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps();
