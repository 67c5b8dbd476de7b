/**
 * `npm run db`: starts the local Neo4j for development in the foreground and prints its URI.
 * Ctrl-C (or SIGTERM) stops it cleanly. Settings come from the same config as the API.
 */
import { loadConfig } from '../api/src/config.js';
import { startLocalNeo4j } from './neo4j-process.js';

const config = loadConfig();
if (config.NEO4J_URI) {
  console.log(`NEO4J_URI is set (${config.NEO4J_URI}): that server is used, nothing to start.`);
  process.exit(0);
}
const neo4j = await startLocalNeo4j(config.localNeo4j);
console.log(`Neo4j 5.26 is up: ${neo4j.uri} (data in ${config.localNeo4j.home}, log ${neo4j.logFile}). Ctrl-C stops it.`);
const stop = async () => {
  await neo4j.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
