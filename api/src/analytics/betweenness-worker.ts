/**
 * One part of a betweenness computation spread over threads (parallel-betweenness.ts): reads
 * the shared adjacency and sources from `workerData`, answers its unscaled sums and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateBetweenness, sourcesOfPart } from './csr.js';
import type { BetweennessPart } from './parallel-betweenness.js';

const { offsets, neighbours, sources, part, parts, block } = workerData as BetweennessPart;
const sums = new Float64Array(offsets.length - 1);
accumulateBetweenness(offsets, neighbours, sourcesOfPart(sources, part, parts, block), sums);
parentPort!.postMessage(sums, [sums.buffer]);
