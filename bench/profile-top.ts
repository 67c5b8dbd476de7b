/**
 * `tsx bench/profile-top.ts file.cpuprofile [n]`: the n functions with the most self time in a
 * V8 CPU profile (`node --cpu-prof`), idle time left out, as a Markdown table. bench:api prints
 * it for the API child's main thread (`--cpu-prof` writes one file per thread; the main thread's
 * is CPU.<date>.<time>.<pid>.0.<n>.cpuprofile).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  frame: string;
  selfMs: number;
  share: number;
}

function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url
    ? `${url
        .replace(/^file:\/\//, '')
        .replace(/^.*node_modules\//, '')
        .replace(process.cwd() + path.sep, '')}:${lineNumber + 1}`
    : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

export function topFrames(file: string, n = 15): Frame[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const name = frameName(byId.get(id)!.callFrame);
    // Waiting is not work: shares are of the time the thread was busy.
    if (name === '(idle)') return;
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
}

/** The main thread's profile among those `--cpu-prof` wrote into a folder. */
export function mainThreadProfile(files: string[]): string | undefined {
  return files
    .filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .sort()
    .pop();
}

export function framesTable(frames: Frame[]): string {
  return ['| self ms | share | frame |', '| --- | --- | --- |', ...frames.map((f) => `| ${f.selfMs} | ${f.share} % | \`${f.frame}\` |`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(framesTable(topFrames(process.argv[2]!, Number(process.argv[3] ?? 15))));
}
