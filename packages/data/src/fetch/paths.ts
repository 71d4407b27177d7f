import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where soukan keeps its downloads and store: `$SOUKAN_HOME` if set, else
 * `$XDG_DATA_HOME/soukan`, else `~/.local/share/soukan` (on macOS
 * `~/Library/Application Support/soukan`, on Windows `%LOCALAPPDATA%\soukan`).
 */
export function soukanHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOUKAN_HOME) return env.SOUKAN_HOME;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'soukan');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'soukan');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'soukan');
  return join(homedir(), '.local', 'share', 'soukan');
}
