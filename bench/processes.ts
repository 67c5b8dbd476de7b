/** The bench's child processes: starting and stopping them, their CPU time and memory, Neo4j's pid. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';

/** Starts `node <command>` and resolves once its output matches `ready`. */
export function startChild(command: string[], cwd: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} did not start`)), 120_000);
    const watch = (chunk: Buffer) => {
      if (ready.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.on('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** CPU time the child has used so far, in µs (user + system, all its threads). */
export async function childCpuMicros(child: ChildProcess): Promise<number> {
  const answer = once(child, 'message');
  child.send('cpu-usage');
  const [{ cpuUsage }] = (await answer) as [{ cpuUsage: NodeJS.CpuUsage }];
  return cpuUsage.user + cpuUsage.system;
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The pid of the bench's Neo4j launcher, found by its command line. */
export function neo4jPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('org.spean.db.Launcher') && cmd.includes('.neo4j/bench')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** CPU time (user + system, all threads) a process has used, in ms, from /proc; null when unknown. */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
