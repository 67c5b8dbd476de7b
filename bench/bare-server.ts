/** The ceiling of the stack: a bare Express route answering a small JSON body, nothing else. */
import express from 'express';

const app = express();
const body = { items: Array.from({ length: 20 }, (_, i) => ({ id: `g-person-${i}`, kind: 'person', name: `Person ${i}`, score: i })) };
app.get('/bare', (_req, res) => {
  res.json(body);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`BARE_READY ${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
