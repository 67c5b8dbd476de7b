/**
 * `npm run user -- <command>`: accounts from the command line, for the first admin and for
 * scripts. The password comes from SPEAN_PASSWORD or the first line of standard input, never
 * from the command line (where `ps` and shell history would show it).
 *
 *   npm run user -- add --email you@example.org --name "Your Name" --role admin
 *   npm run user -- list
 *   npm run user -- set-password --email you@example.org
 *   npm run user -- disable --email you@example.org
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrations.js';
import { newUserSchema, passwordSchema } from '../domain/accounts.js';
import { AccountRepository } from '../repositories/account.repository.js';

async function readPassword(): Promise<string> {
  if (process.env.SPEAN_PASSWORD) return process.env.SPEAN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('no password: set SPEAN_PASSWORD or give it on standard input');
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'viewer' } },
});
const command = positionals[0];

const database = await openDatabase(loadConfig());
const accounts = new AccountRepository(database.db);
try {
  await migrate(database.db);
  if (command === 'add') {
    const input = newUserSchema.parse({ email: values.email, name: values.name, role: values.role, password: await readPassword() });
    if (await accounts.credentials(input.email)) throw new Error(`an account for ${input.email} exists already`);
    const user = await accounts.createUser(input);
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  } else if (command === 'list') {
    for (const u of await accounts.listUsers()) console.log(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}\t${u.name}`);
  } else if (command === 'set-password' || command === 'disable') {
    const found = await accounts.credentials(values.email ?? '');
    if (!found) throw new Error(`no account for ${values.email}`);
    const change = command === 'disable' ? { disabled: true } : { password: passwordSchema.parse(await readPassword()) };
    await accounts.updateUser(found.user.id, change);
    console.log(
      command === 'disable' ? `Disabled ${found.user.email}; its sessions are closed.` : `New password set for ${found.user.email}; its sessions are closed.`,
    );
  } else {
    console.error('usage: npm run user -- add --email E --name N --role viewer|editor|admin | list | set-password --email E | disable --email E');
    process.exitCode = 2;
  }
} catch (error) {
  if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
