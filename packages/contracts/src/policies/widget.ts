import { editBoard, readBoard } from './board.js';
import { administratorGrant } from './collectivite.js';
import { deny, every, type Decision } from './decision.js';
import type { WidgetResource } from './resources.js';
import { administers, inAudience, type Subject } from './subject.js';

/**
 * widget.read — the widget and its data: on a board the subject reads, and in the widget's audience.
 * The administrators who prepare a template or published board see all of its widgets.
 */
export function readWidget(subject: Subject, widget: WidgetResource): Decision {
  const board = readBoard(subject, widget.board);
  if (!board.allowed) return board;
  if (widget.board.kind !== 'personal' && administers(subject, widget.board.collectiviteId)) {
    return { allowed: true, reason: administratorGrant(subject) };
  }
  return inAudience(subject, widget.audience) ? board : deny('not_in_audience');
}

/** widget.configure — its options: whoever reads it and may edit its board (locked or not). */
export function configureWidget(subject: Subject, widget: WidgetResource): Decision {
  return every(readWidget(subject, widget), editBoard(subject, widget.board));
}

/**
 * widget.move, widget.remove — whoever may configure it, unless a template locked it on this
 * person's copy (it is unlocked on the template itself, by its administrators).
 */
export function arrangeWidget(subject: Subject, widget: WidgetResource): Decision {
  const configure = configureWidget(subject, widget);
  if (!configure.allowed) return configure;
  return widget.locked && widget.board.kind === 'personal' ? deny('locked') : configure;
}
