import type { PerformanceMark } from 'node:perf_hooks';

/**
 * `--verbose`: how long the command took to start — Node's own start, then
 * loading soukan's modules up to the command's action (measured from the
 * `soukan:start` mark bin/soukan.js sets before it imports anything), wall
 * and CPU time (the CPU time of this process: on a loaded machine the wall
 * time grows, the CPU time much less). Null when the process did not start
 * through bin/soukan.js.
 *
 * @example startupLine(performance.now(), process.cpuUsage()) // 'start-up: Node 24.1 ms, modules 38.6 ms (CPU 37.0 ms, bundle)'
 */
export function startupLine(actionAt: number, cpuAt: NodeJS.CpuUsage): string | null {
  const mark = performance.getEntriesByName('soukan:start', 'mark')[0];
  if (mark === undefined) return null;
  const from = import.meta.url.includes('/dist/bundle/') ? 'bundle' : 'modules';
  const cpu0 = ((mark as PerformanceMark).detail as NodeJS.CpuUsage | null | undefined) ?? null;
  const cpu = cpu0 === null ? '' : `CPU ${((cpuAt.user - cpu0.user + cpuAt.system - cpu0.system) / 1000).toFixed(1)} ms, `;
  return `start-up: Node ${mark.startTime.toFixed(1)} ms, modules ${(actionAt - mark.startTime).toFixed(1)} ms (${cpu}${from})`;
}
