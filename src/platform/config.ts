import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the app reads from the environment, parsed once at start.
 * A bad value stops the process with a message that names the variable, so an
 * operator never has to guess which of a dozen settings is wrong.
 */
/** s3://bucket or s3://bucket/folder (bucket names as S3 allows them). */
const S3_URL = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9._/-]*)?$/;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) || /^sqlite:/.test(v), {
      message: 'must start with postgres:// or sqlite:',
    })
    .optional(),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INSTANCE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,44}$/, 'must be 32 bytes in base64 (generate with: openssl rand -base64 32)')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Second Opinion <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  /** An upload that sends nothing for this long is stopped (slow links need a generous value). */
  UPLOAD_IDLE_SECONDS: z.coerce.number().positive().max(3600).default(60),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** ClinicalTrials.gov API v2 root; tests point it at a local fake (the machine may be offline). */
  CLINICALTRIALS_URL: z.url({ protocol: /^https?$/ }).default('https://clinicaltrials.gov/api/v2'),
  // Documents in S3-compatible object storage (ADR 0019); unset: encrypted files under DATA_DIR.
  STORAGE_URL: z.string().regex(S3_URL, 'must look like s3://bucket or s3://bucket/folder').optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  /** On SIGTERM, how long requests in flight (uploads) may take to finish before the process stops anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Prometheus metrics at /metrics (ADR 0021). */
  METRICS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** `serve` also runs background jobs unless this is false (then run `second-opinion worker`). */
  JOBS_IN_PROCESS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  /** Memory one import may use in its worker thread; a file that needs more is refused. */
  IMPORT_MEMORY_MB: z.coerce.number().int().min(32).max(16384).default(256),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  baseUrl: string;
  secureCookies: boolean;
  instanceKeyBase64?: string;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  trustProxy: boolean;
  maxUploadBytes: number;
  uploadIdleSeconds: number;
  sessionIdleHours: number;
  /** ClinicalTrials.gov API v2 root, without a trailing slash. */
  clinicalTrialsUrl: string;
  /** Where documents are stored: under DATA_DIR, or in an S3-compatible bucket (ADR 0019). */
  storage: StorageConfig;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Grace for requests in flight when the process is told to stop. */
  shutdownTimeoutSeconds: number;
  /** Argon2 cost; lowered only in tests so the suite stays quick. */
  passwordHashing: { memoryCost: number; timeCost: number };
  /** Sign-in limits: failures allowed in the window, per account and per address. */
  signInLimits: { windowMinutes: number; perAccount: number; perIp: number };
  /** Background jobs (ADR 0022) and the memory bound of imports (ADR 0023). */
  jobs: { inProcess: boolean; concurrency: number; importMemoryMb: number; stopTimeoutMs: number };
}

export type StorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      /** As the operator wrote it (s3://bucket/folder), for messages. */
      url: string;
      bucket: string;
      /** Folder inside the bucket, without slashes at either end ('' for the whole bucket). */
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      /** Unset: the SDK's usual chain (profile, container or instance role). */
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment. Throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset: `FOO= npm start` should mean "use the default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Some settings are not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!!e.AWS_ACCESS_KEY_ID !== !!e.AWS_SECRET_ACCESS_KEY) {
    const missing = e.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    const why = 'must be set too (the access key and its secret go together)';
    throw new ConfigError(`Some settings are not valid:\n  ${missing}: ${why}`);
  }
  let storage: StorageConfig = { kind: 'local' };
  if (e.STORAGE_URL) {
    const rest = e.STORAGE_URL.slice('s3://'.length);
    const slash = rest.indexOf('/');
    storage = {
      kind: 's3',
      url: e.STORAGE_URL,
      bucket: slash < 0 ? rest : rest.slice(0, slash),
      prefix: slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, ''),
      ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
      region: e.S3_REGION ?? e.AWS_REGION ?? 'us-east-1',
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      ...(e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: e.AWS_ACCESS_KEY_ID,
              secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
              ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}),
            },
          }
        : {}),
    };
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  let database: Config['database'];
  if (!e.DATABASE_URL) {
    database = { kind: 'sqlite', file: path.join(dataDir, 'second-opinion.db') };
  } else if (e.DATABASE_URL.startsWith('sqlite:')) {
    const file = e.DATABASE_URL.slice('sqlite:'.length).replace(/^\/\//, '');
    database = { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  } else {
    database = { kind: 'postgres', url: e.DATABASE_URL };
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    instanceKeyBase64: e.INSTANCE_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    uploadIdleSeconds: e.UPLOAD_IDLE_SECONDS,
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    clinicalTrialsUrl: e.CLINICALTRIALS_URL.replace(/\/$/, ''),
    storage,
    metrics: e.METRICS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    passwordHashing: { memoryCost: 19456, timeCost: 2 },
    signInLimits: { windowMinutes: 15, perAccount: 5, perIp: 30 },
    jobs: {
      inProcess: e.JOBS_IN_PROCESS,
      concurrency: e.JOB_CONCURRENCY,
      importMemoryMb: e.IMPORT_MEMORY_MB,
      stopTimeoutMs: 8_000,
    },
  };
}
