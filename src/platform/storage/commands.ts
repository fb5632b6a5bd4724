import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createDeps } from '../deps.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';
import { MIN_PASSPHRASE } from './backup-key.ts';
import { createDocumentStore } from './index.ts';
import { MigrateError, migrateStorage } from './migrate.ts';
import { repairInstallation, reportText, verifyInstallation } from './verify.ts';

// The storage commands of the CLI (src/cli.ts calls these): verify, backup, restore. Each
// takes the config and where to write, and returns the exit code, so tests drive them
// exactly as the command line does.

type Print = (s: string) => void;

export async function verifyCommand(
  config: Config,
  args: string[],
  out: Print,
  err: Print,
  now?: () => number,
): Promise<number> {
  let repair: boolean;
  try {
    repair =
      parseArgs({
        args,
        options: { repair: { type: 'boolean', default: false } },
        allowPositionals: false,
        strict: true,
      }).values.repair ?? false;
  } catch {
    err('Usage: second-opinion verify [--repair]');
    return 2;
  }
  if (
    config.database.kind === 'sqlite' &&
    config.database.file !== ':memory:' &&
    !fs.existsSync(config.database.file)
  ) {
    err(
      `There is no database at ${config.database.file}, so there is nothing to check. Is DATA_DIR (or DATABASE_URL) set as it is for the app?`,
    );
    return 1;
  }
  const handle = openDatabase(config.database);
  try {
    const d = {
      config,
      db: handle.db,
      dialect: handle.dialect,
      makeStore: (k: Buffer) => createDocumentStore(config, k),
      ...(now ? { now } : {}),
    };
    const { report, store } = await verifyInstallation(d);
    // One stream, in order: the exit code says whether anything failed.
    for (const l of reportText(report, config, store)) out(l);
    if (repair) {
      out('');
      await repairInstallation(report, d, store, out);
    }
    return report.problems === 0 ? 0 : 1;
  } finally {
    await handle.close();
  }
}

/**
 * The passphrase for the key in a backup: BACKUP_PASSPHRASE, or asked on the terminal
 * without showing it (twice when making a backup, so a typo does not lock the key away).
 */
