/**
 * The folder a module's files beside it live in (the seed's CSV tables, the launcher's pom.xml).
 * Under tsx that is the module's own folder; compiled (`npm run build:server`), the module runs
 * from dist/, which holds only JavaScript, so the folder is the same path in the project.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** This file is api/src/lib/source-dir.ts, or dist/api/src/lib/source-dir.js when compiled. */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');
const root = path.resolve(here, RUNS_COMPILED ? '../../../..' : '../../..');
const dist = path.join(root, 'dist');

export function sourceDir(moduleUrl: string): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  return dir.startsWith(dist + path.sep) ? path.join(root, path.relative(dist, dir)) : dir;
}
