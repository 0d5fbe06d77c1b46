/**
 * One status line for the whole window: confirmations are announced politely, errors assertively
 * (role="alert"), and every error keeps the message the service wrote for a person.
 */
import { useCallback, useMemo, useState } from 'react';

export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
  /** Increments so that the same message twice is announced twice. */
  seq: number;
}

export interface Status {
  message: StatusMessage | null;
  info(text: string): void;
  error(error: unknown): void;
}

export function useStatus(): Status {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const post = useCallback((kind: StatusMessage['kind'], text: string) => {
    setMessage((m) => ({ kind, text, seq: (m?.seq ?? 0) + 1 }));
  }, []);
  const info = useCallback((text: string) => post('info', text), [post]);
  const error = useCallback(
    (e: unknown) => post('error', e instanceof Error ? e.message : String(e)),
    [post],
  );
  return useMemo(() => ({ message, info, error }), [message, info, error]);
}

export function StatusLine({ status }: { status: Status }) {
  const m = status.message;
  return (
    <footer className="statusbar">
      <span role="status" aria-live="polite" className="status-info">
        {m?.kind === 'info' ? m.text : ''}
      </span>
      <span role="alert" className="status-error">
        {m?.kind === 'error' ? m.text : ''}
      </span>
    </footer>
  );
}
