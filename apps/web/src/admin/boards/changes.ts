import { BREAKPOINT_NAMES, isWidgetKind, type BoardChange, type Breakpoint } from '@pleiade/contracts';
import { i18n } from '../../i18n';
import { widgetKindTitle } from '../../i18n/kinds';

/** A kind's title; « Widget indisponible » for one this version does not know. */
export function changeWidgetTitle(kind: string | null): string {
  return kind !== null && isWidgetKind(kind) ? widgetKindTitle(kind) : i18n.t('adminBoards:changes.unavailableWidget');
}

const place = (item: { x: number; y: number }): string =>
  i18n.t('adminBoards:changes.place', { column: item.x + 1, row: item.y + 1 });

const groups = (list: readonly string[]): string => list.join(', ');

/** « sur tablette »: the screen size a move or resize was made on; nothing for the widest. */
function screen(breakpoint: string): string {
  if (!(BREAKPOINT_NAMES as readonly string[]).includes(breakpoint) || breakpoint === 'lg') return '';
  return i18n.t(`adminBoards:changes.screen.${breakpoint as Exclude<Breakpoint, 'lg'>}`);
}

/**
 * One change of a board, in the interface's language (describeChange of the contracts, in French,
 * for the history and the diff before publishing). `titleOf` names a widget (« Notes 2 » when there
 * are several); by default, its kind's title.
 */
export function changeText(
  change: BoardChange,
  titleOf: (widgetId: string, kind: string | null) => string = (_id, kind) => changeWidgetTitle(kind),
): string {
  const t = i18n.t.bind(i18n);
  const title =
    'widgetId' in change ? t('adminBoards:changes.title', { title: titleOf(change.widgetId, change.kind) }) : '';
  switch (change.type) {
    case 'widget-added': {
      const settings = [
        ...(change.locked ? [t('adminBoards:changes.addedLocked')] : []),
        ...(change.audience.length > 0
          ? [t('adminBoards:changes.addedRestricted', { groups: groups(change.audience) })]
          : []),
      ];
      return settings.length === 0
        ? t('adminBoards:changes.added', { title, place: place(change.position) })
        : t('adminBoards:changes.addedWith', {
            title,
            place: place(change.position),
            settings: settings.join(t('adminBoards:changes.settingsSeparator')),
          });
    }
    case 'widget-removed':
      return t('adminBoards:changes.removed', { title });
    case 'widget-moved':
      return t('adminBoards:changes.moved', {
        title,
        screen: screen(change.breakpoint),
        from: place(change.from),
        to: place(change.to),
      });
    case 'widget-resized':
      return t('adminBoards:changes.resized', {
        title,
        screen: screen(change.breakpoint),
        width: t('adminBoards:grid.width', { count: change.to.w }),
        height: t('adminBoards:grid.height', { count: change.to.h }),
        fromWidth: change.from.w,
        fromHeight: change.from.h,
      });
    case 'widget-configured':
      return t('adminBoards:changes.configured', { title });
    case 'widget-locked':
      return t('adminBoards:changes.locked', { title });
    case 'widget-unlocked':
      return t('adminBoards:changes.unlocked', { title });
    case 'widget-audience':
      return change.to.length === 0
        ? t('adminBoards:changes.visibleToAll', { title })
        : t('adminBoards:changes.restricted', { title, groups: groups(change.to) });
    case 'renamed':
      return t('adminBoards:changes.renamed', { from: change.from, to: change.to });
    case 'audience':
      if (change.to.length === 0) return t('adminBoards:changes.audienceRemoved');
      return change.from.length > 0
        ? t('adminBoards:changes.audienceWas', { groups: groups(change.to), before: groups(change.from) })
        : t('adminBoards:changes.audience', { groups: groups(change.to) });
    case 'priority':
      return t('adminBoards:changes.priority', { to: change.to, from: change.from });
  }
}
