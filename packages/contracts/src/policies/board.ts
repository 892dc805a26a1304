import { administratorGrant, createBoard } from './collectivite.js';
import { allow, deny, every, type Decision } from './decision.js';
import type { BoardResource } from './resources.js';
import { administers, belongsTo, inAudience, type Subject } from './subject.js';

/**
 * board.read — a personal board: its owner only (nobody else, administrators included, learns it
 * exists). A template or published board: its audience and the collectivité's administrators.
 */
export function readBoard(subject: Subject, board: BoardResource): Decision {
  if (!belongsTo(subject, board.collectiviteId)) return deny('other_collectivite');
  if (board.kind === 'personal') return board.ownerId === subject.userId ? allow('owner') : deny('not_owner');
  if (administers(subject, board.collectiviteId)) return allow(administratorGrant(subject));
  return inAudience(subject, board.audience) ? allow('audience') : deny('not_in_audience');
}

/**
 * board.edit — its widgets, their layout and options, its name. A personal board: its owner, except
 * élus (their boards are read-only). A template or published board: the collectivité's
 * administrators; its audience reads it only.
 */
export function editBoard(subject: Subject, board: BoardResource): Decision {
  const read = readBoard(subject, board);
  if (!read.allowed) return read;
  if (board.kind === 'personal') return subject.role === 'elu' ? deny('read_only') : allow('owner');
  return administers(subject, board.collectiviteId) ? allow(administratorGrant(subject)) : deny('read_only');
}

/** board.delete — whoever may edit it. */
export function deleteBoard(subject: Subject, board: BoardResource): Decision {
  return editBoard(subject, board);
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
