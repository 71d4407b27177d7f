/* global performance, clearTimeout, fetch */
// kill -9 trials of `soukan import` on a ClickHouse store (run through
// `node scripts/killtrials.mjs --engine clickhouse`; counts go to
// docs/reliability.md). A 3-shard cluster is started (scripts/clickhouse.mjs);
// each trial imports one HistData year of a pair into a fresh database and is
// killed with SIGKILL after a random delay (uniform over the uncut import's
// duration). What readers see (`soukan list`) must then be exactly the empty
// store or exactly the complete import; every `--reimport-every`th trial the
// import is run again and must complete to the same contents with no
// uncommitted row left in the table.
import { spawn, spawnSync } from 'node:child_process';
import { startClickHouse } from './clickhouse.mjs';

export async function clickhouseKillTrials({ trials, bin, zip, reimportEvery = 4 }) {
  const cluster = await startClickHouse({ shards: 3 });
  const location = (db) => {
    const u = new URL(cluster.url);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const cli = (args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const http = (query) => fetch(`http://127.0.0.1:${cluster.nodes[0].http}/`, { method: 'POST', body: query }).then(async (r) => ({ ok: r.ok, text: (await r.text()).trim() }));
  /**
   * What a reader sees: the series list. A store with nothing committed (no
   * database yet, or tables and no committed import) reads as no series; any
   * other refusal is its text.
   */
  const visible = (db) => {
    const r = cli(['list', '--store', location(db), '--format', 'json']);
    if (r.status === 0) return JSON.stringify(JSON.parse(r.stdout).series);
    const why = r.stderr.trim().split(location(db)).join('<store>');
    return /does not exist|is empty|no data|not found/i.test(why) ? '[]' : `refused: ${why}`;
  };
  /** Rows physically in the table over all shards (uncommitted ones included). */
  const stored = async (db) => (await http(`SELECT count() FROM ${db}.rows`)).text;
  try {
    const file = zip('USDJPY');
    const before = visible('kill_none');
    const t0 = performance.now();
    const full = cli(['import', file, '--store', location('kill_full'), '--format', 'json']);
    const duration = performance.now() - t0;
    if (full.status !== 0) throw new Error(full.stderr);
    const after = visible('kill_full');
    const fullRows = await stored('kill_full');
    const tally = { before: 0, after: 0, other: 0, exitedFirst: 0, reimports: 0, reimportOk: 0 };
    for (let i = 0; i < trials; i++) {
      const db = `kill_${i}`;
      const delay = 100 + Math.random() * duration;
      const child = spawn(process.execPath, [bin, 'import', file, '--store', location(db)], { stdio: 'ignore' });
      const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const { signal } = await exited;
      clearTimeout(timer);
      if (signal !== 'SIGKILL') tally.exitedFirst++;
      const seen = visible(db);
      const state = seen === before ? 'before' : seen === after ? 'after' : 'other';
      tally[state]++;
      let note = '';
      if (i % reimportEvery === reimportEvery - 1 || i === trials - 1) {
        tally.reimports++;
        const again = cli(['import', file, '--store', location(db)]);
        const rows = await stored(db);
        const ok = again.status === 0 && visible(db) === after && rows === fullRows;
        if (ok) tally.reimportOk++;
        note = `; re-import ${ok ? 'complete' : `NOT complete (${rows} rows stored, ${fullRows} expected; ${again.stderr.trim()})`}`;
      }
      console.log(`trial ${i + 1}: killed after ${delay.toFixed(0)} ms (${signal ?? 'exited'}) → ${state}${state === 'other' ? ` ${seen.slice(0, 300)}` : ''}${note}`);
    }
    console.log(
      `kill -9 trials (ClickHouse, 3 shards, import of 1 HistData zip, ${fullRows} rows, ${(duration / 1000).toFixed(1)} s uncut): ${trials} trials — ${tally.before} as before, ${tally.after} complete, ${tally.other} other; ${tally.exitedFirst} finished before the kill; ${tally.reimportOk} of ${tally.reimports} re-imports completed to the same contents with no uncommitted row left`,
    );
    return tally.other === 0 && tally.reimportOk === tally.reimports;
  } finally {
    await cluster.stop();
  }
}
