import {
  checkPrimaryColour,
  MAX_LOGO_BYTES,
  type AdminAppLink,
  type AppLinkInput,
  type CollectiviteLook,
  type InstallationView,
  type UpdateLookRequest,
  type UploadLogoRequest,
} from '@pleiade/contracts';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { ProviderSettings } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';

/** The logo's address: the version changes with the image, so a browser never shows a stale one. */
function logoUrlOf(updatedAt: Date | undefined): string | null {
  return updatedAt ? `/api/look/logo?v=${updatedAt.getTime()}` : null;
}

export async function readLook(db: Db, principal: Principal): Promise<CollectiviteLook> {
  authorize(principal, 'collectivite.readLook', { collectiviteId: principal.collectiviteId });
  const collectivite = await db.collectivite.findUniqueOrThrow({
    where: { id: principal.collectiviteId },
    select: { name: true, primaryColor: true, logo: { select: { updatedAt: true } } },
  });
  return {
    name: collectivite.name,
    primaryColor: collectivite.primaryColor,
    logoUrl: logoUrlOf(collectivite.logo?.updatedAt),
  };
}

export async function readLogo(db: Db, principal: Principal): Promise<{ contentType: string; data: Uint8Array }> {
  authorize(principal, 'collectivite.readLook', { collectiviteId: principal.collectiviteId });
  const logo = await db.collectiviteLogo.findUnique({ where: { collectiviteId: principal.collectiviteId } });
  if (!logo) throw new AppError('NOT_FOUND', 'Cette collectivité n’a pas de logo.');
  return { contentType: logo.contentType, data: logo.data };
}

/** Refuses a colour whose contrast with white text is below AA, with the measured ratio. */
export async function updateLook(db: Db, principal: Principal, request: UpdateLookRequest): Promise<CollectiviteLook> {
  authorize(principal, 'collectivite.administerLook', { collectiviteId: principal.collectiviteId });
  if (request.primaryColor) {
    const check = checkPrimaryColour(request.primaryColor);
    if (!check.ok) {
      throw new AppError('VALIDATION_FAILED', check.message, [{ path: 'body.primaryColor', message: check.message }]);
    }
  }
  await db.collectivite.update({
    where: { id: principal.collectiviteId },
    data: { name: request.name, primaryColor: request.primaryColor },
  });
  return readLook(db, principal);
}

/** Whether the bytes are what the declared type says (the first bytes of each format). */
function looksLike(contentType: UploadLogoRequest['contentType'], data: Buffer): boolean {
  switch (contentType) {
    case 'image/png':
      return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    case 'image/webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
  }
}

export async function uploadLogo(db: Db, principal: Principal, request: UploadLogoRequest): Promise<CollectiviteLook> {
  authorize(principal, 'collectivite.administerLook', { collectiviteId: principal.collectiviteId });
  const data = Buffer.from(request.data, 'base64');
  if (data.length > MAX_LOGO_BYTES) {
    throw new AppError('VALIDATION_FAILED', 'Le logo dépasse 256 Ko : choisissez une image plus légère.', [
      { path: 'body.data', message: 'Le logo dépasse 256 Ko.' },
    ]);
  }
  if (!looksLike(request.contentType, data)) {
    throw new AppError('VALIDATION_FAILED', 'Ce fichier n’est pas une image PNG, JPEG ou WebP lisible.', [
      { path: 'body.data', message: 'Le contenu ne correspond pas au type d’image annoncé.' },
    ]);
  }
  const bytes = new Uint8Array(data);
  await db.collectiviteLogo.upsert({
    where: { collectiviteId: principal.collectiviteId },
    create: { collectiviteId: principal.collectiviteId, contentType: request.contentType, data: bytes },
    update: { contentType: request.contentType, data: bytes },
  });
  return readLook(db, principal);
}

export async function deleteLogo(db: Db, principal: Principal): Promise<void> {
  authorize(principal, 'collectivite.administerLook', { collectiviteId: principal.collectiviteId });
  await db.collectiviteLogo.deleteMany({ where: { collectiviteId: principal.collectiviteId } });
}

// Launcher links -------------------------------------------------------------------------------

const LINK_FIELDS = { id: true, label: true, url: true, description: true, allowedGroups: true, position: true };

