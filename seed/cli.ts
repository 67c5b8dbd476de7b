/** `npm run seed`: loads the seed network into the configured Neo4j (twice gives the same graph). */
import { loadConfig } from '../api/src/config.js';
import { openDatabase } from '../api/src/db/connect.js';
import { migrate } from '../api/src/db/migrations.js';
import { LoadError } from '../api/src/curation/load.js';
import { loadSeed } from './seed.js';

const database = await openDatabase(loadConfig());
try {
  await migrate(database.db);
  const started = performance.now();
  const loaded = await loadSeed(database.db);
  const ms = Math.round(performance.now() - started);
  console.log(`Seed loaded into ${database.uri}: ${loaded.nodes} nodes, ${loaded.relationships} relationships in ${ms} ms.`);
  // Facts a document ties to an event should carry the event's date; these carry only a publication date.
  console.log(`${loaded.publicationDated.length} relationships are dated only by a source's publication date:`);
  for (const { file, line, record: r } of loaded.publicationDated) console.log(`  ${file}:${line} ${r.from} ${r.type} ${r.to}`);
} catch (error) {
  if (!(error instanceof LoadError)) throw error;
  console.error(error.message);
  for (const p of error.problems) console.error(`  ${p.file}:${p.line} ${p.field}: ${p.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
