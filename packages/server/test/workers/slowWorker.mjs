// A stand-in compute worker for the pool tests: "slow" spins for params.ms,
// "crash" exits, anything else answers at once with its params.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.type !== 'task') return;
  if (m.task === 'crash') process.exit(3);
  if (m.task === 'slow') {
    const until = Date.now() + m.params.ms;
    while (Date.now() < until) {
      /* busy: only terminate() stops this */
    }
  }
  if (m.task === 'fail') return parentPort.postMessage({ seq: m.seq, error: { name: 'InputError', message: 'window: bad', code: 'invalid-param', params: { param: 'window' } } });
  parentPort.postMessage({ seq: m.seq, body: JSON.stringify({ task: m.task, params: m.params, market: m.marketId }) });
});
