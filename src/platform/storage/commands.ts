import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createDocumentStore } from './index.ts';
import { repairInstallation, reportText, verifyInstallation } from './verify.ts';

// The storage commands of the CLI (src/cli.ts calls these): verify, backup, restore. Each
// takes the config and where to write, and returns the exit code, so tests drive them
// exactly as the command line does.

type Print = (s: string) => void;

export async function verifyCommand(config: Config, args: string[], out: Print, err: Print, now?: () => number): Promise<number> {
  let repair: boolean;
  try {
    repair = parseArgs({ args, options: { repair: { type: 'boolean', default: false } }, allowPositionals: false, strict: true }).values.repair ?? false;
  } catch {
    err('Usage: second-opinion verify [--repair]');
    return 2;
  }
  if (config.database.kind === 'sqlite' && config.database.file !== ':memory:' && !fs.existsSync(config.database.file)) {
    err(`There is no database at ${config.database.file}, so there is nothing to check. Is DATA_DIR (or DATABASE_URL) set as it is for the app?`);
    return 1;
  }
  const handle = openDatabase(config.database);
  try {
    const d = { config, db: handle.db, dialect: handle.dialect, makeStore: (k: Buffer) => createDocumentStore(config, k), ...(now ? { now } : {}) };
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
