/**
 * How mouse selections become spans on the annotate screen: the sticky (active) label, which
 * tags every mouse selection at once, and whether selections snap to whole words.
 *
 * The sticky label lives as long as the annotate screen (it survives switching documents: a
 * coder often runs one label through many articles). Snapping is a habit of the person, so it
 * is remembered on this machine (localStorage), not in the shared project.
 */
import { useCallback, useMemo, useState } from 'react';

export interface CodingPreferences {
  readonly stickyLabel: string | null;
  setStickyLabel(label: string | null): void;
  readonly snapToWords: boolean;
  setSnapToWords(snap: boolean): void;
}

const SNAP_KEY = 'workbench.snapToWords';

function readSnap(): boolean {
  try {
    return localStorage.getItem(SNAP_KEY) !== 'off';
  } catch {
    return true; // storage refused (privacy settings): snapping stays on
  }
}

export function useCodingPreferences(): CodingPreferences {
  const [stickyLabel, setStickyLabel] = useState<string | null>(null);
  const [snapToWords, setSnap] = useState(readSnap);
  const setSnapToWords = useCallback((snap: boolean) => {
    setSnap(snap);
    try {
      localStorage.setItem(SNAP_KEY, snap ? 'on' : 'off');
    } catch {
      // Not remembered, but still in effect for this window.
    }
  }, []);
  return useMemo(
    () => ({ stickyLabel, setStickyLabel, snapToWords, setSnapToWords }),
    [stickyLabel, snapToWords, setSnapToWords],
  );
}
