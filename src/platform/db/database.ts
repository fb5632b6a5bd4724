import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type TableMetadata,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Queryable = Db | Tx;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL schema holding our tables (migration bookkeeping included). */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), sums) as strings by default; our counts are small.
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown,
// restart, terminated backend), and the socket errors of a server that is not there.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** Whether an error means the database is out of reach for now (not that the request was wrong). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P') || UNAVAILABLE_CODES.has(code)))
    return true;
  const message = (err as { message?: unknown }).message;
  // pg's own words when a client's connection ended under it.
  return (
    typeof message === 'string' &&
    /Connection terminated|Client has encountered a connection error|not queryable/i.test(message)
  );
}

export function openDatabase(config: Config['database']): DatabaseHandle {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      // Named, so an operator (and the fault test) can tell this app's connections apart.
      application_name: config.schema ? `second-opinion:${config.schema}`.slice(0, 63) : 'second-opinion',
      // A schema per test run keeps parallel suites apart on one database.
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    });
    // A connection the server closes (a restart, a failover, an administrator) must not take
    // the app down. Idle ones: the pool drops them. One held by a request between two of its
    // statements: its next statement fails, the request answers 503, and the pool throws the
    // client away when it comes back (pg-pool never reuses a client that cannot query).
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const schema = config.schema ?? 'public';
    const db = new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) });
    return { db, dialect: 'postgres', schema, close: () => db.destroy() };
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  // WAL lets readers continue while one writer commits; FULL sync makes every committed
  // change survive a power cut, not just a crash of this process.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * PostgreSQL, looking only at our own schema when asked which tables exist. Kysely's
 * migrator asks that at every start, and its own introspector reads every schema in the
 * database and calls pg_get_serial_sequence() on each table: if another installation (or
 * another test run) drops its schema at that moment, our start fails with "schema ... does
 * not exist". Reading pg_class for our schema alone cannot see anyone else's.
 */
class OneSchemaPostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly schema: string,
  ) {
    super(config);
  }
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works below our schema types (ADR 0002)
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    const schema = this.schema;
    const getTables = async (): Promise<TableMetadata[]> => {
      const rows = await sql<{ name: string; view: boolean }>`
        select c.relname as name, c.relkind = 'v' as view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.rows.map((r) => ({ name: r.name, schema, isView: r.view, columns: [] }));
    };
    return {
      getSchemas: async () => [{ name: schema }],
      getTables,
      getMetadata: async () => ({ tables: await getTables() }),
    };
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh; compiling the SQL was an eighth of a
 * dashboard request. The app sends the same few hundred query shapes over and over, so keep
 * the most recent prepared statements. better-sqlite3 re-prepares a statement itself when
 * a migration changes the schema under it. (Safe because nothing here streams a query:
 * a statement that is mid-iteration could not be reused.)
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        // Map keeps insertion order: re-inserting marks it most recently used.
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
    close: () => sqlite.close(),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types hold (ADR 0002)
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables across every schema; naming ours keeps two
    // installations (or parallel test runs) in one PostgreSQL database apart.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function checkDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when a write failed because a unique index already holds the value (either dialect). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
