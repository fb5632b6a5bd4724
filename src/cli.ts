import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { issueResetLink } from './features/accounts/accounts-routes.ts';
import { findUserByEmail } from './features/accounts/accounts-store.ts';
import { Icd10ImportError, type Icd10ImportOptions, importIcd10cm, someCodes } from './features/codes/icd10-import.ts';
import { type ImportSummary, importNppes, importNucc } from './features/doctors/directory-import.ts';
import { verifyAuditChain } from './platform/audit/audit-store.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { migrateToLatest, openDatabase } from './platform/db/database.ts';
import type { Database } from './platform/db/schema.ts';
import { createDeps } from './platform/deps.ts';
import { translator } from './platform/i18n/i18n.ts';
import { StartupError } from './platform/storage/startup.ts';

/** The import command, without the config and database opening, so tests can drive it. */
export async function runImport(
  db: Kysely<Database>,
  kind: 'nppes' | 'nucc',
  file: string,
  out: (s: string) => void,
  err: (s: string) => void,
  progressEvery = 100_000,
): Promise<number> {
  const tell = (s: ImportSummary) =>
    `${s.rows} rows read: ${s.kept} kept, ${s.skipped} left out (inactive or no practice address), ${s.bad} could not be read.`;
  // Only the first problems are printed one by one, so a badly damaged file does not flood the screen.
  let shown = 0;
  const onProblem = (message: string) => {
    if (shown++ < 20) err(message);
  };
  try {
    const summary =
      kind === 'nppes'
        ? await importNppes(db, file, { progressEvery, onProblem, onProgress: (s) => out(`Working: ${tell(s)}`) })
        : await importNucc(db, file, { onProblem });
    out(`Done. ${tell(summary)}`);
    return 0;
  } catch (e) {
    err(`The import stopped: ${(e as Error).message} Rows already saved are kept; run it again to finish.`);
    return 1;
  }
}

/** `import icd10cm FILE`, without the config and database opening, so tests can drive it. */
export async function runIcd10Import(
  db: Kysely<Database>,
  file: string,
  opts: Icd10ImportOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  try {
    const r = await importIcd10cm(db, file, opts);
    const what = `FY${r.year} (${r.format === 'order' ? 'order file' : 'codes file'}: ${r.codes.toLocaleString('en-US')} codes, ${r.billable.toLocaleString('en-US')} billable)`;
    if (r.status === 'unchanged') {
      out(`ICD-10-CM ${what} is already loaded from this same file. Nothing changed.`);
      return 0;
    }
    out(
      `Loaded ICD-10-CM ${what}${r.replaced ? `, replacing the FY${r.year} file loaded ${r.replaced.importedAt.slice(0, 10)}` : ''}.`,
    );
    if (r.comparedWith !== null) {
      const d = r.diff;
      out(
        `Compared with FY${r.comparedWith}: ${d.added} added, ${d.deleted} deleted, ${d.changed} changed (new title, or now billable or not).`,
      );
      if (d.added) out(`  Added, for example: ${someCodes(d.examples.added, d.added)}`);
      if (d.deleted)
        out(
          `  Deleted, for example: ${someCodes(d.examples.deleted, d.deleted)}. Records and opinions that use them still show them, marked "no longer used".`,
        );
      if (d.changed) out(`  Changed, for example: ${someCodes(d.examples.changed, d.changed)}`);
    }
    out(
      r.year === r.newestYear
        ? `The app now uses FY${r.year}. Running app processes switch to it within a minute; no restart is needed.`
        : `FY${r.newestYear} stays the year in use; FY${r.year} is kept as history (it makes "no longer used since" exact).`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof Icd10ImportError)) throw e;
    err(e.message);
    for (const p of e.problems.slice(0, 20)) err(`  ${p.line ? `Line ${p.line}: ` : ''}${p.reason}`);
    if (e.problems.length > 20) err(`  ... and ${e.problems.length - 20} more.`);
    return 1;
  }
}

const HELP = `Second Opinion

Usage: second-opinion <command>

Commands:
  serve                    Start the web app (the default for npm start); it also runs
                           background jobs unless JOBS_IN_PROCESS=false
  worker                   Run background jobs only (imports...), no web server; start as
                           many as you like next to the web processes
  migrate                  Bring the database up to date, then exit
  reset-password EMAIL     Print a one-time link (valid 1 hour) to choose a new password;
                           with SMTP_URL set, also email it
  audit verify             Check that the audit log has not been changed; exits 1 if it has
  verify [--repair]        Check the whole installation: database, every document, audit log,
                           files without records; exits 1 on a problem. --repair moves unused
                           files to quarantine and removes those there for more than a day
  backup FILE [--include-key]
                           Write one archive with the database and every document, safe
                           while the app runs. --include-key adds the instance key, locked
                           with a passphrase (BACKUP_PASSPHRASE, or asked)
  restore FILE --data-dir DIR
                           Restore a backup into a new, empty folder (and, for PostgreSQL,
                           the empty database in DATABASE_URL), checking every file
  storage migrate --to s3://bucket/folder
                           Copy every document into S3-compatible storage (S3_* and AWS_*
                           settings), checking each against its SHA-256; safe to run again
  import nppes FILE.csv    Load the national provider directory (CMS NPPES download) for
                           the doctor search; safe to run again with a newer file
  import nucc FILE.csv     Load specialty names from your own NUCC taxonomy download
  import icd10cm FILE      Load a newer year of ICD-10-CM codes from the CMS download
                           (icd10cm_order_YYYY.txt, icd10cm_codes_YYYY.txt, or the zip);
                           --year YYYY if the file name does not say it. Safe to run again
  help                     Show this help

Settings come from environment variables; see README.md.`;

