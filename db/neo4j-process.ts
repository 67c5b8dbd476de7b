/**
 * Builds (once) and starts the embedded Neo4j launcher in db/ as a child process with Bolt on
 * loopback. The first build fetches Neo4j's own artifacts from Maven Central into ~/.m2; later
 * starts reuse them and take seconds. With `gds: true` the launcher is built with the gds profile
 * of pom.xml (Graph Data Science, fetched the same way) into target/gds, so both builds coexist
 * and the default one never fetches or loads GDS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, closeSync } from 'node:fs';
import path from 'node:path';
import { sourceDir } from '../api/src/lib/source-dir.js';

const launcherDir = sourceDir(import.meta.url);
const READY = 'SPEAN_NEO4J_READY ';

/** A build of the launcher: its Maven arguments, and the classes, runtime classpath and plugin folder it writes. */
interface LauncherBuild {
  mvnArgs: string[];
  classesDir: string;
  classpathFile: string;
  pluginDir?: string;
}

function launcherBuild(mvnArgs: string[], target: string, withPlugins: boolean): LauncherBuild {
  const dir = path.join(launcherDir, target);
  return {
    mvnArgs,
    classesDir: path.join(dir, 'classes'),
    classpathFile: path.join(dir, 'classpath.txt'),
    pluginDir: withPlugins ? path.join(dir, 'plugins') : undefined,
  };
}

// The gds profile builds into target/gds: a GDS build never rewrites the classes a plain start is reading.
const PLAIN_BUILD = launcherBuild([], 'target', false);
const GDS_BUILD = launcherBuild(['-Pgds'], path.join('target', 'gds'), true);

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1. */
  port: number;
  /** Neo4j home: data, logs and the launcher's own log live here. */
  home: string;
  heapMiB?: number;
  pageCacheMiB?: number;
  txTimeoutSeconds?: number;
  /** Memory one transaction may use (MiB); a quarter of the heap unless set. */
  txMaxMiB?: number;
  /** How long to wait for Bolt before giving up. */
  startTimeoutMs?: number;
  /** With Graph Data Science (`gds.*` procedures); it costs seconds more at start (docs/performance.md). */
  gds?: boolean;
}

export interface LocalNeo4j {
  uri: string;
  logFile: string;
  /** The Java process (for fault drills: SIGSTOP, SIGKILL). */
  pid: number;
  /** Settles when the process exits, whatever the reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the database cleanly (SIGTERM, then SIGKILL after 30 s). */
  stop(): Promise<void>;
}

function newerThan(file: string, ...inputs: string[]): boolean {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return inputs.every((input) => statSync(input).mtimeMs <= built);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Whether every jar of the classpath is there and, with a plugin folder, every GDS jar of it is in that folder too. */
function complete({ classpathFile, pluginDir }: LauncherBuild): boolean {
  const jars = readFileSync(classpathFile, 'utf8').trim().split(path.delimiter);
  if (!jars.every((jar) => existsSync(jar))) return false;
  if (!pluginDir) return true;
  const plugins = existsSync(pluginDir) ? new Set(readdirSync(pluginDir)) : new Set<string>();
  const gdsJars = jars.filter((jar) => jar.includes(`${path.sep}org${path.sep}neo4j${path.sep}gds${path.sep}`));
  return gdsJars.length > 0 && gdsJars.every((jar) => plugins.has(path.basename(jar)));
}

/**
 * Compiles the launcher and resolves Neo4j (and, with `gds`, Graph Data Science) from Maven
 * Central unless that is already done; returns the classpath and the plugin folder to start with.
 */
export async function buildLauncher(gds = false): Promise<{ classpath: string; pluginDir?: string }> {
  const build = gds ? GDS_BUILD : PLAIN_BUILD;
  const sources = [path.join(launcherDir, 'pom.xml'), path.join(launcherDir, 'src/main/java/org/spean/db/Launcher.java')];
  const launcherClass = path.join(build.classesDir, 'org', 'spean', 'db', 'Launcher.class');
  const upToDate = newerThan(launcherClass, ...sources) && newerThan(build.classpathFile, sources[0]!) && complete(build);
  if (!upToDate) {
    const fetched = gds ? 'Neo4j 5.26 and Graph Data Science 2.13' : 'Neo4j 5.26';
    console.error(`[neo4j] building the launcher (the first time this fetches ${fetched} from Maven Central) …`);
    // copy-dependencies never deletes: a jar of another GDS version left in the folder would load too.
    if (build.pluginDir) rmSync(build.pluginDir, { recursive: true, force: true });
    await run('mvn', ['-B', '-q', ...build.mvnArgs, 'compile'], launcherDir);
  }
  return { classpath: `${build.classesDir}${path.delimiter}${readFileSync(build.classpathFile, 'utf8').trim()}`, pluginDir: build.pluginDir };
}

function javaCommand(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts Neo4j and resolves once Bolt accepts connections. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { classpath, pluginDir } = await buildLauncher(options.gds);
  const home = path.resolve(options.home);
  mkdirSync(home, { recursive: true });
  const logFile = path.join(home, 'launcher.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    javaCommand(),
    [
      `-Xms${Math.min(options.heapMiB ?? 1024, 512)}m`,
      `-Xmx${options.heapMiB ?? 1024}m`,
      '-XX:+UseG1GC',
      '-cp',
      classpath,
      'org.spean.db.Launcher',
      `home=${home}`,
      `port=${options.port}`,
      `pagecache=${options.pageCacheMiB ?? 512}`,
      `txTimeoutSeconds=${options.txTimeoutSeconds ?? 60}`,
      // One transaction may take a quarter of the heap, so a runaway query fails alone instead of taking the server down.
      `txMaxMiB=${options.txMaxMiB ?? Math.floor((options.heapMiB ?? 1024) / 4)}`,
      ...(pluginDir ? [`plugins=${pluginDir}`] : []),
    ],
    // stdin stays a pipe: when this process dies, the launcher sees end of file and stops.
    { stdio: ['pipe', 'pipe', log] },
  );
  closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const uri = await waitForReady(child, logFile, options.startTimeoutMs ?? 180_000);
  return { uri, logFile, pid: child.pid!, exited, stop: () => stopChild(child) };
}

function waitForReady(child: ChildProcess, logFile: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${timeoutMs} ms; last lines of ${logFile}:\n${tail(logFile)}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith(READY));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(READY.length).trim());
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run java (JDK 17+ is required): ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited with code ${code} before it was ready; last lines of ${logFile}:\n${tail(logFile)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
