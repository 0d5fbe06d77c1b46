/**
 * What a feature section of the span side panel may use (the actor link, for one), provided by
 * the document pane around the panel. A context rather than props, so that SpanPanel renders a
 * section with one line and never learns what each section needs.
 */
import { createContext, useContext } from 'react';
import type { RendererClient } from '../api/client';
import type { History } from '../commands/history';
import type { SpanEditor } from '../commands/span-editor';
import type { Status } from './status';

export interface SpanSectionServices {
  readonly client: RendererClient;
  readonly editor: SpanEditor;
  readonly history: History;
  readonly status: Status;
}

export const SpanSectionContext = createContext<SpanSectionServices | null>(null);

/** The services, or an error naming the missing provider (a wiring mistake, not a user's). */
export function useSpanSection(): SpanSectionServices {
  const services = useContext(SpanSectionContext);
  if (!services) throw new Error('A span panel section was rendered outside SpanSectionContext.');
  return services;
}
