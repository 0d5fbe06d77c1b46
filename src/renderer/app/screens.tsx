/**
 * The window's screens (tabs under the project bar). A feature adds a screen by adding one entry
 * here; every screen receives the same WorkbenchView, so screens never reach into each other.
 */
import type { ReactNode } from 'react';
import type { DocumentSummary, ProjectInfo } from '../../shared/api';
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';
import type { History } from '../commands/history';
import { ActorsScreen } from './ActorsScreen';
import { AgreementScreen } from './AgreementScreen';
import { AnnotationListScreen } from './AnnotationListScreen';
import { AnnotateScreen } from './AnnotateScreen';
import { CodebookScreen } from './CodebookScreen';
import { ReviewScreen } from './ReviewScreen';
import type { Status } from './status';

/** What every screen may use. */
export interface WorkbenchView {
  readonly client: RendererClient;
  readonly project: ProjectInfo;
  /** Set once the person has named themselves; screens that write need it. */
  readonly annotator: string;
  readonly codebook: Codebook;
  readonly documents: readonly DocumentSummary[];
  readonly history: History;
  readonly status: Status;
  /** The document open on the annotate screen, and a span to bring into view there. */
  readonly openDoc: string | null;
  readonly focusSpan: string | null;
  /** Switches to the annotate screen on this document (and scrolls to the span, if given). */
  openDocument(docId: string, spanId?: string): void;
  refreshDocuments(): Promise<void>;
  /** Re-reads the codebook after it changed (editor, import). */
  reloadCodebook(): Promise<void>;
  /** Keeps the document list's count in step with the open document. */
  updateCount(docId: string, count: number): void;
  /** The screens (id and title), and switching to one: for the command palette. */
  readonly screens: readonly Pick<Screen, 'id' | 'title'>[];
  showScreen(id: string): void;
}

export interface Screen {
  readonly id: string;
  readonly title: string;
  render(view: WorkbenchView): ReactNode;
}

export const SCREENS: readonly Screen[] = [
  { id: 'annotate', title: 'Annotate', render: (view) => <AnnotateScreen view={view} /> },
  { id: 'actors', title: 'Actors', render: (view) => <ActorsScreen view={view} /> },
  {
    id: 'annotations',
    title: 'Annotation list',
    render: (view) => <AnnotationListScreen view={view} />,
  },
  { id: 'review', title: 'Review', render: (view) => <ReviewScreen view={view} /> },
  { id: 'agreement', title: 'Agreement', render: (view) => <AgreementScreen view={view} /> },
  { id: 'codebook', title: 'Codebook', render: (view) => <CodebookScreen view={view} /> },
];