/** Runs one command and returns the process exit code. */
export async function main(argv: string[], out = console.log, err = console.error): Promise<number> {
  try {
    return await runCommand(argv, out, err);
  } catch (e) {
    // A start that must not go on (wrong database, wrong key, read-only folder): the
    // message says what and what to do; a stack trace would only hide it.
    if (e instanceof StartupError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

async function runCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { year: { type: 'string' }, 'allow-large-change': { type: 'boolean' } },
  });
  const [command = 'help', ...rest] = positionals;
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }

  switch (command) {
    case 'serve': {
      const { serve } = await import('./server.ts');
      await serve(config);
      return 0; // keeps running until a signal
    }
    case 'worker': {
      const { work } = await import('./server.ts');
      await work(config);
      return 0; // keeps running until a signal
    }
    case 'migrate': {
      const handle = openDatabase(config.database);
      try {
        const applied = await migrateToLatest(handle.db, handle.schema);
        out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        return 0;
      } finally {
        await handle.close();
      }
    }
    case 'reset-password': {
      const email = rest[0]?.trim().toLowerCase();
      if (!email) {
        err('Usage: second-opinion reset-password EMAIL');
        return 2;
      }
      const deps = await createDeps(config);
      try {
        const user = await findUserByEmail(deps.db, email);
        if (!user) {
          err(`There is no account with the email ${email}.`);
          return 1;
        }
        const link = await issueResetLink(deps, user.id);
        out(`One-time link for ${email} (valid for 1 hour):\n${link}`);
        if (deps.mailer.enabled) {
          const t = translator('en');
          await deps.mailer.send({
            to: user.email,
            subject: t('mail.reset.subject'),
            text: t('mail.reset.body', { link }),
          });
          out('The link was also sent by email.');
        }
        return 0;
      } finally {
        await deps.close();
      }
    }
    case 'audit': {
      if (rest[0] !== 'verify') {
        err('Usage: second-opinion audit verify');
        return 2;
      }
      const handle = openDatabase(config.database);
      try {
        await migrateToLatest(handle.db, handle.schema);
        const result = await verifyAuditChain(handle.db);
        if (result.ok) {
          out(`The audit log is intact: ${result.entries} entries checked.`);
          return 0;
        }
        err(
          `The audit log has been changed: the problem is at entry ${result.at.seq} (${result.at.problem}). ${result.entries} entries before it are intact.`,
        );
        return 1;
      } finally {
        await handle.close();
      }
    }
    case 'import': {
      const [kind, file] = rest;
      if ((kind !== 'nppes' && kind !== 'nucc' && kind !== 'icd10cm') || !file) {
        err(
          'Usage: second-opinion import nppes FILE.csv  or  import nucc FILE.csv  or  import icd10cm FILE [--year YYYY]',
        );
        return 2;
      }
      if (!fs.existsSync(file)) {
        err(`There is no file at ${file}.`);
        return 1;
      }
      const year = typeof values.year === 'string' ? Number(values.year) : undefined;
      if (kind === 'icd10cm' && year !== undefined && !Number.isInteger(year)) {
        err(`--year must be a year such as 2028, not "${String(values.year)}".`);
        return 2;
      }
      const handle = openDatabase(config.database);
      try {
        await migrateToLatest(handle.db, handle.schema);
        if (kind === 'icd10cm')
          return await runIcd10Import(
            handle.db,
            file,
            { year, allowLargeChange: values['allow-large-change'] === true },
            out,
            err,
          );
        return await runImport(handle.db, kind, file, out, err);
      } finally {
        await handle.close();
      }
    }
    case 'verify': {
      const { verifyCommand } = await import('./platform/storage/commands.ts');
      // Everything after the command, options included (positionals leave them out).
      return verifyCommand(config, argv.slice(argv.indexOf(command) + 1), out, err);
    }
    case 'storage': {
      const { storageCommand } = await import('./platform/storage/commands.ts');
      return storageCommand(config, argv.slice(argv.indexOf(command) + 1), out, err);
    }
    case 'backup':
    case 'restore': {
      const { backupCommand, restoreCommand } = await import('./platform/storage/commands.ts');
      const args = argv.slice(argv.indexOf(command) + 1);
      return command === 'backup' ? backupCommand(config, args, out, err) : restoreCommand(config, args, out, err);
    }
    case 'help':
    case '--help':
    case '-h':
      out(HELP);
      return 0;
    default:
      err(`Unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}
