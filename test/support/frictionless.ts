/**
 * The Frictionless Framework (Python, from PyPI), to validate data packages as data portals do.
 * Installed once into a virtual environment of the test run's own (git-ignored), like
 * browser.ts installs chromium: nothing is downloaded but the registry package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VENV = resolve('.neo4j/frictionless-venv');
const VERSION = '5.21.0';

/** The `frictionless` command, installing it first when missing. */
export function ensureFrictionless(): string {
  const bin = join(VENV, 'bin', 'frictionless');
  if (existsSync(bin)) return bin;
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', `frictionless==${VERSION}`], { stdio: 'inherit' });
  return bin;
}

/** `frictionless validate` of a descriptor: its JSON report. */
export function validatePackage(descriptor: string): {
  valid: boolean;
  errors: unknown[];
  tasks: { name: string; valid: boolean; errors: { message: string }[] }[];
} {
  let out: string;
  try {
    out = execFileSync(ensureFrictionless(), ['validate', descriptor, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // An invalid package exits non-zero with the report on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out.trim().startsWith('{')) throw error;
  }
  return JSON.parse(out);
}
