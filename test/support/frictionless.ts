/**
 * The Frictionless Framework (Python, from PyPI), to validate data packages as data portals do.
 * Installed from PyPI once (python-venv.ts).
 */
import { execFileSync } from 'node:child_process';
import { ensureVenv, venvScript } from './python-venv.js';

const VERSION = '5.21.0';

/** The environment with the `frictionless` command, installing it first when missing. */
export const ensureFrictionless = (): string => ensureVenv('frictionless-venv', [`frictionless==${VERSION}`]);

/** `frictionless validate` of a descriptor: its JSON report. */
export function validatePackage(descriptor: string): {
  valid: boolean;
  errors: unknown[];
  tasks: { name: string; valid: boolean; errors: { message: string }[] }[];
} {
  let out: string;
  try {
    out = execFileSync(...venvScript(ensureFrictionless(), 'frictionless', ['validate', descriptor, '--json']), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // An invalid package exits non-zero with the report on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out.trim().startsWith('{')) throw error;
  }
  return JSON.parse(out);
}
