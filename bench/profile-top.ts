/**
 * `tsx bench/profile-top.ts file.cpuprofile [n]`: the n functions with the most self time in a
 * V8 CPU profile (`node --cpu-prof`), idle time left out, as a Markdown table. bench:api prints
 * it for the API child's main thread (`--cpu-prof` writes one file per thread; the main thread's
 * is CPU.<date>.<time>.<pid>.0.<n>.cpuprofile), and beside it the busy time by owner: the driver's
 * own work, and each package and file of the API around it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
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

const readProfile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Profile;

/** Busy time summed by `keyOf` a sample's node, the top `n` with their shares; idle samples left out. */
function busyBy(profile: Profile, n: number, keyOf: (node: ProfileNode) => string): Frame[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    // Waiting is not work: shares are of the time the thread was busy.
    if (node.callFrame.functionName === '(idle)') return;
    const key = keyOf(node);
    const delta = profile.timeDeltas[i] ?? 0;
    time.set(key, (time.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
}

/** The n functions with the most self time. */
export function topFrames(file: string, n = 15): Frame[] {
  return busyBy(readProfile(file), n, (node) => frameName(node.callFrame));
}

const DRIVER = 'neo4j-driver (the driver on the stack: its own work, which the driver baseline does too)';

/** Who a sample's time belongs to: the driver when it is on the stack, else the nearest package or project file. */
function ownerOf(stack: ProfileNode[]): string {
  if (stack.some((node) => node.callFrame.url.includes('node_modules/neo4j-driver'))) return DRIVER;
  const leaf = stack[0]!.callFrame;
  // A native leaf (a socket write, say) is named itself, with the code that called it.
  const native = !leaf.url && !leaf.functionName.startsWith('(') && leaf.functionName !== 'runMicrotasks' ? `${leaf.functionName} (native), from ` : '';
  for (const { callFrame } of stack) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(callFrame.url);
    if (pkg) return native + pkg[1]!;
    const own = /\/dist\/(.+)$/.exec(callFrame.url);
    if (own) return native + own[1]!;
  }
  return leaf.url ? `${leaf.functionName || '(anonymous)'} ${leaf.url}` : leaf.functionName;
}

/**
 * Busy time by owner (ownerOf): what the driver does, and what each package and file of the
 * API does around it — where the API's CPU beyond the driver call goes.
 */
export function topOwners(file: string, n = 15): Frame[] {
  const profile = readProfile(file);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owners = new Map<number, string>();
  return busyBy(profile, n, (node) => {
    let owner = owners.get(node.id);
    if (owner === undefined) {
      const stack: ProfileNode[] = [];
      for (let at: number | undefined = node.id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
      owner = ownerOf(stack);
      owners.set(node.id, owner);
    }
    return owner;
  });
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
  console.log(`\n${framesTable(topOwners(process.argv[2]!, Number(process.argv[3] ?? 15)))}`);
}
