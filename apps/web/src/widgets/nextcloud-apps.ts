import { nextcloudAppLabel } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { fr } from '../i18n/locales/fr';

type KnownApp = keyof typeof fr.widgets.nextcloudApps;

const isKnownApp = (appId: string): appId is KnownApp => Object.hasOwn(fr.widgets.nextcloudApps, appId);

/**
 * The name of the Nextcloud app behind a notification (`files_sharing`, `spreed`…) in the
 * interface's language: the contracts' words in French (i18n.test.ts keeps them equal), and for an
 * id not known here, the contracts' answer (« Nextcloud », never the id).
 */
export function nextcloudAppName(appId: string): string {
  return isKnownApp(appId) ? i18n.t(`widgets:nextcloudApps.${appId}`) : nextcloudAppLabel(appId);
}
