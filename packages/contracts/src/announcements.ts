import { z } from 'zod';
import { can, type Subject } from './policies/index.js';
import { audienceSchema } from './shared-boards.js';

/**
 * Announcements a collectivité's administrators publish to its members: a banner above the board
 * (dismissable, per person) or an entry of the « Annonces » widget. Each has a severity, shown in
 * words and with an icon, never by its colour alone; an audience of groups (empty: every member of
 * the collectivité); and a window: from `startsAt`, until `endsAt` when one is set.
 */

export const ANNOUNCEMENT_SEVERITIES = ['information', 'important', 'urgent'] as const;
export type AnnouncementSeverity = (typeof ANNOUNCEMENT_SEVERITIES)[number];

/** The words people read for each severity (the icon and colour only repeat them). */
export const SEVERITY_LABELS: { readonly [S in AnnouncementSeverity]: string } = {
  information: 'Information',
  important: 'Important',
  urgent: 'Urgent',
};

export const ANNOUNCEMENT_PLACEMENTS = ['banner', 'widget'] as const;
export type AnnouncementPlacement = (typeof ANNOUNCEMENT_PLACEMENTS)[number];

export const PLACEMENT_LABELS: { readonly [P in AnnouncementPlacement]: string } = {
  banner: 'Bandeau au-dessus du tableau',
  widget: 'Widget « Annonces »',
};

export const MAX_ANNOUNCEMENT_TITLE = 120;
export const MAX_ANNOUNCEMENT_BODY = 2_000;
/** Live and future announcements one collectivité may hold (past ones are kept until deleted). */
export const MAX_ANNOUNCEMENTS = 200;

const instant = z.iso.datetime({ offset: true, error: 'Une date et une heure sont attendues (ISO 8601).' });

export const announcementInputSchema = z
  .object({
    title: z
      .string({ error: 'Le titre est un texte.' })
      .trim()
      .min(1, 'Donnez un titre à l’annonce.')
      .max(MAX_ANNOUNCEMENT_TITLE, `Le titre compte au plus ${MAX_ANNOUNCEMENT_TITLE} caractères.`),
    body: z
      .string({ error: 'Le texte est un texte.' })
      .trim()
      .max(MAX_ANNOUNCEMENT_BODY, `Le texte compte au plus ${MAX_ANNOUNCEMENT_BODY} caractères.`)
      .default(''),
    severity: z.enum(ANNOUNCEMENT_SEVERITIES, { error: 'Gravité attendue : information, important ou urgent.' }),
    placement: z.enum(ANNOUNCEMENT_PLACEMENTS, { error: 'Emplacement attendu : bandeau ou widget.' }),
    audience: audienceSchema.default([]),
    startsAt: instant,
    endsAt: instant.nullable().default(null),
  })
  .strict()
  .refine((value) => value.endsAt === null || Date.parse(value.endsAt) > Date.parse(value.startsAt), {
    message: 'La fin de diffusion doit venir après son début.',
    path: ['endsAt'],
  });
export type AnnouncementInput = z.input<typeof announcementInputSchema>;
export type AnnouncementValues = z.output<typeof announcementInputSchema>;

export const announcementIdParamsSchema = z.object({ announcementId: z.uuid({ error: 'Annonce introuvable.' }) });

/** An announcement as people read it. */
export const announcementSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  severity: z.enum(ANNOUNCEMENT_SEVERITIES),
  placement: z.enum(ANNOUNCEMENT_PLACEMENTS),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Announcement = z.infer<typeof announcementSchema>;

/** GET /api/announcements — what the signed-in person sees now: banners not dismissed, widget entries. */
export const myAnnouncementsSchema = z.object({
  banners: z.array(announcementSchema),
  announcements: z.array(announcementSchema),
});
export type MyAnnouncements = z.infer<typeof myAnnouncementsSchema>;

/** An announcement in the administration: its audience and who changed it last. */
export const adminAnnouncementSchema = announcementSchema.extend({
  audience: z.array(z.string()),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string(),
  dismissals: z.number().int().min(0),
});
export type AdminAnnouncement = z.infer<typeof adminAnnouncementSchema>;

export const adminAnnouncementListSchema = z.object({ announcements: z.array(adminAnnouncementSchema) });
export type AdminAnnouncementList = z.infer<typeof adminAnnouncementListSchema>;

/** Where an announcement stands in time, for the administration's list. */
export type AnnouncementPhase = 'scheduled' | 'live' | 'ended';

export function announcementPhase(window: { startsAt: string; endsAt: string | null }, now: Date): AnnouncementPhase {
  if (Date.parse(window.startsAt) > now.getTime()) return 'scheduled';
  if (window.endsAt !== null && Date.parse(window.endsAt) <= now.getTime()) return 'ended';
  return 'live';
}

/** What the targeting rules need to know of an announcement. */
export interface AnnouncementTarget {
  collectiviteId: string;
  audience: readonly string[];
  startsAt: string;
  endsAt: string | null;
}

/**
 * The targeting rule, in one place: a person sees an announcement when it is of their collectivité,
 * they are in its audience (empty: every member) and now lies in its window, start included, end
 * excluded. Administrators are no exception: they read it in the administration.
 */
export function reaches(subject: Subject, announcement: AnnouncementTarget, now: Date): boolean {
  return can(subject, 'announcement.read', announcement) && announcementPhase(announcement, now) === 'live';
}

/** Most urgent first, then the newest start. */
export function byUrgency(a: Announcement, b: Announcement): number {
  const rank = (s: AnnouncementSeverity) => ANNOUNCEMENT_SEVERITIES.indexOf(s);
  return rank(b.severity) - rank(a.severity) || Date.parse(b.startsAt) - Date.parse(a.startsAt);
}
