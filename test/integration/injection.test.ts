import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ATTACKS = [
  "x' OR 1=1 //",
  "'}) MATCH (n) DETACH DELETE n //",
  '`) MATCH (n) DETACH DELETE n //',
  '*:*',
  'name:* OR description:*',
  '") CALL dbms.killQueries([]) //',
  "x\u0000'; CREATE (:Pwned) //",
  "odc' UNION MATCH (n) SET n.pwned = true RETURN n //",
];

/** Every string parameter of every read route, with the attack in it. */
function attackedUrls(attack: string): string[] {
  const a = encodeURIComponent(attack);
  return [
    `/api/search?q=${a}`,
    `/api/search?q=odc&kinds=${a}`,
    `/api/nodes/${a}`,
    `/api/organisations?country=${a}`,
    `/api/organisations?type=${a}`,
    `/api/events?sort=${a}`,
    `/api/events?order=${a}`,
  ];
}

describe('when every string parameter carries an injection attempt', () => {
  it('then each is answered without a server error and the graph is unchanged', async () => {
    const before = await graphFingerprint(app.db);
    for (const attack of ATTACKS) {
      for (const url of attackedUrls(attack)) {
        const res = await app.get(url);
        expect([200, 400, 404], `${url} answered ${res.status}`).toContain(res.status);
        await res.arrayBuffer();
      }
    }
    expect(await graphFingerprint(app.db)).toEqual(before);
    const [pwned] = await app.db.read('MATCH (n) WHERE n:Pwned OR n.pwned IS NOT NULL RETURN count(n) AS n');
    expect(pwned?.n).toBe(0);
  });
});
