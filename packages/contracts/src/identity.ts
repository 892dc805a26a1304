import { z } from 'zod';

/** agent and élu work in one collectivité; admin administers it; operator runs the installation. */
export const ROLES = ['agent', 'elu', 'admin', 'operator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** GET /api/me */
export const meSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  /** The person's groups at their identity provider (audiences of boards, widgets and links). */
  groups: z.array(z.string()),
  collectivite: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
});
export type Me = z.infer<typeof meSchema>;

export const appLinkSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  url: z.url(),
  description: z.string(),
});
export type AppLink = z.infer<typeof appLinkSchema>;

/** GET /api/apps: the launcher links the signed-in person's groups may see. */
export const appLinksResponseSchema = z.object({ links: z.array(appLinkSchema) });
export type AppLinksResponse = z.infer<typeof appLinksResponseSchema>;
