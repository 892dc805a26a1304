import 'i18next';
import type { fr } from './locales/fr';

// Keys are typed from the French texts: `t('board:missing')` does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof fr;
  }
}
