import {
  adminAnnouncementListSchema,
  adminAnnouncementSchema,
  myAnnouncementsSchema,
  type AdminAnnouncement,
  type AnnouncementInput,
  type MyAnnouncements,
} from '@pleiade/contracts';
import { noContent, request } from './client';

/** Announcements: what reaches the person (/api/announcements) and their administration. */
const ADMIN = '/api/admin/announcements';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const announcementsQueryKey = ['announcements'] as const;
export const adminAnnouncementsQueryKey = ['admin', 'announcements'] as const;

export function fetchMyAnnouncements(signal?: AbortSignal): Promise<MyAnnouncements> {
  return request('GET', '/api/announcements', myAnnouncementsSchema, withSignal(signal));
}

export function dismissBanner(announcementId: string): Promise<void> {
  return request('POST', `/api/announcements/${encodeURIComponent(announcementId)}/dismiss`, noContent, { body: {} });
}

export async function fetchAdminAnnouncements(signal?: AbortSignal): Promise<AdminAnnouncement[]> {
  return (await request('GET', ADMIN, adminAnnouncementListSchema, withSignal(signal))).announcements;
}

export function createAnnouncement(body: AnnouncementInput): Promise<AdminAnnouncement> {
  return request('POST', ADMIN, adminAnnouncementSchema, { body });
}

export function updateAnnouncement(id: string, body: AnnouncementInput): Promise<AdminAnnouncement> {
  return request('PUT', `${ADMIN}/${encodeURIComponent(id)}`, adminAnnouncementSchema, { body });
}

export function deleteAnnouncement(id: string): Promise<void> {
  return request('DELETE', `${ADMIN}/${encodeURIComponent(id)}`, noContent);
}
