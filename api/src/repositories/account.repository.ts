/** Users, their sessions and API tokens; `:User`, `:Session`, `:ApiToken` live outside the network. */
import { randomUUID } from 'node:crypto';
import type { GraphDb } from '../db/graph-db.js';
import type { NewUser, Role, User } from '../domain/accounts.js';
import { hashPassword } from '../lib/passwords.js';
import { digest, secret } from '../lib/tokens.js';

const USER = 'u {.id, .email, .name, .role, disabled: coalesce(u.disabled, false), createdAt: toString(u.createdAt)}';

export interface Viewer {
  user: User;
  /** Set for browser sessions: writes must echo it (CSRF). */
  csrf?: string;
  via: 'session' | 'token';
}

export class AccountRepository {
  constructor(private readonly db: GraphDb) {}

  async createUser(input: NewUser): Promise<User> {
    const rows = await this.db.write(
      `CREATE (u:User {id: $id, email: $email, name: $name, role: $role, passwordHash: $hash, disabled: false, createdAt: datetime()})
       RETURN ${USER} AS u`,
      { id: randomUUID(), email: input.email, name: input.name, role: input.role, hash: await hashPassword(input.password) },
    );
    return rows[0]!.u as User;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.read(`MATCH (u:User) RETURN ${USER} AS u ORDER BY u.email`);
    return rows.map((r) => r.u as User);
  }

  async getUser(id: string): Promise<User | undefined> {
    const rows = await this.db.read(`MATCH (u:User {id: $id}) RETURN ${USER} AS u`, { id });
    return rows[0]?.u as User | undefined;
  }

  async countAdmins(): Promise<number> {
    const rows = await this.db.read<{ n: number }>("MATCH (u:User {role: 'admin'}) WHERE NOT coalesce(u.disabled, false) RETURN count(u) AS n");
    return rows[0]!.n;
  }

  async updateUser(id: string, change: { name?: string; role?: Role; disabled?: boolean; password?: string }): Promise<User | undefined> {
    const { password, ...rest } = change;
    const set: Record<string, unknown> = { ...rest };
    if (password) set.passwordHash = await hashPassword(password);
    const rows = await this.db.writeTransaction(async (tx) => {
      const updated = await tx.run(`MATCH (u:User {id: $id}) SET u += $set RETURN ${USER} AS u`, { id, set });
      // A disabled account or a new password ends every open session of that account and revokes
      // its API tokens: whoever held the old password may have made one.
      if (change.disabled || password) {
        await tx.run('MATCH (s:Session {userId: $id}) DELETE s', { id });
        await tx.run('MATCH (t:ApiToken {userId: $id}) SET t.revoked = true', { id });
      }
      return updated;
    });
    return rows[0]?.u as User | undefined;
  }

  async credentials(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const rows = await this.db.read(`MATCH (u:User {email: $email}) RETURN ${USER} AS u, u.passwordHash AS hash`, { email: email.toLowerCase() });
    const row = rows[0];
    return row ? { user: row.u as User, passwordHash: row.hash as string } : undefined;
  }

  /** Opens a session; returns the secret for the cookie (only its digest is stored) and the CSRF token. */
  async openSession(userId: string, ttlHours: number): Promise<{ cookie: string; csrf: string }> {
    const cookie = secret();
    const csrf = secret();
    await this.db.write(
      `MATCH (u:User {id: $userId})
       CREATE (:Session {id: $id, userId: $userId, csrf: $csrf, createdAt: datetime(), expiresAt: datetime() + duration({hours: $ttl})})
       WITH u MATCH (old:Session {userId: $userId}) WHERE old.expiresAt < datetime() DELETE old`,
      { userId, id: digest(cookie), csrf, ttl: ttlHours },
    );
    return { cookie, csrf };
  }

  async closeSession(cookie: string): Promise<void> {
    await this.db.write('MATCH (s:Session {id: $id}) DELETE s', { id: digest(cookie) });
  }

  async viewerBySession(cookie: string): Promise<Viewer | undefined> {
    const rows = await this.db.read(
      `MATCH (s:Session {id: $id}) WHERE s.expiresAt > datetime()
       MATCH (u:User {id: s.userId}) WHERE NOT coalesce(u.disabled, false)
       RETURN ${USER} AS u, s.csrf AS csrf`,
      { id: digest(cookie) },
    );
    const row = rows[0];
    return row ? { user: row.u as User, csrf: row.csrf as string, via: 'session' } : undefined;
  }

  async createToken(userId: string, name: string): Promise<{ token: string; id: string }> {
    const id = secret(9);
    const token = `spean_${id}_${secret()}`;
    await this.db.write(
      `MATCH (u:User {id: $userId})
       CREATE (:ApiToken {id: $id, userId: $userId, name: $name, hash: $hash, createdAt: datetime(), revoked: false})`,
      { userId, id, name, hash: digest(token) },
    );
    return { token, id };
  }

  async listTokens(userId: string) {
    const rows = await this.db.read(
      `MATCH (t:ApiToken {userId: $userId})
       RETURN t {.id, .name, createdAt: toString(t.createdAt), lastUsedAt: toString(t.lastUsedAt), revoked: coalesce(t.revoked, false)} AS t
       ORDER BY t.createdAt`,
      { userId },
    );
    return rows.map((r) => r.t as { id: string; name: string; createdAt: string; lastUsedAt: string | null; revoked: boolean });
  }

  /** Revokes a token of this user (admins: of anyone); false when there is no such token. */
  async revokeToken(id: string, userId: string, asAdmin: boolean): Promise<boolean> {
    const rows = await this.db.write('MATCH (t:ApiToken {id: $id}) WHERE $asAdmin OR t.userId = $userId SET t.revoked = true RETURN t.id AS id', {
      id,
      userId,
      asAdmin,
    });
    return rows.length > 0;
  }

  async viewerByToken(id: string, token: string): Promise<Viewer | undefined> {
    const rows = await this.db.read(
      `MATCH (t:ApiToken {id: $id, hash: $hash}) WHERE NOT coalesce(t.revoked, false)
       MATCH (u:User {id: t.userId}) WHERE NOT coalesce(u.disabled, false)
       RETURN ${USER} AS u`,
      { id, hash: digest(token) },
    );
    const row = rows[0];
    if (!row) return undefined;
    // Last use is a hint for revoking stale tokens: not worth failing a request over.
    this.db.write('MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime()', { id }).catch(() => undefined);
    return { user: row.u as User, via: 'token' };
  }
}
