import { administratorGrant, createBoard } from './collectivite.js';
import { allow, deny, every, type Decision } from './decision.js';
import type { BoardResource } from './resources.js';
import { administers, belongsTo, inSharedAudience, type Subject } from './subject.js';

/**
 * board.read — a personal board: its owner only (nobody else, administrators included, learns it
 * exists). A template or published board: its audience and the collectivité's administrators; with
 * no audience yet, the administrators only (a board is never published to everyone by omission).
 */
export function readBoard(subject: Subject, board: BoardResource): Decision {
  if (!belongsTo(subject, board.collectiviteId)) return deny('other_collectivite');
  if (board.kind === 'personal') return board.ownerId === subject.userId ? allow('owner') : deny('not_owner');
  if (administers(subject, board.collectiviteId)) return allow(administratorGrant(subject));
  return inSharedAudience(subject, board.audience) ? allow('audience') : deny('not_in_audience');
}

/**
 * board.edit — the board editor's saves: widgets, their layout and options. A personal board: its
 * owner, except élus (their boards are read-only). A template or published board is read-only
 * there for everyone: its audience only reads it, and its administrators change it in the
 * administration, where every change is a version (board.administer).
 */
export function editBoard(subject: Subject, board: BoardResource): Decision {
  const read = readBoard(subject, board);
  if (!read.allowed) return read;
  if (board.kind === 'personal') return subject.role === 'elu' ? deny('read_only') : allow('owner');
  return administers(subject, board.collectiviteId) ? deny('versioned') : deny('read_only');
}

/**
 * board.administer — a template or published board: publish a version, its audience, locks and
 * restrictions, history, restore, export, delete. The administrators of its collectivité. Nobody
 * administers a person's own board (it does not exist for others).
 */
export function administerBoard(subject: Subject, board: BoardResource): Decision {
  const read = readBoard(subject, board);
  if (!read.allowed) return read;
  if (board.kind === 'personal') return deny('not_owner');
  return administers(subject, board.collectiviteId) ? read : deny('administrators_only');
}

/**
 * board.openKiosk — full screen, no chrome, refreshing itself (a council-chamber screen): a
 * published board, for those who read it, signed in.
 */
export function openKiosk(subject: Subject, board: BoardResource): Decision {
  return every(readBoard(subject, board), board.kind === 'published' ? allow('audience') : deny('not_published'));
}

/**
 * board.delete — a personal board: whoever may edit it; the collectivité's: its administrators
 * (its audience only reads it).
 */
export function deleteBoard(subject: Subject, board: BoardResource): Decision {
  if (board.kind === 'personal') return editBoard(subject, board);
  const administer = administerBoard(subject, board);
  return !administer.allowed && administer.reason === 'administrators_only' ? deny('read_only') : administer;
}

/** board.copy — a personal copy of a template, for someone who reads it and may own boards. */
export function copyBoard(subject: Subject, board: BoardResource): Decision {
  return every(
    readBoard(subject, board),
    board.kind === 'template' ? allow('audience') : deny('not_a_template'),
    createBoard(subject, { collectiviteId: board.collectiviteId }),
  );
}

/**
 * board.chooseHome — the board a person opens on: one they read, their own or one published for
 * them (élus too: choosing where to land changes no board). Not a template: people open their copy.
 */
export function chooseHomeBoard(subject: Subject, board: BoardResource): Decision {
  const read = readBoard(subject, board);
  if (!read.allowed) return read;
  return board.kind === 'template' ? deny('template_not_home') : read;
}
