import '../widgets/widgets.css';
import type { ActionItem, ActionPriority } from '@pleiade/contracts';
import { ExternalLink } from '../widgets/connected/ExternalLink';
import { formatDayHeading, formatMoment, formatClock } from '../widgets/time';

/** Words, not only a colour: the badge says it. */
export const PRIORITY_LABELS: Record<ActionPriority, string | null> = {
  urgent: 'Urgent',
  high: 'Échéance',
  normal: null,
};

function dueLabel(dueAt: string, now: Date): string {
  const due = new Date(dueAt);
  const day = formatDayHeading(due, now);
  const late = due.getTime() < now.getTime();
  return `${late ? 'En retard depuis' : 'À traiter pour'} ${day === 'Aujourd’hui' || day === 'Demain' ? day.toLocaleLowerCase('fr-FR') : `le ${day}`}, ${formatClock(due)}`;
}

interface TodoListProps {
  items: readonly ActionItem[];
  /** The source's name, by connector. */
  labels: ReadonlyMap<string, string>;
  /** Items that appeared since the previous reading. */
  fresh: ReadonlySet<string>;
  now: Date;
  label: string;
  compact?: boolean;
}

/** Items in urgency order: title (a link into the application), what to do, where, when. */
export function TodoList({ items, labels, fresh, now, label, compact = false }: TodoListProps) {
  return (
    <ul className={compact ? 'cw-list todo-list todo-list-compact' : 'cw-list todo-list'} aria-label={label}>
      {items.map((item) => {
        const priority = PRIORITY_LABELS[item.priority];
        return (
          <li key={item.id} className={`cw-item todo-item todo-item-${item.priority}`}>
            <span className="todo-item-head">
              <ExternalLink href={item.url} className="cw-link cw-item-title">
                {item.title}
              </ExternalLink>
              {fresh.has(item.id) && <span className="cw-badge todo-badge-new">Nouveau</span>}
            </span>
            <span className="cw-meta">
              <span className="cw-badge todo-source">{labels.get(item.connectorId) ?? 'Application'}</span>
              {priority && item.priority === 'urgent' && <span className="cw-badge cw-badge-strong">{priority}</span>}
              <span>{item.status}</span>
              {!compact && item.context && <span className="todo-context">{item.context}</span>}
              {item.dueAt ? (
                <time dateTime={item.dueAt}>{dueLabel(item.dueAt, now)}</time>
              ) : (
                item.updatedAt && <time dateTime={item.updatedAt}>{formatMoment(new Date(item.updatedAt), now)}</time>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
