/**
 * Accounts: who may do what. Neo4j Community has no access control of its own; Spean enforces
 * these roles on every route. Anonymous readers are viewers when anonymous reading is on.
 */
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/**
 * What a route needs: reading (anonymous too, when allowed), a signed-in account of any role
 * (reads that can reach people who are not public, like the Cypher console and history),
 * editing the network, or administering accounts and releases.
 */
export type Access = 'read' | 'account' | 'edit' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
const NEEDS: Record<Access, number> = { read: 0, account: 0, edit: 1, admin: 2 };

export function allows(role: Role, access: Access): boolean {
  return RANK[role] >= NEEDS[access];
}

/** An email as accounts are keyed: no surrounding space, lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const emailSchema = z.string().trim().pipe(z.email().max(200)).transform(normaliseEmail);
/** Long rather than complicated (NIST SP 800-63B): at least 12 characters. */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(200);

export const loginSchema = z.strictObject({ email: z.string().max(200).transform(normaliseEmail), password: z.string().max(200) });

export const newUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
  password: passwordSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .strictObject({ name: z.string().trim().min(1).max(120), role: roleSchema, disabled: z.boolean(), password: passwordSchema })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'say what to change');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const newTokenSchema = z.strictObject({ name: z.string().trim().min(1).max(120) });
export const tokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revoked: z.boolean() });

export const sessionSchema = z.object({ user: userSchema.nullable(), csrfToken: z.string().nullable(), anonymousRead: z.boolean() });
