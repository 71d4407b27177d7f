// A throw-away ClickHouse on 127.0.0.1 for the tests and the benchmarks:
// three shards (or one server with --single), each with its own data folder
// under a temporary directory and its own ports, run as the current user,
// no ZooKeeper. Prints the store location soukan takes
// (clickhouse://HOST:PORT/DB?cluster=NAME&shards=…) and stops only the
// servers it started — on exit, on SIGINT/SIGTERM and when the command it
// runs fails.
//
//   node scripts/clickhouse.mjs                 # 3 shards; Ctrl-C stops them
//   node scripts/clickhouse.mjs --single        # one server
//   node scripts/clickhouse.mjs -- CMD ARGS…    # run CMD with $SOUKAN_TEST_CLICKHOUSE set, then stop
/* global fetch, AbortSignal */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's server binary (package clickhouse-server). */
export const CLICKHOUSE_SERVER = process.env.SOUKAN_CLICKHOUSE_SERVER || '/usr/sbin/clickhouse-server';
/** The cluster name written in `remote_servers` and in the store location. */
export const CLUSTER_NAME = 'soukan_test';
/** The database the printed store location names (soukan's import creates it). */
export const DATABASE = 'soukan';
/** Ports this script may use: HTTP and native TCP of each server, in slots of 10. */
export const PORT_RANGE = [18310, 18360];
const SLOT = 10;

/** Servers started by this process, stopped on exit whatever happens. */
const running = new Set();

/**
 * Starts `shards` ClickHouse servers on 127.0.0.1 (3 → a cluster named
 * CLUSTER_NAME in every server's `remote_servers`; 1 → a single server), waits
 * until each answers, and returns the store location and a `stop()`.
 * Throws when the binary is missing, no port slot is free or a server does not
 * come up (its log's last lines are in the message).
 */
