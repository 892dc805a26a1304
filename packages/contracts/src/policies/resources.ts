/**
 * What the policies decide about: plain descriptions of stored things, built by the BFF from its rows
 * (and by the SPA from API answers), never database rows themselves.
 */

/**
 * A board belongs to a person (`personal`), or to the collectivité: a `template` its administrators
 * prepare for groups (people get a personal copy) or a `published` board, read-only for its audience.
 */
export const BOARD_KINDS = ['personal', 'template', 'published'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export interface BoardResource {
  collectiviteId: string;
  kind: BoardKind;
  /** The person a personal board belongs to; null for templates and published boards. */
  ownerId: string | null;
  /** Groups a template or published board is for (empty: every member); not used for personal boards. */
  audience: readonly string[];
}

export interface WidgetResource {
  board: BoardResource;
  /** Set by a template: on a person's copy it cannot be moved or removed. */
  locked: boolean;
  /** Groups that may see it (empty: everyone who sees the board); the server filters the others out. */
  audience: readonly string[];
}

/** A collectivité as a whole: what is created in it or administered for all of it. */
export interface CollectiviteResource {
  collectiviteId: string;
}

export interface ConnectorResource {
  collectiviteId: string;
}

export interface AppLinkResource {
  collectiviteId: string;
  /** Groups allowed to see the link (empty: every member). */
  audience: readonly string[];
}

/** The installation as a whole (every collectivité): its operator's view. */
export interface InstallationResource {
  installation: true;
}

export interface AnnouncementResource {
  collectiviteId: string;
  /** Groups it is for (empty: every member). */
  audience: readonly string[];
}

/** An indicator the collectivité follows (its definition, value and history). */
export interface IndicatorResource {
  collectiviteId: string;
}