export async function listAdminAppLinks(db: Db, principal: Principal): Promise<AdminAppLink[]> {
  authorize(principal, 'collectivite.administerAppLinks', { collectiviteId: principal.collectiviteId });
  return db.appLink.findMany({
    where: { collectiviteId: principal.collectiviteId },
    orderBy: [{ position: 'asc' }, { label: 'asc' }],
    select: LINK_FIELDS,
  });
}

export const MAX_APP_LINKS = 100;

export async function createAppLink(db: Db, principal: Principal, input: AppLinkInput): Promise<AdminAppLink> {
  authorize(principal, 'collectivite.administerAppLinks', { collectiviteId: principal.collectiviteId });
  return db.$transaction(async (tx) => {
    const count = await tx.appLink.count({ where: { collectiviteId: principal.collectiviteId } });
    if (count >= MAX_APP_LINKS) {
      throw new AppError('VALIDATION_FAILED', `Le lanceur compte déjà ${MAX_APP_LINKS} liens : retirez-en un d’abord.`);
    }
    const last = await tx.appLink.aggregate({
      where: { collectiviteId: principal.collectiviteId },
      _max: { position: true },
    });
    return tx.appLink.create({
      data: { ...input, collectiviteId: principal.collectiviteId, position: (last._max.position ?? -1) + 1 },
      select: LINK_FIELDS,
    });
  });
}

/** The link, if the principal may manage it; another collectivité's link answers like a missing one. */
async function manageableLink(db: Db, principal: Principal, linkId: string) {
  const link = await db.appLink.findUnique({
    where: { id: linkId },
    select: { collectiviteId: true, allowedGroups: true },
  });
  if (!link) throw new AppError('NOT_FOUND', 'Lien introuvable.');
  authorize(principal, 'appLink.manage', { collectiviteId: link.collectiviteId, audience: link.allowedGroups });
}

export async function updateAppLink(
  db: Db,
  principal: Principal,
  linkId: string,
  input: AppLinkInput,
): Promise<AdminAppLink> {
  await manageableLink(db, principal, linkId);
  return db.appLink.update({ where: { id: linkId }, data: input, select: LINK_FIELDS });
}

export async function deleteAppLink(db: Db, principal: Principal, linkId: string): Promise<void> {
  await manageableLink(db, principal, linkId);
  await db.appLink.deleteMany({ where: { id: linkId, collectiviteId: principal.collectiviteId } });
}

/** Every link of the collectivité, named once each in the new order (a stale list is refused). */
export async function orderAppLinks(db: Db, principal: Principal, ids: readonly string[]): Promise<AdminAppLink[]> {
  authorize(principal, 'collectivite.administerAppLinks', { collectiviteId: principal.collectiviteId });
  await db.$transaction(async (tx) => {
    const links = await tx.appLink.findMany({
      where: { collectiviteId: principal.collectiviteId },
      select: { id: true },
    });
    const known = new Set(links.map((link) => link.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError(
        'VALIDATION_FAILED',
        'La liste des liens a changé entre-temps : rechargez la page et recommencez.',
        [{ path: 'body.ids', message: 'Chaque lien de la collectivité doit figurer une fois.' }],
      );
    }
    for (const [position, id] of ids.entries()) {
      await tx.appLink.update({ where: { id }, data: { position } });
    }
  });
  return listAdminAppLinks(db, principal);
}

// The installation ----------------------------------------------------------------------------

export async function readInstallation(
  db: Db,
  providers: readonly ProviderSettings[],
  principal: Principal,
): Promise<InstallationView> {
  authorize(principal, 'installation.read', { installation: true });
  const collectivites = await db.collectivite.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      slug: true,
      name: true,
      connectors: { select: { id: true, label: true, kind: true, enabled: true }, orderBy: { label: 'asc' } },
      appLinks: {
        select: { id: true, label: true, url: true, allowedGroups: true },
        orderBy: [{ position: 'asc' }, { label: 'asc' }],
      },
    },
  });
  return {
    providers: providers.map((provider) => ({
      id: provider.id,
      name: provider.label,
      type: provider.proconnect ? 'proconnect' : 'oidc',
    })),
    collectivites: collectivites.map((collectivite) => ({
      ...collectivite,
      providerIds: providers
        .filter((provider) => !provider.collectivites || provider.collectivites.includes(collectivite.slug))
        .map((provider) => provider.id),
    })),
  };
}
