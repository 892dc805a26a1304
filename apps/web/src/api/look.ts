import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  adminAppLinkSchema,
  adminAppLinksResponseSchema,
  collectiviteLookSchema,
  installationViewSchema,
  type AdminAppLink,
  type AppLinkInput,
  type CollectiviteLook,
  type InstallationView,
  type UpdateLookRequest,
  type UploadLogoRequest,
} from '@pleiade/contracts';
import { noContent, request } from './client';

/** The collectivité's name, logo and colour (GET /api/look), and their administration. */
export const lookQuery = queryOptions({
  queryKey: ['look'] as const,
  queryFn: ({ signal }) => request('GET', '/api/look', collectiviteLookSchema, { signal }),
  staleTime: 5 * 60_000,
});

export function useLook(enabled = true) {
  return useQuery({ ...lookQuery, enabled });
}

export function updateLook(body: UpdateLookRequest): Promise<CollectiviteLook> {
  return request('PUT', '/api/admin/look', collectiviteLookSchema, { body });
}

export function uploadLogo(body: UploadLogoRequest): Promise<CollectiviteLook> {
  return request('PUT', '/api/admin/look/logo', collectiviteLookSchema, { body });
}

export function deleteLogo(): Promise<void> {
  return request('DELETE', '/api/admin/look/logo', noContent);
}

const LINKS = '/api/admin/app-links';

export const adminAppLinksQuery = queryOptions({
  queryKey: ['admin', 'app-links'] as const,
  queryFn: async ({ signal }) => (await request('GET', LINKS, adminAppLinksResponseSchema, { signal })).links,
});

export function createAppLink(body: AppLinkInput): Promise<AdminAppLink> {
  return request('POST', LINKS, adminAppLinkSchema, { body });
}

export function updateAppLink(linkId: string, body: AppLinkInput): Promise<AdminAppLink> {
  return request('PUT', `${LINKS}/${encodeURIComponent(linkId)}`, adminAppLinkSchema, { body });
}

export function deleteAppLink(linkId: string): Promise<void> {
  return request('DELETE', `${LINKS}/${encodeURIComponent(linkId)}`, noContent);
}

export async function orderAppLinks(ids: string[]): Promise<AdminAppLink[]> {
  return (await request('PUT', `${LINKS}/order`, adminAppLinksResponseSchema, { body: { ids } })).links;
}

export const installationQuery = queryOptions({
  queryKey: ['operator', 'installation'] as const,
  queryFn: ({ signal }): Promise<InstallationView> =>
    request('GET', '/api/operator/installation', installationViewSchema, { signal }),
});
