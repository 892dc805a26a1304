import { readAnnouncement } from './announcement.js';
import { manageAppLink, readAppLink } from './app-link.js';
import { administerBoard, chooseHomeBoard, copyBoard, deleteBoard, editBoard, openKiosk, readBoard } from './board.js';
import { administerCollectivite, createBoard, readCollectivite } from './collectivite.js';
import { readInstallation } from './installation.js';
import { allowConnectorPrivateNetworks, manageConnector } from './connector.js';
import { readIndicator } from './indicator.js';
import { DENIALS, type Decision, type Denial } from './decision.js';
import type {
  AnnouncementResource,
  AppLinkResource,
  BoardResource,
  CollectiviteResource,
  ConnectorResource,
  InstallationResource,
  IndicatorResource,
  WidgetResource,
} from './resources.js';
import { administers, type Subject } from './subject.js';
import { arrangeWidget, configureWidget, readWidget } from './widget.js';

export * from './decision.js';
export * from './resources.js';
export * from './subject.js';

/**
 * Who may do what, in one place: every action with the resource it applies to. The BFF enforces
 * these decisions; the SPA uses them only to hide what a person cannot do.
 */
export interface PolicyResources {
  'board.read': BoardResource;
  'board.edit': BoardResource;
  'board.delete': BoardResource;
  'board.copy': BoardResource;
  /** A template or published board: versions, audience, locks, history, restore, export. */
  'board.administer': BoardResource;
  'board.openKiosk': BoardResource;
  /** Open on this board when none is named (the person's home board). */
  'board.chooseHome': BoardResource;
  'widget.read': WidgetResource;
  'widget.configure': WidgetResource;
  'widget.move': WidgetResource;
  'widget.remove': WidgetResource;
  'collectivite.createBoard': CollectiviteResource;
  /** Open the administration at all (any of the three below). */
  'collectivite.administer': CollectiviteResource;
  'collectivite.administerConnectors': CollectiviteResource;
  /** Templates, published boards, their audiences and locked widgets. */
  'collectivite.administerBoards': CollectiviteResource;
  'collectivite.readAuditLog': CollectiviteResource;
  /** Its name, logo and colour as every member's screen shows them. */
  'collectivite.readLook': CollectiviteResource;
  /** Change its name, logo and colour. */
  'collectivite.administerLook': CollectiviteResource;
  /** List and add launcher links, change their order. */
  'collectivite.administerAppLinks': CollectiviteResource;
  'connector.manage': ConnectorResource;
  'connector.allowPrivateNetworks': ConnectorResource;
  'appLink.read': AppLinkResource;
  /** Edit or remove one launcher link. */
  'appLink.manage': AppLinkResource;
  /** The installation-wide view of every collectivité, its providers, connectors and links. */
  'installation.read': InstallationResource;
  /** Banners and announcements: create, change, delete, list with their audiences. */
  'collectivite.administerAnnouncements': CollectiviteResource;
  'announcement.read': AnnouncementResource;
  /** Indicators: their definitions, sources, periods and thresholds. */
  'collectivite.administerIndicators': CollectiviteResource;
  'indicator.read': IndicatorResource;
}
export type PolicyAction = keyof PolicyResources;

type Rule<A extends PolicyAction> = (subject: Subject, resource: PolicyResources[A]) => Decision;

/** Exhaustive: an action without a rule does not compile. */
const POLICIES: { [A in PolicyAction]: Rule<A> } = {
  'board.read': readBoard,
  'board.edit': editBoard,
  'board.delete': deleteBoard,
  'board.copy': copyBoard,
  'board.administer': administerBoard,
  'board.openKiosk': openKiosk,
  'board.chooseHome': chooseHomeBoard,
  'widget.read': readWidget,
  'widget.configure': configureWidget,
  'widget.move': arrangeWidget,
  'widget.remove': arrangeWidget,
  'collectivite.createBoard': createBoard,
  'collectivite.administer': administerCollectivite,
  'collectivite.administerConnectors': administerCollectivite,
  'collectivite.administerBoards': administerCollectivite,
  'collectivite.readAuditLog': administerCollectivite,
  'collectivite.readLook': readCollectivite,
  'collectivite.administerLook': administerCollectivite,
  'collectivite.administerAppLinks': administerCollectivite,
  'connector.manage': manageConnector,
  'connector.allowPrivateNetworks': allowConnectorPrivateNetworks,
  'appLink.read': readAppLink,
  'appLink.manage': manageAppLink,
  'installation.read': readInstallation,
  'collectivite.administerAnnouncements': administerCollectivite,
  'announcement.read': readAnnouncement,
  'collectivite.administerIndicators': administerCollectivite,
  'indicator.read': readIndicator,
};

export const POLICY_ACTIONS = Object.keys(POLICIES) as PolicyAction[];

/** May `subject` do `action` on `resource`, and why (not). */
export function decide<A extends PolicyAction>(subject: Subject, action: A, resource: PolicyResources[A]): Decision {
  const rule: Rule<A> = POLICIES[action];
  return rule(subject, resource);
}

export function can<A extends PolicyAction>(subject: Subject, action: A, resource: PolicyResources[A]): boolean {
  return decide(subject, action, resource).allowed;
}

/** A refusal that must look like a missing resource (404), not a forbidden one (403). */
export function isConcealed(reason: Denial): boolean {
  return DENIALS[reason].conceal;
}

/**
 * The boards `board.read` allows, as a filter a database applies (listing boards, finding a widget
 * by id): in the subject's collectivité, their own personal boards, and the templates and published
 * boards of the collectivité — all of them for its administrators, else those whose audience names
 * one of the subject's groups (an empty one names nobody). `inBoardReadScope` is the same filter in memory; a
 * test checks it agrees with `board.read` on every kind of board.
 */
export interface BoardReadScope {
  collectiviteId: string;
  ownerId: string;
  shared: { all: true } | { all: false; groups: readonly string[] };
}

export function boardReadScope(subject: Subject): BoardReadScope {
  return {
    collectiviteId: subject.collectiviteId,
    ownerId: subject.userId,
    shared: administers(subject, subject.collectiviteId) ? { all: true } : { all: false, groups: [...subject.groups] },
  };
}

export function inBoardReadScope(scope: BoardReadScope, board: BoardResource): boolean {
  if (board.collectiviteId !== scope.collectiviteId) return false;
  if (board.kind === 'personal') return board.ownerId === scope.ownerId;
  if (scope.shared.all) return true;
  const { groups } = scope.shared;
  return board.audience.some((group) => groups.includes(group));
}
