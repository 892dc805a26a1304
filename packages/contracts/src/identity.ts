import { z } from 'zod';

/** agent and élu work in one collectivité; admin administers it; operator runs the installation. */
export const ROLES = ['agent', 'elu', 'admin', 'operator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Languages of the interface: French first, English available (the SPA's i18n/ holds the texts). */
export const LANGUAGES = ['fr', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** PUT /api/me/language: the language the person chose, kept for their next sign-in on any device. */
export const languageRequestSchema = z.object({ language: languageSchema }).strict();
export type LanguageRequest = z.infer<typeof languageRequestSchema>;

/** GET /api/me */
export const meSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  /** The person's groups at their identity provider (audiences of boards, widgets and links). */
  groups: z.array(z.string()),
  collectivite: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  /** The language the person chose; null: none yet, the browser's is used. */
  language: languageSchema.nullable(),
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
