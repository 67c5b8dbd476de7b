import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { problemHandler, toAppError } from '../../api/src/http/problem.js';

describe('problem details', () => {
  it('maps an unavailable database to 503 with Retry-After, and constraint violations to 409', () => {
    const down = toAppError(new Neo4jError('Could not perform discovery', 'ServiceUnavailable', 'N/A', 'N/A'));
    expect(down.status).toBe(503);
    expect(down.headers['Retry-After']).toBe('5');
    expect(toAppError(new Neo4jError('x', 'Neo.ClientError.Schema.ConstraintValidationFailed', 'N/A', 'N/A')).status).toBe(409);
  });

  it('answers an unexpected error with a 500 that leaks no stack, Cypher or path', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('MATCH (n) RETURN n failed at /work/main/api/src/secret.ts:12');
    });
    app.use(problemHandler);
    const server = app.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await res.text();
      expect(body).not.toMatch(/MATCH|secret|\.ts|at /);
      expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    } finally {
      server.close();
    }
  });
});
