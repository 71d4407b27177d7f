import type { Db } from '../store/duck.js';
import type { Alert } from './types.js';

/**
 * Fired alerts, persisted in the store file beside the ticks: table
 * `alerts(rule_id, t, kind, subject, message, evidence)` keyed by
 * (rule_id, t) — an alert re-raised for the same rule and time (a replay of
 * the same history, a restart) is stored once. `evidence` is the alert's
 * numbers as JSON.
 *
 * @example const log = await AlertLog.on(db); await log.save(alert) // true the first time, false after
 */
export class AlertLog {
  private constructor(private readonly db: Db) {}

  /** Creates the table when missing. */
  static async on(db: Db): Promise<AlertLog> {
    await db.run(`CREATE TABLE IF NOT EXISTS alerts (
      rule_id VARCHAR NOT NULL,
      t BIGINT NOT NULL,
      kind VARCHAR NOT NULL,
      subject VARCHAR NOT NULL,
      message VARCHAR NOT NULL,
      evidence VARCHAR NOT NULL,
      PRIMARY KEY (rule_id, t))`);
    return new AlertLog(db);
  }

  /** Stores an alert; false when the same rule already fired at that time. */
  async save(a: Alert): Promise<boolean> {
    const before = (await this.db.rows(`SELECT count(*) AS n FROM alerts WHERE rule_id = $r AND t = $t`, { r: a.ruleId, t: a.time }))[0]!.n as number;
    if (before > 0) return false;
    await this.db.run(`INSERT INTO alerts VALUES ($r, $t, $k, $s, $m, $e)`, { r: a.ruleId, t: a.time, k: a.kind, s: a.subject, m: a.message, e: JSON.stringify(a.evidence) });
    return true;
  }

  /** Stored alerts, oldest first (optionally of one rule). */
  async list(ruleId?: string): Promise<Alert[]> {
    const rows = await this.db.rows(`SELECT rule_id, t, kind, subject, message, evidence FROM alerts ${ruleId === undefined ? '' : 'WHERE rule_id = $r'} ORDER BY t, rule_id`, ruleId === undefined ? undefined : { r: ruleId });
    return rows.map((r) => ({ ruleId: r.rule_id as string, time: r.t as number, kind: r.kind as Alert['kind'], subject: r.subject as string, message: r.message as string, evidence: JSON.parse(r.evidence as string) as Alert['evidence'] }));
  }
}
