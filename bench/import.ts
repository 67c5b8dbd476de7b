/**
 * `npm run bench:import`: the spreadsheet importer on a 100,000-row file (50,000 nodes, 50,000
 * relationships), commit included: CSV parsing, zod validation, checks against the database, the
 * dry-run comparison and the one-transaction write. Beside it, in the same run, the floor: the
 * same rows, already parsed, written by a bare UNWIND through the driver. Budgets (#18): a commit at
 * ≥ 15,000 rows/s, and re-importing the unchanged file (nothing to write) in under 2 s. Each
 * import's time is broken down by step (read, validate, check, compare, duplicates, write).
 */
import { importFiles, type ImportPhases, type UploadedFile } from '../api/src/curation/import.js';
import { openBenchDatabase, timed, writeResults } from './support.js';

const NODES = Number(process.env.BENCH_IMPORT_NODES ?? 50_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const SOURCE = 'imp-source';
/** The budgets of #18. */
const BUDGET = { commitRowsPerSecond: 15_000, reimportUnchangedMs: 2_000 };

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

/** Milliseconds per step, rounded, in the order an import runs them. */
const rounded = (phases: ImportPhases) => Object.fromEntries(Object.entries(phases).map(([name, ms]) => [name, Math.round(ms)]));
const breakdown = (phases: ImportPhases) =>
  Object.entries(phases)
    .map(([name, ms]) => `${name} ${Math.round(ms)}`)
    .join(', ');

try {
  const data = files();
  const rows = data.orgs.length + data.people.length + data.rels.length + 1;
  const importer: { ms: number; phases: ImportPhases }[] = [];
  const baseline: number[] = [];
  let dryRun = { ms: 0, phases: {} as ImportPhases };
  let reimport = { ms: 0, phases: {} as ImportPhases };
  for (let run = 0; run < RUNS; run++) {
    await wipe();
    const phases: ImportPhases = {};
    const [plan, ms] = await timed(() => importFiles(db, data.upload, true, undefined, phases));
    if (!plan.committed || plan.rejected.length) throw new Error(`import failed: ${JSON.stringify(plan.rejected.slice(0, 3))}`);
    importer.push({ ms, phases });
    if (run === 0) {
      // Importing the same file again: everything compares unchanged and nothing is written.
      const againPhases: ImportPhases = {};
      const [again, againMs] = await timed(() => importFiles(db, data.upload, true, undefined, againPhases));
      if (again.committed) throw new Error('re-import wrote something');
      if (again.nodes.unchanged + again.relationships.unchanged !== rows)
        throw new Error(`re-import found changes: ${JSON.stringify(again.nodes)} ${JSON.stringify(again.relationships)}`);
      reimport = { ms: againMs, phases: againPhases };
      await wipe();
      const dryPhases: ImportPhases = {};
      const [, dryMs] = await timed(() => importFiles(db, data.upload, false, undefined, dryPhases));
      dryRun = { ms: dryMs, phases: dryPhases };
    }
    await wipe();
    const [, bareMs] = await timed(() => bareUnwind(data));
    baseline.push(bareMs);
  }
  await wipe();
  const bestImport = importer.reduce((a, b) => (b.ms < a.ms ? b : a));
  const best = (xs: number[]) => Math.min(...xs);
  const rowsPerSecond = (ms: number) => Math.round(rows / (ms / 1000));
  const result = {
    rows,
    importer: {
      bestMs: Math.round(bestImport.ms),
      rowsPerSecond: rowsPerSecond(bestImport.ms),
      runsMs: importer.map((r) => Math.round(r.ms)),
      phasesMs: rounded(bestImport.phases),
    },
    bareUnwind: { bestMs: Math.round(best(baseline)), rowsPerSecond: rowsPerSecond(best(baseline)), runsMs: baseline.map(Math.round) },
    dryRun: { ms: Math.round(dryRun.ms), phasesMs: rounded(dryRun.phases) },
    reimportUnchanged: { ms: Math.round(reimport.ms), rowsPerSecond: rowsPerSecond(reimport.ms), phasesMs: rounded(reimport.phases) },
    budgets: {
      commit: { rowsPerSecond: BUDGET.commitRowsPerSecond, met: rowsPerSecond(bestImport.ms) >= BUDGET.commitRowsPerSecond },
      reimportUnchanged: { ms: BUDGET.reimportUnchangedMs, met: reimport.ms < BUDGET.reimportUnchangedMs },
    },
  };
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  console.log(`${rows} rows`);
  console.log(
    `commit: ${result.importer.rowsPerSecond} rows/s (${result.importer.bestMs} ms; budget ≥ ${BUDGET.commitRowsPerSecond} rows/s: ${verdict(result.budgets.commit.met)}) — ${breakdown(bestImport.phases)}`,
  );
  console.log(
    `unchanged re-import: ${result.reimportUnchanged.ms} ms (budget < ${BUDGET.reimportUnchangedMs} ms: ${verdict(result.budgets.reimportUnchanged.met)}) — ${breakdown(reimport.phases)}`,
  );
  console.log(`dry run: ${result.dryRun.ms} ms — ${breakdown(dryRun.phases)}`);
  console.log(`bare UNWIND: ${result.bareUnwind.rowsPerSecond} rows/s (${result.bareUnwind.bestMs} ms)`);
  writeResults('import', result);
} finally {
  await bench.close();
}
