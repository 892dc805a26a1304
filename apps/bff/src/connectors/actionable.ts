/**
 * One thing a person has to do in an application, in one shape for the « À traiter » view
 * (issue 10): what the dematerialisation connectors' `api.ts` modules return beside their own
 * data. The view adds the source's label and sorts; a widget may show only its source's items.
 */

import type { ConnectorKind } from '@pleiade/contracts';

/** The connector kind the item comes from. */
export type ActionableSource = ConnectorKind;

/**
 * Whom the item concerns, as the upstream tells it. With a per-person credential the upstream
 * already answered for the person (`desk`, `entity`); with a technical account the BFF filtered:
 * `person` (i-delibRE convocations, matched on the upstream login) or `collectivite` (S2low's
 * authority: every member with access to the connector sees it).
 */
export type ActionableConcern =
  | { scope: 'person'; login: string }
  | { scope: 'desk'; deskId: string; deskName: string }
  | { scope: 'entity'; entityId: string; entityName: string }
  | { scope: 'collectivite' };

export interface ActionableItem {
  source: ActionableSource;
  /** Stable within its source and connector: the upstream's id, prefixed by its kind. */
  id: string;
  /** The object as the upstream names it (clipped, plain text: the SPA escapes it). */
  title: string;
  /** Where it sits: desk, sitting, entity, act number (French, plain text). */
  context: string;
  /** What to do or what went wrong, in French. */
  status: string;
  /** Due date (ISO 8601 UTC) when the upstream gives one. */
  dueAt: string | null;
  /** Last change (ISO 8601 UTC) when known. */
  updatedAt: string | null;
  /** Past its due date, due within two days, or in error. */
  urgent: boolean;
  /** Deep link into the application; http(s) only, under the application's address. */
  url: string | undefined;
  concerns: ActionableConcern;
}

/** Offset of Europe/Paris from UTC (ms) at an instant. */
function parisOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

/**
 * `YYYY-MM-DD HH:MM:SS` (or a date alone) written in Paris wall-clock time, as PHP applications of
 * French servers give dates (Pastell, S2low), to an ISO instant; undefined when it is not one.
 */
export function parisWallClockToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(asUtc);
  if (Number.isNaN(asUtc) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1)
    return undefined;
  // Two passes: the offset at the guessed instant, then at the corrected one (DST changes).
  const first = asUtc - parisOffsetMs(asUtc);
  return new Date(asUtc - parisOffsetMs(first)).toISOString();
}

/** An instant as Paris wall-clock `YYYY-MM-DD HH:MM:SS` (what those applications compare with). */
export function isoToParisWallClock(date: Date): string {
  const local = new Date(date.getTime() + parisOffsetMs(date.getTime()));
  return local.toISOString().slice(0, 19).replace('T', ' ');
}
