import { startVisioRequestSchema, type StartVisioRequest } from '@pleiade/contracts';
import { i18n } from '../i18n';

/** What a room name must be, in the interface's language. */
export const roomNameError = (): string => i18n.t('widgets:visio.roomNameError');

/** The « Démarrer une visio » request, checked with the contract's rule; an empty name lets the BFF pick one. */
export function visioRequest(
  roomName: string,
): { ok: true; request: StartVisioRequest } | { ok: false; error: string } {
  const trimmed = roomName.trim();
  const parsed = startVisioRequestSchema.safeParse(trimmed === '' ? {} : { roomName: trimmed });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: roomNameError() };
}

/** What a blank tab opened at click time needs: a way to be sent somewhere, or closed. */
export interface PendingTab {
  closed: boolean;
  close(): void;
  location: { href: string };
}

/**
 * Sends the tab opened at click time (popup blockers allow only those) to the meeting, once the
 * BFF has answered. Returns false when there is no tab to send (blocked, or closed meanwhile):
 * the widget then shows the link instead.
 */
export function sendTabTo(tab: PendingTab | null, url: string): boolean {
  if (tab === null || tab.closed) return false;
  tab.location.href = url;
  return true;
}
