import {
  MAX_ANNOUNCEMENTS,
  byUrgency,
  reaches,
  type AdminAnnouncement,
  type Announcement,
  type AnnouncementPlacement,
  type AnnouncementSeverity,
  type AnnouncementValues,
  type AuditAction,
  type MyAnnouncements,
} from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import { authorize } from '../auth/authorize.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type {
  AnnouncementPlacement as DbPlacement,
  AnnouncementSeverity as DbSeverity,
  Prisma,
} from '../generated/prisma/client.js';

/**
 * Banners and announcements (table announcement) and the banners people closed
 * (announcement_dismissal). People read what `reaches` them (contracts: announcements.ts); the
 * administrators of the collectivité create, change, delete and list them, each change written to
 * the audit log in its own transaction.
 */

const toDbSeverity: Record<AnnouncementSeverity, DbSeverity> = {
  information: 'INFORMATION',
  important: 'IMPORTANT',
  urgent: 'URGENT',
};
const fromDbSeverity: Record<DbSeverity, AnnouncementSeverity> = {
  INFORMATION: 'information',
  IMPORTANT: 'important',
  URGENT: 'urgent',
};
const toDbPlacement: Record<AnnouncementPlacement, DbPlacement> = { banner: 'BANNER', widget: 'WIDGET' };
const fromDbPlacement: Record<DbPlacement, AnnouncementPlacement> = { BANNER: 'banner', WIDGET: 'widget' };

type Row = Prisma.AnnouncementGetPayload<object>;

function present(row: Row): Announcement {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    severity: fromDbSeverity[row.severity],
    placement: fromDbPlacement[row.placement],
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
  };
}

function targetOf(row: Row) {
  return {
    collectiviteId: row.collectiviteId,
    audience: row.audience,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
  };
}

/**
 * What the person sees now. The query narrows by collectivité, window and groups; every row is then
 * judged again by the one targeting rule, so the SQL can only ever show less, never more.
 */
export async function myAnnouncements(db: Db, principal: Principal, now = new Date()): Promise<MyAnnouncements> {
  const rows = await db.announcement.findMany({
    where: {
      collectiviteId: principal.collectiviteId,
      startsAt: { lte: now },
      OR: [{ endsAt: null }, { endsAt: { gt: now } }],
      AND: [{ OR: [{ audience: { isEmpty: true } }, { audience: { hasSome: [...principal.groups] } }] }],
    },
    include: { dismissals: { where: { userId: principal.userId }, select: { userId: true } } },
    take: MAX_ANNOUNCEMENTS,
  });
  const mine = rows.filter((row) => reaches(principal, targetOf(row), now));
  return {
    banners: mine
      .filter((row) => row.placement === 'BANNER' && row.dismissals.length === 0)
      .map(present)
      .sort(byUrgency),
    announcements: mine
      .filter((row) => row.placement === 'WIDGET')
      .map(present)
      .sort(byUrgency),
  };
}

/** Closes a banner for this person only; an announcement they cannot see is « introuvable ». */
export async function dismissBanner(db: Db, principal: Principal, announcementId: string): Promise<void> {
  const row = await db.announcement.findUnique({ where: { id: announcementId } });
  if (!row) throw new AppError('NOT_FOUND', 'Annonce introuvable.');
  authorize(principal, 'announcement.read', row);
  if (row.placement !== 'BANNER') throw new AppError('VALIDATION_FAILED', 'Seul un bandeau peut être fermé.');
  await db.announcementDismissal.upsert({
    where: { userId_announcementId: { userId: principal.userId, announcementId } },
    create: { userId: principal.userId, announcementId },
    update: {},
  });
}

function presentAdmin(row: Row & { _count: { dismissals: number } }): AdminAnnouncement {
  return {
    ...present(row),
    audience: row.audience,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    dismissals: row._count.dismissals,
  };
}

const withCount = { _count: { select: { dismissals: true } } } as const;

/** The collectivité's announcements, newest start first. */
export async function listAnnouncements(db: Db, principal: Principal): Promise<AdminAnnouncement[]> {
  const rows = await db.announcement.findMany({
    where: { collectiviteId: principal.collectiviteId },
    include: withCount,
    orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
  });
  return rows.map(presentAdmin);
}

function dataOf(values: AnnouncementValues, principal: Principal) {
  return {
    title: values.title,
    body: values.body,
    severity: toDbSeverity[values.severity],
    placement: toDbPlacement[values.placement],
    audience: values.audience,
    startsAt: new Date(values.startsAt),
    endsAt: values.endsAt === null ? null : new Date(values.endsAt),
    updatedBy: principal.displayName,
  };
}

async function audit(
  tx: Prisma.TransactionClient,
  principal: Principal,
  action: AuditAction,
  row: { id: string; title: string },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      collectiviteId: principal.collectiviteId,
      action,
      actorId: principal.userId,
      actorName: principal.displayName,
      boardName: row.title,
      details: { announcementId: row.id },
    },
  });
}

export async function createAnnouncement(
  db: Db,
  principal: Principal,
  values: AnnouncementValues,
): Promise<AdminAnnouncement> {
  return db.$transaction(async (tx) => {
    const count = await tx.announcement.count({ where: { collectiviteId: principal.collectiviteId } });
    if (count >= MAX_ANNOUNCEMENTS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Votre collectivité a déjà ${MAX_ANNOUNCEMENTS} annonces : supprimez-en d’anciennes avant d’en créer.`,
      );
    }
    const row = await tx.announcement.create({
      data: { ...dataOf(values, principal), collectiviteId: principal.collectiviteId },
      include: withCount,
    });
    await audit(tx, principal, 'announcement.created', row);
    return presentAdmin(row);
  });
}

/** Of this collectivité, else « introuvable » (another collectivité's announcement does not exist here). */
async function ownRow(tx: Prisma.TransactionClient, principal: Principal, id: string): Promise<Row> {
  const row = await tx.announcement.findFirst({ where: { id, collectiviteId: principal.collectiviteId } });
  if (!row) throw new AppError('NOT_FOUND', 'Annonce introuvable.');
  return row;
}

export async function updateAnnouncement(
  db: Db,
  principal: Principal,
  id: string,
  values: AnnouncementValues,
): Promise<AdminAnnouncement> {
  return db.$transaction(async (tx) => {
    await ownRow(tx, principal, id);
    const row = await tx.announcement.update({ where: { id }, data: dataOf(values, principal), include: withCount });
    await audit(tx, principal, 'announcement.updated', row);
    return presentAdmin(row);
  });
}

export async function deleteAnnouncement(db: Db, principal: Principal, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await ownRow(tx, principal, id);
    await tx.announcement.delete({ where: { id } });
    await audit(tx, principal, 'announcement.deleted', row);
  });
}
