import { useEffect, useState } from 'react';
import { msUntilNextMinute } from './time';

/** The current time, refreshed at each minute and when the tab becomes visible again. */
export function useNowByMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      const current = new Date();
      setNow(current);
      // Browsers throttle timers in hidden tabs, so each tick aims at the next minute boundary afresh.
      timer = setTimeout(tick, msUntilNextMinute(current) + 50);
    };
    timer = setTimeout(tick, msUntilNextMinute(new Date()) + 50);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        tick();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return now;
}
