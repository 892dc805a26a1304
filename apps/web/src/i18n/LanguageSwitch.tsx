import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveLanguage } from '../api/client';
import { queryKeys } from '../api/queries';
import { currentLanguage, setLanguage } from './index';
import { LANGUAGE_NAMES, type Language } from './languages';

/**
 * « English » / « Français »: the other language, named in itself so that someone who does not read
 * the current one finds it. Signed in, the choice is kept for the person (PUT /api/me/language).
 */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation('common');
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  const other: Language = currentLanguage() === 'fr' ? 'en' : 'fr';

  async function choose(): Promise<void> {
    setFailed(false);
    await setLanguage(other, { remember: true });
    if (!signedIn) return;
    try {
      await saveLanguage(other);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    } catch {
      // Shown in the new language: the interface has switched, only keeping it failed.
      setFailed(true);
    }
  }

  return (
    <span className="language-switch">
      <button type="button" className="button button-secondary" lang={other} onClick={() => void choose()}>
        {LANGUAGE_NAMES[other]}
      </button>
      {failed && (
        <span role="alert" className="language-switch-error">
          {t('language.notKept')}
        </span>
      )}
    </span>
  );
}

/** Once the person is known: their own choice wins over the device's or the browser's. */
export function useLanguageOf(chosen: Language | null | undefined): void {
  useEffect(() => {
    if (chosen && chosen !== currentLanguage()) void setLanguage(chosen, { remember: true });
  }, [chosen]);
}
