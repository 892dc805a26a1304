import { z } from 'zod';

/**
 * Each collectivité's look (name, logo, primary colour) and the administration of its launcher
 * links. The contrast check is a pure function shared by the BFF (which enforces it) and the SPA
 * (which shows the ratio while the administrator chooses).
 */

/** WCAG 2.x AA for normal text. */
export const MIN_CONTRAST_RATIO = 4.5;

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
export const hexColourSchema = z
  .string()
  .regex(HEX_COLOUR, 'Couleur attendue au format #RRVVBB (par exemple #1d4ed8).')
  .transform((colour) => colour.toLowerCase());

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  if (!HEX_COLOUR.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const red = channel(Number.parseInt(hex.slice(1, 3), 16));
  const green = channel(Number.parseInt(hex.slice(3, 5), 16));
  const blue = channel(Number.parseInt(hex.slice(5, 7), 16));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A ratio as a person reads it: rounded down to two decimals (never shown better than it is), French comma. */
export function formatContrastRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2).replace('.', ',')}:1`;
}

export type PrimaryColourCheck = { ok: true; ratio: number } | { ok: false; ratio: number; message: string };

/** The lightest backgrounds the primary colour sits on or under: white text and cards, the page (--color-page). */
export const PRIMARY_COLOUR_BACKGROUNDS = ['#ffffff', '#f3f4f6'] as const;

/**
 * The primary colour fills the header and buttons under white text, and colours links and focus
 * rings on white cards and the grey page: it must reach AA against each; the ratio reported is the lowest.
 */
export function checkPrimaryColour(hex: string): PrimaryColourCheck {
  const ratio = Math.min(
    ...PRIMARY_COLOUR_BACKGROUNDS.map((background) => contrastRatio(hex.toLowerCase(), background)),
  );
  if (ratio >= MIN_CONTRAST_RATIO) return { ok: true, ratio };
  return {
    ok: false,
    ratio,
    message: `Contraste insuffisant : ${formatContrastRatio(ratio)} avec le texte blanc ou le fond des pages, il faut au moins 4,5:1. Choisissez une couleur plus foncée.`,
  };
}

/** GET /api/look: what every member's screen shows of their collectivité. */
export const collectiviteLookSchema = z.object({
  name: z.string(),
  /** null: the product's own colour. */
  primaryColor: z.string().nullable(),
  /** Same-origin address of the logo (changes when the logo does), or null. */
  logoUrl: z.string().nullable(),
});
export type CollectiviteLook = z.infer<typeof collectiviteLookSchema>;

/** PUT /api/admin/look */
export const updateLookRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'Le nom est obligatoire.').max(120),
    primaryColor: hexColourSchema.nullable(),
  })
  .strict();
export type UpdateLookRequest = z.infer<typeof updateLookRequestSchema>;

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_LOGO_BYTES = 256 * 1024;

/** PUT /api/admin/look/logo: the image, base64-encoded in JSON (the API reads JSON only). */
export const uploadLogoRequestSchema = z
  .object({
    contentType: z.enum(LOGO_TYPES, { message: 'Le logo doit être une image PNG, JPEG ou WebP.' }),
    data: z
      .string()
      .min(1)
      .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4, 'Le logo dépasse 256 Ko.')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Image mal encodée.'),
  })
  .strict();
export type UploadLogoRequest = z.infer<typeof uploadLogoRequestSchema>;

/** Launcher links, as their administrators edit them. */
export const appLinkInputSchema = z
  .object({
    label: z.string().trim().min(1, 'Le nom du lien est obligatoire.').max(80),
    url: z.url({
      protocol: /^https?$/,
      message: 'Adresse attendue commençant par http:// ou https://.',
    }),
    description: z.string().trim().max(200).default(''),
    /** Groups allowed to see the link; empty: every member. */
    allowedGroups: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  })
  .strict();
export type AppLinkInput = z.infer<typeof appLinkInputSchema>;

export const adminAppLinkSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  url: z.string(),
  description: z.string(),
  allowedGroups: z.array(z.string()),
  position: z.number().int(),
});
export type AdminAppLink = z.infer<typeof adminAppLinkSchema>;

export const adminAppLinksResponseSchema = z.object({ links: z.array(adminAppLinkSchema) });
export type AdminAppLinksResponse = z.infer<typeof adminAppLinksResponseSchema>;

export const appLinkIdParamsSchema = z.object({ linkId: z.uuid({ message: 'Lien introuvable.' }) });

/** PUT /api/admin/app-links/order: every link of the collectivité, in the new order. */
export const appLinkOrderRequestSchema = z
  .object({ ids: z.array(z.uuid()).max(200) })
  .strict()
  .refine((order) => new Set(order.ids).size === order.ids.length, 'Un lien figure deux fois.');

/** GET /api/operator/installation: the operator's read-only view of every collectivité. */
export const installationViewSchema = z.object({
  providers: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  collectivites: z.array(
    z.object({
      id: z.uuid(),
      slug: z.string(),
      name: z.string(),
      /** Providers through which its people sign in (ids of `providers`). */
      providerIds: z.array(z.string()),
      connectors: z.array(z.object({ id: z.uuid(), label: z.string(), kind: z.string(), enabled: z.boolean() })),
      appLinks: z.array(
        z.object({ id: z.uuid(), label: z.string(), url: z.string(), allowedGroups: z.array(z.string()) }),
      ),
    }),
  ),
});
export type InstallationView = z.infer<typeof installationViewSchema>;
