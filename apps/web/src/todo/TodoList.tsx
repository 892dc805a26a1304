import '../widgets/widgets.css';
import type { ActionItem, ActionPriority } from '@pleiade/contracts';
import { useTranslation } from 'react-i18next';
import { ExternalLink } from '../widgets/connected/ExternalLink';
import { i18n } from '../i18n';
import { formatClock, formatMoment } from '../widgets/time';
import { dayOffset, formatDueDay } from './format';

/** Words, not only a colour: the badge says it. */
export function priorityLabel(priority: ActionPriority): string | null {
  return priority === 'normal' ? null : i18n.t(`todo:list.priority.${priority}`);
}

/** « À traiter pour demain, 09:00 », « En retard depuis le Lundi 1 décembre, 17:00 ». */
export function dueLabel(dueAt: string, now: Date): string {
  const due = new Date(dueAt);
  const time = formatClock(due);
  const offset = dayOffset(due, now);
  if (due.getTime() < now.getTime()) {
    return offset === 0
      ? i18n.t('todo:list.late.today', { time })
      : i18n.t('todo:list.late.day', { day: formatDueDay(due), time });
  }
  if (offset === 0) return i18n.t('todo:list.due.today', { time });
  if (offset === 1) return i18n.t('todo:list.due.tomorrow', { time });
  return i18n.t('todo:list.due.day', { day: formatDueDay(due), time });
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
  const { t } = useTranslation('todo');
  return (
    <ul className={compact ? 'cw-list todo-list todo-list-compact' : 'cw-list todo-list'} aria-label={label}>
      {items.map((item) => {
        const priority = priorityLabel(item.priority);
        return (
          <li key={item.id} className={`cw-item todo-item todo-item-${item.priority}`}>
            <span className="todo-item-head">
              <ExternalLink href={item.url} className="cw-link cw-item-title">
                {item.title}
              </ExternalLink>
              {fresh.has(item.id) && <span className="cw-badge todo-badge-new">{t('list.new')}</span>}
            </span>
            <span className="cw-meta">
              <span className="cw-badge todo-source">{labels.get(item.connectorId) ?? t('list.application')}</span>
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