export function passphraseFrom(
  env: NodeJS.ProcessEnv,
  opts: { confirm: boolean; minLength: number },
): () => Promise<string> {
  return async () => {
    const given = env.BACKUP_PASSPHRASE;
    if (given !== undefined && given !== '') {
      if (given.length < opts.minLength)
        throw new BackupError(
          `BACKUP_PASSPHRASE is too short: use at least ${opts.minLength} characters (four or five words you can remember are good).`,
        );
      return given;
    }
    if (!process.stdin.isTTY)
      throw new BackupError(
        'A passphrase is needed for the instance key: set BACKUP_PASSPHRASE, or run the command in a terminal to be asked for it.',
      );
    const first = await askHidden('Passphrase for the instance key: ');
    if (first.length < opts.minLength)
      throw new BackupError(
        `That passphrase is too short: use at least ${opts.minLength} characters (four or five words you can remember are good).`,
      );
    if (opts.confirm && (await askHidden('The same passphrase again: ')) !== first)
      throw new BackupError('The two passphrases were not the same. Nothing was written; please try again.');
    return first;
  };
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new BackupError('Stopped.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function backupCommand(
  config: Config,
  args: string[],
  out: Print,
  err: Print,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { 'include-key': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch {
    parsed = null;
  }
  if (parsed?.positionals.length !== 1) {
    err('Usage: second-opinion backup FILE [--include-key]');
    return 2;
  }
  const includeKey = parsed.values['include-key'] ?? false;
  try {
    const s = await createBackup({
      config,
      file: parsed.positionals[0]!,
      includeKey,
      passphrase: passphraseFrom(env, { confirm: true, minLength: MIN_PASSPHRASE }),
      out,
    });
    out(
      `Backup written to ${s.file}: the database and ${s.documents === 1 ? '1 document file' : `${s.documents} document files`} (${(s.bytes / 1024 / 1024).toFixed(1)} MB), each with its SHA-256.`,
    );
    out(
      includeKey
        ? 'The instance key is in it, locked with your passphrase. Without the passphrase the documents cannot be read: keep it somewhere safe, apart from the backup.'
        : 'The instance key is NOT in it (add --include-key to put it in, locked with a passphrase). Keep a copy of the key (DATA_DIR/keys/instance.key, or your INSTANCE_KEY) somewhere safe, apart from the backup: without it the documents cannot be read.',
    );
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

export async function restoreCommand(
  config: Config,
  args: string[],
  out: Print,
  err: Print,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    parsed = null;
  }
  const dataDir = parsed?.values['data-dir'];
  if (parsed?.positionals.length !== 1 || !dataDir) {
    err('Usage: second-opinion restore FILE --data-dir DIR   (DIR must be new or empty)');
    return 2;
  }
  try {
    const r = await restoreBackup({
      config,
      file: parsed.positionals[0]!,
      dataDir,
      passphrase: passphraseFrom(env, { confirm: false, minLength: 1 }),
      out,
    });
    out(`Every file matched the SHA-256 recorded in the backup (made ${r.manifest.createdAt}).`);
    // The restored installation, checked as verify would: each document opens and matches.
    const handle = openDatabase(r.config.database);
    let problems = 0;
    try {
      const d = {
        config: r.config,
        db: handle.db,
        dialect: handle.dialect,
        makeStore: (k: Buffer) => createDocumentStore(r.config, k),
      };
      const { report, store } = await verifyInstallation(d);
      // Without the key in the backup a missing key is expected here; the note below says what to do.
      const keyMissing = !r.keyRestored && report.installation.reason === 'key_missing';
      problems = report.problems - (keyMissing ? 1 : 0);
      for (const l of reportText(report, r.config, store)) out(l);
    } finally {
      await handle.close();
    }
    out('');
    out(`Restored into ${r.dataDir}.`);
    if (!r.keyRestored)
      out(
        `The instance key was not in this backup: before starting, put your saved key file at ${path.join(r.dataDir, 'keys', 'instance.key')} (mode 0600), or set INSTANCE_KEY.`,
      );
    out(
      r.manifest.database.kind === 'sqlite'
        ? `To run it: DATA_DIR=${r.dataDir} npm start   (leave DATABASE_URL unset)`
        : `To run it: DATA_DIR=${r.dataDir} DATABASE_URL=<the database you restored into> npm start`,
    );
    return problems === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof BackupError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

/**
 * `second-opinion storage migrate --to s3://bucket/folder`: the S3_* and AWS_* settings of
 * the environment say how to reach the bucket, as they will for the app afterwards.
 */
export async function storageCommand(
  config: Config,
  args: string[],
  out: Print,
  err: Print,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const usage = 'Usage: second-opinion storage migrate --to s3://bucket/folder';
  let to: string | undefined;
  try {
    const parsed = parseArgs({ args, options: { to: { type: 'string' } }, allowPositionals: true, strict: true });
    if (parsed.positionals.join(' ') !== 'migrate') throw new Error(usage);
    to = parsed.values.to;
  } catch {
    to = undefined;
  }
  if (!to) {
    err(usage);
    return 2;
  }
  let target: Config['storage'];
  try {
    target = loadConfig({ ...env, STORAGE_URL: to }).storage;
  } catch (e) {
    err(`${(e as Error).message.replace('STORAGE_URL', '--to')}`);
    return 2;
  }
  if (target.kind !== 's3') return 2;
  const deps = await createDeps(config);
  try {
    out(`Copying the documents of ${deps.blobs.location} to ${target.url}, each checked against its SHA-256...`);
    const r = await migrateStorage({
      db: deps.db,
      source: deps.blobs,
      target,
      installationId: deps.installationId,
      documentWrapKey: deps.keys.documentWrapKey,
      out,
    });
    const counts = `${r.copied} copied and checked, ${r.alreadyThere} already there and checked`;
    out(`Done: ${counts}, ${r.problems.length} problems.`);
    for (const p of r.problems.slice(0, 50)) err(`  ${p.storageKey}: ${p.reason}`);
    if (r.problems.length) {
      err('Nothing was overwritten or removed. Look at the files named above, then run this command again.');
      return 1;
    }
    out(`To use it: stop the app, run this command once more (for documents added meanwhile), then start the app`);
    out(`with STORAGE_URL=${target.url} and the same S3_* and AWS_* settings. The files in ${deps.blobs.location}`);
    out('are left as they were; remove them only once the app works from the bucket and a backup was made.');
    return 0;
  } catch (e) {
    if (e instanceof MigrateError) {
      err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await deps.close();
  }
}
