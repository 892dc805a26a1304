import { useEffect } from 'react';
import { checkPrimaryColour } from '@pleiade/contracts';

/** The custom properties a primary colour sets (styles.css reads them), so that a new colour needs no rebuild. */
export function themeProperties(primaryColor: string | null): Record<string, string> {
  // A colour the server accepted passes this check; one that does not (an older row) is ignored.
  if (!primaryColor || !checkPrimaryColour(primaryColor).ok) return {};
  return {
    '--color-accent': primaryColor,
    '--color-focus': primaryColor,
    '--color-accent-hover': `color-mix(in srgb, ${primaryColor} 80%, black)`,
    // Light enough for the accent colour to keep its AA contrast on it (checked against #f3f4f6).
    '--color-accent-soft': `color-mix(in srgb, ${primaryColor} 4%, white)`,
  };
}

/** Applies the collectivité's colour to the whole page while mounted. */
export function useTheme(primaryColor: string | null | undefined): void {
  useEffect(() => {
    const properties = themeProperties(primaryColor ?? null);
    const root = document.documentElement.style;
    for (const [name, value] of Object.entries(properties)) root.setProperty(name, value);
    return () => {
      for (const name of Object.keys(properties)) root.removeProperty(name);
    };
  }, [primaryColor]);
}
