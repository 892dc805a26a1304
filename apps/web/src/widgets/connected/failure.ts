import type { ConnectorAuthMode, WidgetFailureStatus } from '@pleiade/contracts';
import { currentLanguage, i18n } from '../../i18n';

/**
 * Why a widget has no data, as the person reads it. The BFF writes its message in French, for the
 * status and sometimes more precisely (the application's own words): in French it is shown as
 * sent; in another language the status's own text is shown instead (by the connector's way of
 * signing in when the application refused the credential).
 */
export function failureText(
  status: WidgetFailureStatus,
  message: string,
  authMode?: ConnectorAuthMode | undefined,
): string {
  if (currentLanguage() === 'fr') return message;
  if (status === 'credentials_refused' && authMode !== undefined)
    return i18n.t(`widgets:failure.refusedBy.${authMode}`);
  return i18n.t(`widgets:failure.${status}`);
}
