import { isWidgetKind, type BoardChange } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';

/** Screen sizes named in a change; the widest (lg) goes unsaid. */
const NAMED_SCREENS = ['md', 'sm', 'xs'] as const;

/** The texts of `sharedBoards:changes`, in the interface's language at the time of the call. */
const t = i18n.getFixedT(null, 'sharedBoards', 'changes');

function screen(breakpoint: string): string {
  const named = NAMED_SCREENS.find((size) => size === breakpoint);
  return named ? t(`screen.${named}`) : '';
}

function place(item: { x: number; y: number }): string {
  return t('place', { column: item.x + 1, row: item.y + 1 });
}

const groups = (list: readonly string[]): string => list.join(', ');

/** A widget's kind as people read it; « Widget indisponible » for one this version does not know. */
export function changedWidgetTitle(kind: string | null): string {
  return kind !== null && isWidgetKind(kind) ? widgetKindTitle(kind) : t('unknownWidget');
}

/**
 * One change of a board in the interface's language (in French, word for word what `describeChange`
 * of the contracts says). `titleOf` names a widget (« Notes 2 » when there are several).
 */
export function changeText(
  change: BoardChange,
  titleOf: (widgetId: string, kind: string | null) => string = (_id, kind) => changedWidgetTitle(kind),
): string {
  const title = 'widgetId' in change ? t('title', { title: titleOf(change.widgetId, change.kind) }) : '';
  switch (change.type) {
    case 'widget-added': {
      const settings = [
        ...(change.locked ? [t('locked')] : []),
        ...(change.audience.length > 0 ? [t('restricted', { groups: groups(change.audience) })] : []),
      ];
      const at = place(change.position);
      return settings.length > 0
        ? t('addedWith', { title, place: at, settings: settings.join(t('settingsSeparator')) })
        : t('added', { title, place: at });
    }
    case 'widget-removed':
      return t('removed', { title });
    case 'widget-moved':
      return t('moved', { title, screen: screen(change.breakpoint), from: place(change.from), to: place(change.to) });
    case 'widget-resized':
      return t('resized', {
        title,
        screen: screen(change.breakpoint),
        width: change.to.w,
        height: change.to.h,
        fromWidth: change.from.w,
        fromHeight: change.from.h,
      });
    case 'widget-configured':
      return t('configured', { title });
    case 'widget-locked':
      return t('widgetLocked', { title });
    case 'widget-unlocked':
      return t('widgetUnlocked', { title });
    case 'widget-audience':
      return change.to.length === 0
        ? t('widgetForEveryone', { title })
        : t('widgetRestricted', { title, groups: groups(change.to) });
    case 'renamed':
      return t('renamed', { from: change.from, to: change.to });
    case 'audience':
      if (change.to.length === 0) return t('audienceRemoved');
      return change.from.length > 0
        ? t('audienceFrom', { groups: groups(change.to), previous: groups(change.from) })
        : t('audience', { groups: groups(change.to) });
    case 'priority':
      return t('priority', { to: change.to, from: change.from });
  }
}
