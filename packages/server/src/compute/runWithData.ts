import { NeedData, type DataProvider } from '@soukan/data';
import type { ComputeJob, Executor } from './executor.js';

/** Fetch rounds after which a computation that keeps asking is a bug. */
const MAX_ROUNDS = 16;

/**
 * Runs a job whose market may be read on demand from a store: when the
 * computation asks for data the snapshot does not hold (`NeedData`), the
 * provider fetches it and the job runs again on the fuller snapshot (the
 * work before a computation's first data access is validation, so a round
 * costs little). Markets in memory run once.
 *
 * @throws what the job throws, other than `NeedData`.
 */
export async function runWithData(executor: Executor, data: DataProvider, job: ComputeJob): Promise<string> {
  let market = job.market;
  for (let round = 0; ; round++) {
    try {
      return await executor.run({ ...job, market });
    } catch (e) {
      if (!(e instanceof NeedData) || !data.fulfil || round >= MAX_ROUNDS) throw e;
      market = await data.fulfil(market, e.need);
    }
  }
}
