/** A lockfile entry (npm lockfileVersion 3), the fields this reads. */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A packed workspace package: its manifest, tarball name (beside the project's folder) and integrity from `npm pack --json`. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly tarball: string;
  readonly integrity: string;
}

/**
 * The `package-lock.json` of a project that depends on nothing but packed
 * tarballs, taken from the repository's own lockfile: each tarball's entry
 * points at the file, and every third-party package the tarballs reach
 * (dependencies and optional dependencies, followed the way Node resolves
 * them) keeps the version and integrity the repository locked. With it,
 * `npm install --offline` installs from the tarballs and the npm cache that
 * `npm ci` filled, and never needs a registry listing (which that cache
 * does not hold).
 *
 * @throws Error naming the package and dependency when the repository's
 *   lockfile does not hold something a tarball needs.
 * @example offlineLock(rootLock, 'check', packed).packages['node_modules/zod'].version // '4.6.7'
 */
export function offlineLock(rootLock: { packages: Record<string, LockEntry> }, name: string, packed: readonly PackedPackage[]): { name: string; lockfileVersion: 3; requires: true; packages: Record<string, LockEntry> } {
  const all = rootLock.packages;
  const workspaceDir = new Map<string, string>();
  for (const [path, e] of Object.entries(all)) if (!path.includes('node_modules') && typeof e.name === 'string') workspaceDir.set(e.name, path);
  const packages: Record<string, LockEntry> = {
    '': { name, dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:../tarballs/${p.tarball}`])) },
  };
  const ours = new Set(packed.map((p) => p.name));
  for (const p of packed) {
    packages[`node_modules/${p.name}`] = { version: p.version, resolved: `file:../tarballs/${p.tarball}`, integrity: p.integrity, ...(p.dependencies ? { dependencies: p.dependencies } : {}) };
  }

  // Where Node would find `dep` from the package installed at `from` (a path in the repository's lockfile).
  const locate = (from: string, dep: string): string | undefined => {
    for (let dir = from; ; ) {
      const candidate = dir === '' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
      if (all[candidate]) return candidate;
      if (dir === '') return undefined;
      const i = dir.lastIndexOf('/node_modules/');
      dir = i >= 0 ? dir.slice(0, i) : '';
    }
  };
  // A repository path as the packed project installs it: a workspace's own node_modules moves under the installed package.
  const relocate = (path: string): string => {
    for (const [pkg, dir] of workspaceDir) if (path.startsWith(`${dir}/node_modules/`)) return `node_modules/${pkg}/${path.slice(dir.length + 1)}`;
    return path;
  };

  const queue: string[] = [];
  const visit = (from: string, owner: string, deps: Record<string, string> | undefined, optional: boolean): void => {
    for (const dep of Object.keys(deps ?? {})) {
      if (ours.has(dep)) continue;
      const at = locate(from, dep);
      if (at === undefined) {
        if (optional) continue;
        throw new Error(`offlineLock: ${owner} needs ${dep}, which the repository's package-lock.json does not hold`);
      }
      const to = relocate(at);
      if (packages[to]) continue;
      const { dev: _dev, devOptional: _devOptional, ...entry } = all[at]!;
      packages[to] = entry;
      queue.push(at);
    }
  };
  for (const p of packed) {
    const dir = workspaceDir.get(p.name);
    if (dir === undefined) throw new Error(`offlineLock: ${p.name} is not a workspace of the repository`);
    visit(dir, p.name, p.dependencies, false);
  }
  while (queue.length > 0) {
    const at = queue.shift()!;
    const e = all[at]!;
    visit(at, at, e.dependencies, false);
    visit(at, at, e.optionalDependencies, true);
    visit(at, at, e.peerDependencies, true);
  }
  return { name, lockfileVersion: 3, requires: true, packages };
}