export async function startClickHouse({ shards = 3, quiet = false, server = CLICKHOUSE_SERVER } = {}) {
  if (!existsSync(server)) {
    throw new Error(`clickhouse: ${server} not found; install Debian's clickhouse-server (node scripts/system-deps.mjs)`);
  }
  const base = await freeSlot(shards);
  const dir = mkdtempSync(join(tmpdir(), 'soukan-clickhouse-'));
  const nodes = Array.from({ length: shards }, (_, i) => ({ i, http: base + 2 * i, tcp: base + 2 * i + 1, dir: join(dir, `shard${i + 1}`) }));
  const remote = shards > 1 ? remoteServers(nodes) : '';
  const started = [];
  const cluster = { dir, nodes, started, url: '', stop: () => stopAll(started, dir) };
  try {
    for (const n of nodes) {
      mkdirSync(n.dir, { recursive: true });
      writeFileSync(join(n.dir, 'users.xml'), USERS);
      writeFileSync(join(n.dir, 'config.xml'), serverConfig(n, remote));
      const child = spawn(server, [`--config-file=${join(n.dir, 'config.xml')}`], { cwd: n.dir, stdio: ['ignore', 'ignore', 'pipe'], detached: false });
      let stderr = '';
      child.stderr.on('data', (b) => (stderr = (stderr + b).slice(-4000)));
      const proc = { node: n, child, exited: false, stderr: () => stderr };
      child.on('exit', () => (proc.exited = true));
      started.push(proc);
      running.add(proc);
    }
    await Promise.all(started.map((s) => waitReady(s)));
    if (shards > 1) await checkCluster(nodes[0], shards);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  const host = (n) => `127.0.0.1:${n.http}`;
  cluster.url = shards > 1 ? `clickhouse://${host(nodes[0])}/${DATABASE}?cluster=${CLUSTER_NAME}&shards=${nodes.map(host).join(',')}` : `clickhouse://${host(nodes[0])}/${DATABASE}`;
  if (!quiet) console.error(`clickhouse: ${shards === 1 ? 'one server' : `${shards} shards`} up (${dir})`);
  return cluster;
}

/** The first slot of ports in PORT_RANGE where every port the servers need is free. */
async function freeSlot(shards) {
  for (let base = PORT_RANGE[0]; base + 2 * shards - 1 <= PORT_RANGE[1]; base += SLOT) {
    const ports = Array.from({ length: 2 * shards }, (_, k) => base + k);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`clickhouse: no free ports for ${shards} server(s) in ${PORT_RANGE[0]}–${PORT_RANGE[1]}`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function remoteServers(nodes) {
  const shard = (n) => `<shard><replica><host>127.0.0.1</host><port>${n.tcp}</port></replica></shard>`;
  return `<remote_servers><${CLUSTER_NAME}>${nodes.map(shard).join('')}</${CLUSTER_NAME}></remote_servers>`;
}

// Small caches: several servers share 2 cores and a few GB with everything else.
function serverConfig(n, remote) {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${n.dir}/server.log</log><errorlog>${n.dir}/server.err.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${n.http}</http_port>
  <tcp_port>${n.tcp}</tcp_port>
  <path>${n.dir}/data/</path>
  <tmp_path>${n.dir}/tmp/</tmp_path>
  <user_files_path>${n.dir}/user_files/</user_files_path>
  <format_schema_path>${n.dir}/format_schemas/</format_schema_path>
  <users_config>${n.dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>64</max_concurrent_queries>
  <keep_alive_timeout>1</keep_alive_timeout>
  <shutdown_wait_unfinished>1</shutdown_wait_unfinished>
  <mlock_executable>false</mlock_executable>
  ${remote}
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Polls /ping until the server answers; fails early when the process exits. */
async function waitReady(server, timeoutMs = 60_000) {
  const { node } = server;
  const t0 = Date.now();
  for (;;) {
    if (server.exited) throw new Error(`clickhouse: server on 127.0.0.1:${node.http} exited at start: ${lastLines(server)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${node.http}/ping`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`clickhouse: server on 127.0.0.1:${node.http} did not answer within ${timeoutMs / 1000} s: ${lastLines(server)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every shard must be reachable through the cluster definition, not only on its own port. */
async function checkCluster(first, shards) {
  const through = await sql(first.http, `SELECT count() FROM cluster('${CLUSTER_NAME}', system.one)`);
  if (Number(through.trim()) !== shards) throw new Error(`clickhouse: a query over ${CLUSTER_NAME} reached ${through.trim()} of ${shards} shards`);
  const rows = await sql(first.http, `SELECT count() FROM system.clusters WHERE cluster = '${CLUSTER_NAME}'`);
  if (Number(rows.trim()) !== shards) throw new Error(`clickhouse: cluster ${CLUSTER_NAME} has ${rows.trim()} shards, expected ${shards}`);
}

async function sql(port, query) {
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: query, signal: AbortSignal.timeout(10_000) });
  const text = await r.text();
  if (!r.ok) throw new Error(`clickhouse: 127.0.0.1:${port}: ${text.trim().split('\n')[0]}`);
  return text;
}

function lastLines(server) {
  const log = join(server.node.dir, 'server.err.log');
  const text = (existsSync(log) ? readFileSync(log, 'utf8') : '') + server.stderr();
  return text.trim().split('\n').slice(-3).join(' | ') || '(no log)';
}

/** SIGTERM each server this process started, SIGKILL after 10 s, then remove the folder. */
async function stopAll(started, dir) {
  await Promise.all(
    started.map(async (s) => {
      running.delete(s);
      if (s.exited) return;
      s.child.kill('SIGTERM');
      const t0 = Date.now();
      while (!s.exited && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
      if (!s.exited) s.child.kill('SIGKILL');
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

// Whatever ends this process, the servers it started end with it.
process.on('exit', () => {
  for (const s of running) if (!s.exited) s.child.kill('SIGKILL');
});

async function main(argv) {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const cmd = dash < 0 ? [] : argv.slice(dash + 1);
  const unknown = own.filter((a) => a !== '--single');
  if (unknown.length > 0) {
    console.error(`clickhouse: unknown option ${unknown[0]} (usage: node scripts/clickhouse.mjs [--single] [-- CMD ARGS…])`);
    process.exit(2);
  }
  let cluster;
  try {
    cluster = await startClickHouse({ shards: own.includes('--single') ? 1 : 3 });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  const stop = async (code) => {
    await cluster.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  console.log(cluster.url);
  if (cmd.length === 0) return; // stays up until a signal
  const [exe, ...args] = cmd;
  const child = spawn(exe, args, { stdio: 'inherit', env: { ...process.env, SOUKAN_TEST_CLICKHOUSE: cluster.url } });
  child.on('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0)));
}

/** Runs `cmd args` with a cluster (3 shards, or 1 with `single`) up and $SOUKAN_TEST_CLICKHOUSE set; returns its exit status. */
export function runWithClickHouse(cmd, args, { single = false, ...opts } = {}) {
  const self = new URL(import.meta.url).pathname;
  const r = spawnSync(process.execPath, [self, ...(single ? ['--single'] : []), '--', cmd, ...args], { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
