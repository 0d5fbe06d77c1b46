/**
 * The annotator's actor registry with usage counts, loaded once and reloaded on demand (after a
 * command changed it). Null until the first answer arrives; failures go to the status line.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EntityWithUsage, WorkbenchClient } from '../../shared/api';
import { unwrap } from '../commands/span-editor';
import type { Status } from './status';

export function useEntities(
  client: Pick<WorkbenchClient, 'listEntities'>,
  status: Status,
): { entities: EntityWithUsage[] | null; reload: () => Promise<void> } {
  const [entities, setEntities] = useState<EntityWithUsage[] | null>(null);

  const reload = useCallback(async () => {
    try {
      setEntities(unwrap(await client.listEntities({})));
    } catch (error) {
      status.error(error);
    }
  }, [client, status]);

  useEffect(() => {
    let cancelled = false;
    client.listEntities({}).then((result) => {
      if (cancelled) return;
      if (result.ok) setEntities(result.value);
      else status.error(result.error.message);
    }, status.error);
    return () => {
      cancelled = true;
    };
  }, [client, status]);

  return { entities, reload };
}
