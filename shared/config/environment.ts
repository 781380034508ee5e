import { existsSync, readFileSync } from 'node:fs';
import { loadSettings, type Settings } from './settings';

/** The only place that reads process.env. */
export function settingsFromEnvironment(): Settings {
  return loadSettings(process.env);
}

/**
 * Core Tools copies local.settings.json `Values` into the environment; our local host and scripts do the same,
 * without overriding what the shell already set.
 */
export function applyLocalSettingsFile(path = 'local.settings.json'): boolean {
  if (!existsSync(path)) return false;
  const file = JSON.parse(readFileSync(path, 'utf8')) as { Values?: Record<string, unknown> };
  for (const [name, value] of Object.entries(file.Values ?? {})) {
    if (process.env[name] === undefined && typeof value === 'string') process.env[name] = value;
  }
  return true;
}

/** Lets scripts override settings for a child process (tests spawn hosts with their own data folder). */
export function environmentWith(overrides: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}
