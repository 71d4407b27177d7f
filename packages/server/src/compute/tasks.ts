import {
  crossJson,
  crossQuery,
  exposureJson,
  exposureQuery,
  moveJson,
  moveQuery,
  pairJson,
  pairQuery,
  perfJson,
  perfQuery,
  strengthJson,
  strengthQuery,
  varJson,
  varQuery,
  volatilityJson,
  volatilityQuery,
  type CrossParams,
  type ExposureParams,
  type MoveParams,
  type PairParams,
  type PerfParams,
  type StrengthParams,
  type VarParams,
  type VolatilityParams,
  correlationMatrixJson,
  dccJson,
  dccQuery,
  stabilityJson,
  stabilityQuery,
  type DccParams,
  type StabilityParams,
  correlationPairJson,
  correlationPairQuery,
  correlationQuery,
  correlationSeriesJson,
  correlationSeriesQuery,
  type CorrelationPairParams,
  type CorrelationParams,
  type CorrelationSeriesParams,
  type DataAbout,
  type Market,
  leadLagJson,
  leadLagQuery,
  partialJson,
  partialQuery,
  eppsJson,
  eppsQuery,
} from '@soukan/data';
import type { EppsParams, LeadLagParams, PartialParams } from '@soukan/requests';

/**
 * The heavy computations the API runs, by name: thin wrappers over the data
 * layer's request functions (the same ones the CLI calls) that return the
 * JSON body. They run in a worker thread (or inline in tests), so their
 * params are plain, structured-cloneable objects.
 */
export const TASKS = {
  correlation: async (m: Market, p: CorrelationParams, about: DataAbout) => correlationMatrixJson(await correlationQuery(m, p), about),
  correlationSeries: (m: Market, p: CorrelationSeriesParams, about: DataAbout) => correlationSeriesJson(correlationSeriesQuery(m, p), about),
  correlationPair: async (m: Market, p: CorrelationPairParams, about: DataAbout) => correlationPairJson(await correlationPairQuery(m, p), about),
  stability: (m: Market, p: StabilityParams, about: DataAbout) => stabilityJson(stabilityQuery(m, p), about),
  dcc: (m: Market, p: DccParams, about: DataAbout) => dccJson(dccQuery(m, p), about),
  volatility: (m: Market, p: VolatilityParams, about: DataAbout) => volatilityJson(volatilityQuery(m, p), about),
  move: (m: Market, p: MoveParams, about: DataAbout) => moveJson(moveQuery(m, p), about),
  var: (m: Market, p: VarParams, about: DataAbout) => varJson(varQuery(m, p), about),
  exposure: (m: Market, p: ExposureParams, about: DataAbout) => exposureJson(exposureQuery(m, p), about),
  strength: (m: Market, p: StrengthParams, about: DataAbout) => strengthJson(strengthQuery(m, p), about),
  cross: (m: Market, p: CrossParams, about: DataAbout) => crossJson(crossQuery(m, p), about),
  pair: (m: Market, p: PairParams, about: DataAbout) => pairJson(pairQuery(m, p), about),
  performance: (m: Market, p: PerfParams, about: DataAbout) => perfJson(perfQuery(m, p), about),
  leadLag: (m: Market, p: LeadLagParams, about: DataAbout) => leadLagJson(leadLagQuery(m, p), about),
  partial: (m: Market, p: PartialParams, about: DataAbout) => partialJson(partialQuery(m, p), about),
  epps: (m: Market, p: EppsParams, about: DataAbout) => eppsJson(eppsQuery(m, p), about),
} as const;

/** Name of a heavy computation. */
export type TaskName = keyof typeof TASKS;

/** The params a task takes. */
export type TaskParams<T extends TaskName> = Parameters<(typeof TASKS)[T]>[1];

/** Runs a task and serialises its result (the response body). */
export async function runTask(name: TaskName, market: Market, params: unknown, about: DataAbout): Promise<string> {
  const task = TASKS[name] as (m: Market, p: unknown, a: DataAbout) => unknown;
  if (!task) throw new Error(`unknown task ${name}`);
  return JSON.stringify(await task(market, params, about));
}
