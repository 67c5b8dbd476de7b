/**
 * Tools nobody here wrote, from PyPI (frictionless, lxml, jsonschema, openapi-python-client):
 * each set installed once, at pinned versions, into a git-ignored virtual environment of the test
 * run's own, like browser.ts installs chromium. Test files run in parallel: each builds its own
 * copy and the first to finish puts it in place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of the virtual environment `name` with `packages` installed, building it when missing. */
export function ensureVenv(name: string, packages: string[]): string {
  const venv = resolve('.neo4j', name);
  const marker = `installed-${packages.join('-')}`;
  if (existsSync(join(venv, marker))) return venv;
  const building = `${venv}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', building], { stdio: 'inherit' });
  execFileSync(join(building, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', ...packages], { stdio: 'inherit' });
  writeFileSync(join(building, marker), '');
  if (!existsSync(join(venv, marker))) {
    rmSync(venv, { recursive: true, force: true });
    try {
      renameSync(building, venv);
    } catch (error) {
      if (!existsSync(join(venv, marker))) throw error;
    }
  }
  rmSync(building, { recursive: true, force: true });
  return venv;
}

/**
 * A console script of the environment, as `[python, [script, ...args]]`: the environment is built
 * under another name and then moved, so the scripts' own `#!` lines point at a path that is gone;
 * run through the environment's python they work wherever it lies.
 */
export function venvScript(venv: string, script: string, args: string[]): [string, string[]] {
  return [join(venv, 'bin', 'python'), [join(venv, 'bin', script), ...args]];
}
