/**
 * `npm run bench:import`: the spreadsheet importer on a 100,000-row file (50,000 nodes, 50,000
 * relationships), commit included: CSV parsing, zod validation, checks against the database, the
 * dry-run comparison and the one-transaction write. Beside it, in the same run, the floor: the
 * same rows, already parsed, written by a bare UNWIND through the driver. Target: ≥ 10,000 rows/s.
 */
import { importFiles, type UploadedFile } from '../api/src/curation/import.js';
import { openBenchDatabase, timed, writeResults } from './support.js';

const NODES = Number(process.env.BENCH_IMPORT_NODES ?? 50_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const SOURCE = 'imp-source';

function files(): { upload: UploadedFile[]; orgs: Record<string, string>[]; people: Record<string, string>[]; rels: Record<string, string>[] } {
  const orgs = Array.from({ length: NODES / 2 }, (_, i) => ({
    id: `imp-org-${i}`,
    name: `Import Organisation ${i}`,
    orgKind: i % 3 ? 'cso' : 'research',
    sources: SOURCE,
    aliases: `IO${i}`,
  }));
  const people = Array.from({ length: NODES / 2 }, (_, i) => ({ id: `imp-person-${i}`, name: `Import Person ${i}`, sources: SOURCE }));
  const rels = [
    ...people.map((p, i) => ({ from: p.id, type: 'WORKS_FOR', to: orgs[i % orgs.length]!.id, sources: SOURCE, role: 'staff' })),
    ...orgs.map((o, i) => ({ from: o.id, type: 'PARTNERS_WITH', to: orgs[(i * 7 + 1) % orgs.length]!.id, sources: SOURCE, role: '' })),
  ].filter((r) => r.from !== r.to);
  const csv = (rows: Record<string, string>[]) => [Object.keys(rows[0]!).join(','), ...rows.map((r) => Object.values(r).join(','))].join('\n');
  const upload = [
    { name: 'sources.csv', data: Buffer.from(`id,name,sourceKind,publisher,date\n${SOURCE},Import benchmark source,report,Spean bench,2026-01-01\n`) },
    { name: 'organisations.csv', data: Buffer.from(csv(orgs)) },
    { name: 'people.csv', data: Buffer.from(csv(people)) },
    { name: 'relationships.csv', data: Buffer.from(csv(rels)) },
  ];
  return { upload, orgs, people, rels };
}

const bench = await openBenchDatabase();
const { db } = bench;

async function wipe(): Promise<void> {
  const session = db.driver.session();
  try {
    await session.run("MATCH (n:Entity) WHERE n.id STARTS WITH 'imp-' CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  } finally {
    await session.close();
  }
}

/** The floor: the same rows, parsed already, written by UNWIND in one transaction. */
async function bareUnwind(data: ReturnType<typeof files>): Promise<void> {
  await db.writeTransaction(async (tx) => {
    await tx.run("CREATE (:Entity:Source {id: $id, kind: 'source', name: 'Import benchmark source', sourceKind: 'report', publisher: 'Spean bench'})", {
      id: SOURCE,
    });
    for (const [label, rows] of [
      ['Organisation', data.orgs],
      ['Person', data.people],
    ] as const) {
      for (let i = 0; i < rows.length; i += 5_000) {
        await tx.run(`UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row, n:${label}`, { rows: rows.slice(i, i + 5_000) });
      }
    }
    for (const type of ['WORKS_FOR', 'PARTNERS_WITH']) {
      const rows = data.rels.filter((r) => r.type === type);
      for (let i = 0; i < rows.length; i += 5_000) {
        await tx.run(
          `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {key: ''}]->(b) SET r.sources = [row.sources], r.role = row.role`,
          {
            rows: rows.slice(i, i + 5_000),
          },
        );
      }
    }
  }, 600_000);
}

try {
  const data = files();
  const rows = data.orgs.length + data.people.length + data.rels.length + 1;
  const importer: number[] = [];
  const baseline: number[] = [];
  let dryRunMs = 0;
  let reimportMs = 0;
  for (let run = 0; run < RUNS; run++) {
    await wipe();
    const [plan, ms] = await timed(() => importFiles(db, data.upload, true));
    if (!plan.committed || plan.rejected.length) throw new Error(`import failed: ${JSON.stringify(plan.rejected.slice(0, 3))}`);
    importer.push(ms);
    if (run === 0) {
      // Importing the same file again: everything compares unchanged and nothing is written.
      const [again, againMs] = await timed(() => importFiles(db, data.upload, true));
      if (again.committed) throw new Error('re-import wrote something');
      reimportMs = againMs;
      await wipe();
      [, dryRunMs] = await timed(() => importFiles(db, data.upload, false));
    }
    await wipe();
    const [, bareMs] = await timed(() => bareUnwind(data));
    baseline.push(bareMs);
  }
  await wipe();
  const best = (xs: number[]) => Math.min(...xs);
  const result = {
    rows,
    importer: { bestMs: Math.round(best(importer)), rowsPerSecond: Math.round(rows / (best(importer) / 1000)), runsMs: importer.map(Math.round) },
    bareUnwind: { bestMs: Math.round(best(baseline)), rowsPerSecond: Math.round(rows / (best(baseline) / 1000)), runsMs: baseline.map(Math.round) },
    dryRunMs: Math.round(dryRunMs),
    reimportUnchangedMs: Math.round(reimportMs),
    target: { rowsPerSecond: 10_000 },
  };
  console.log(
    `${rows} rows: importer ${result.importer.rowsPerSecond} rows/s (${result.importer.bestMs} ms, target 10,000 rows/s), bare UNWIND ${result.bareUnwind.rowsPerSecond} rows/s (${result.bareUnwind.bestMs} ms); dry run ${result.dryRunMs} ms, unchanged re-import ${result.reimportUnchangedMs} ms`,
  );
  writeResults('import', result);
} finally {
  await bench.close();
}
