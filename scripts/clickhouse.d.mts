// Types of scripts/clickhouse.mjs for the TypeScript tests and benchmarks that start a cluster.

/** One server this script started. */
export interface ClickHouseNode {
  /** 0-based shard number. */
  i: number;
  /** HTTP port on 127.0.0.1. */
  http: number;
  /** Native TCP port on 127.0.0.1 (what `remote_servers` names). */
  tcp: number;
  /** The server's own folder (config, data, logs). */
  dir: string;
}

export interface ClickHouseProcess {
  node: ClickHouseNode;
  child: import('node:child_process').ChildProcess;
  exited: boolean;
}

export interface ClickHouseCluster {
  /** The store location: `clickhouse://127.0.0.1:PORT/soukan[?cluster=…&shards=…]`. */
  url: string;
  dir: string;
  nodes: ClickHouseNode[];
  started: ClickHouseProcess[];
  /** Stops the servers this call started and removes their folder. */
  stop(): Promise<void>;
}

export const CLICKHOUSE_SERVER: string;
export const CLUSTER_NAME: string;
export const DATABASE: string;
export const PORT_RANGE: [number, number];
export function startClickHouse(options?: { shards?: number; quiet?: boolean; server?: string }): Promise<ClickHouseCluster>;
export function runWithClickHouse(cmd: string, args: string[], options?: { single?: boolean } & import('node:child_process').SpawnSyncOptions): number;
