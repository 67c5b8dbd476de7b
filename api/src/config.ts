/**
 * Configuration from the environment, validated once at start-up. A bad value stops the process
 * with a message naming the variable; `.env.example` documents every key.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const envSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** An existing Neo4j (Aura, a cluster, Docker). When unset, the project starts its own. */
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j:// or bolt:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).optional(),
  /** Bolt port and data folder of the Neo4j the project starts itself. */
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_HOME: z.string().min(1).default('.neo4j/dev'),
  NEO4J_LOCAL_HEAP_MB: z.coerce.number().int().min(256).max(16384).default(2048),
  NEO4J_LOCAL_PAGECACHE_MB: z.coerce.number().int().min(64).max(16384).default(1024),
  /** Start it with Graph Data Science (analytics then run in Neo4j; docs/database.md). */
  NEO4J_LOCAL_GDS: flag.default(false),
  /** Server-side limit on every transaction the API starts. */
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Load the seed network at start-up when the database has no entities yet. */
  SEED_WHEN_EMPTY: flag.default(true),
  /** The built explorer UI; empty to serve the API alone. */
  UI_DIR: z.string().default('ui/dist'),
  /** Whether people who are not signed in may read the network (private people stay hidden). */
  ANONYMOUS_READ: flag.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Session cookies are Secure by default; browsers accept them on http://localhost and 127.0.0.1 too. */
  COOKIE_SECURE: flag.default(true),
  LOGINS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Web origins whose pages may read the API anonymously (CORS, GET only, never with credentials): `*`, a comma-separated list, or empty for none. */
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) =>
      v.trim() === '*'
        ? ('*' as const)
        : v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    )
    .pipe(z.union([z.literal('*'), z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin is scheme://host[:port], without a path'))])),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  localNeo4j: { port: number; home: string; heapMiB: number; pageCacheMiB: number; txTimeoutSeconds: number; gds: boolean };
}

export class ConfigError extends Error {}

/** Parses `env` (the process environment by default); throws a ConfigError naming each bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const values = parsed.data;
  return Object.freeze({
    ...values,
    localNeo4j: {
      port: values.NEO4J_LOCAL_PORT,
      home: values.NEO4J_LOCAL_HOME,
      heapMiB: values.NEO4J_LOCAL_HEAP_MB,
      pageCacheMiB: values.NEO4J_LOCAL_PAGECACHE_MB,
      txTimeoutSeconds: Math.ceil(values.QUERY_TIMEOUT_MS / 1000) * 6,
      gds: values.NEO4J_LOCAL_GDS,
    },
  });
}
