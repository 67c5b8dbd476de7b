/**
 * `npm run backup -- [file]` and `npm run restore -- file`: the whole database — network,
 * history, accounts (passwords stay hashed), saved views — to a JSON-lines file and back into an
 * empty database. Default file: backups/spean-<date>.jsonl.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrations.js';
import { backup, restore } from '../repositories/backup.repository.js';

const [command, fileArg] = process.argv.slice(2);
const config = loadConfig();
const database = await openDatabase(config);
try {
  if (command === 'backup') {
    const file = fileArg ?? path.join('backups', `spean-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    mkdirSync(path.dirname(file), { recursive: true });
    const counts = await backup(database.db.driver, file, config.NEO4J_DATABASE);
    console.log(`Backed up ${counts.nodes} nodes and ${counts.relationships} relationships to ${file}.`);
  } else if (command === 'restore' && fileArg) {
    // The schema first (constraints and indexes); the backup brings its own migration records.
    await migrate(database.db);
    const counts = await restore(database.db.driver, fileArg, config.NEO4J_DATABASE);
    console.log(`Restored ${counts.nodes} nodes and ${counts.relationships} relationships from ${fileArg}.`);
  } else {
    console.error('usage: npm run backup -- [file] | npm run restore -- file');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
