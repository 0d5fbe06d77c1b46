/**
 * The agreement screen: the report of src/shared/agreement for the chosen annotators and
 * documents, computed on the main side over their layers. A pairwise matrix (F1 exact and
 * overlap, Cohen's kappa, α_U for each pair), a per-label table with bars (a chart that a
 * screen reader reads as a table), per-document figures and the notes that explain every
 * undefined number. Every number opens review on the disagreements behind it; the report
 * downloads as CSV (one number per row) or JSON (the complete record).
 *
 * Blind like the review screen: nothing is computed until this person has opened review.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ReviewState } from '../../shared/api';
import type { AgreementMeasures, AgreementReport } from '../../shared/agreement/report';
import { agreementCsv, formatMeasure, MEASURE_COLUMNS } from '../../shared/review/agreement-table';
import { unwrap } from '../commands/span-editor';
import { reviewNavigation } from '../review/review-navigation';
import type { WorkbenchView } from './screens';
import './review.css';

export function AgreementScreen({ view }: { view: WorkbenchView }) {
  const { client, status, documents, codebook } = view;
  const [state, setState] = useState<ReviewState | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [docs, setDocs] = useState<string[] | null>(null);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client
      .getReviewState({})
      .then((r) => setState(unwrap(r)))
      .catch(status.error);
  }, [client, status.error]);

  const everyone = useMemo(() => state?.annotators ?? [], [state]);
  const annotators = chosen ?? everyone;

  const compute = async () => {
    setBusy(true);
    try {
      const result = unwrap(await client.computeAgreement({ annotators, ...(docs && { docs }) }));
      setReport(result);
      status.info(
        `Agreement of ${result.annotators.join(', ')} on ${result.counts.documents} document(s).`,
      );
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
    }
  };

  /** Opens review on the disagreements behind a number. */
  const review = (target: { annotators?: string[]; doc?: string; label?: string }) => {
    reviewNavigation.set({
      annotators: target.annotators ?? report?.annotators ?? annotators,
      doc: target.doc ?? null,
      label: target.label ?? null,
    });
    view.showScreen('review');
  };

  if (!state) return <div className="screen agreement-screen" aria-busy="true" />;
  if (!state.open) {
    return (
      <div className="screen review-gate">
        <section className="review-gate-card" aria-labelledby="agreement-gate-title">
          <h2 id="agreement-gate-title">Blind coding</h2>
          <p>
            Agreement compares your work with your colleagues’, so it is shown only once you open
            review on the Review screen.
          </p>
          <button type="button" className="primary" onClick={() => view.showScreen('review')}>
            Go to Review
          </button>
        </section>
      </div>
    );
  }

  const labelColor = (label: string) =>
    codebook.labels.find((l) => l.name === label)?.color ?? '#1d4ed8';
  const title = (doc: string) => documents.find((d) => d.id === doc)?.title ?? doc;

  return (
    <div className="screen agreement-screen">
      <h2>Agreement</h2>
      <div className="agreement-controls">
        <fieldset>
          <legend>Annotators</legend>
          {everyone.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={annotators.includes(name)}
                onChange={(e) =>
                  setChosen(
                    e.target.checked
                      ? everyone.filter((a) => a === name || annotators.includes(a))
                      : annotators.filter((a) => a !== name),
                  )
                }
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
        <label>
          Documents{' '}
          <select
            value={docs?.[0] ?? ''}
            onChange={(e) => setDocs(e.target.value ? [e.target.value] : null)}
          >
            <option value="">all {documents.length}</option>
            {documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          onClick={compute}
          disabled={busy || annotators.length < 2}
        >
          {busy ? 'Computing…' : 'Compute agreement'}
        </button>
        {report && (
          <>
            <button
              type="button"
              onClick={() => download('agreement.csv', agreementCsv(report), 'text/csv')}
            >
              Download CSV
            </button>
            <button
              type="button"
              onClick={() =>
                download(
                  'agreement.json',
                  `${JSON.stringify(report, null, 2)}\n`,
                  'application/json',
                )
              }
            >
              Download JSON
            </button>
          </>
        )}
      </div>
      {annotators.length < 2 && (
        <p className="muted">Choose two or more annotators (import a colleague’s export first).</p>
      )}
      {report && (
        <>
          <p>
            {report.annotators.join(', ')} · {report.counts.documents} document(s) ·{' '}
            {report.counts.tokens} word tokens · spans:{' '}
            {Object.entries(report.counts.spans)
              .map(([name, n]) => `${name} ${n}`)
              .join(', ')}
          </p>
          <MeasuresTable
            heading="Overall"
            caption="Every number opens review on the disagreements behind it"
            rows={[{ key: 'overall', name: 'All labels', measures: report.overall }]}
            onReview={() => review({})}
          />
          <PairMatrix report={report} onReview={(a, b) => review({ annotators: [a, b] })} />
          <LabelChart report={report} color={labelColor} onReview={(label) => review({ label })} />
          <MeasuresTable
            heading="By document"
            caption="Each document on its own; a dash is undefined (see the notes)"
            rows={report.by_document.map((d) => ({ key: d.doc, name: title(d.doc), measures: d }))}
            onReview={(doc) => review({ doc })}
          />
          {(report.notes.length > 0 || report.by_document.some((d) => d.notes.length > 0)) && (
            <details className="agreement-section agreement-notes">
              <summary>Notes: why some numbers are missing, what was set aside</summary>
              <ul>
                {report.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
                {report.by_document.flatMap((d) =>
                  d.notes.map((n) => (
                    <li key={`${d.doc}:${n}`}>
                      {title(d.doc)}: {n}
                    </li>
                  )),
                )}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function MeasureButton({
  value,
  what,
  onReview,
}: {
  value: number | null | undefined;
  what: string;
  onReview: () => void;
}) {
  return (
    <button
      type="button"
      className="measure-link"
      aria-label={`${what}: ${formatMeasure(value)}. Review the disagreements behind it`}
      onClick={onReview}
    >
      {formatMeasure(value)}
    </button>
  );
}

function MeasuresTable({
  heading,
  caption,
  rows,
  onReview,
}: {
  heading: string;
  caption: string;
  rows: Array<{ key: string; name: string; measures: AgreementMeasures }>;
  onReview: (key: string) => void;
}) {
  const columns = MEASURE_COLUMNS.filter(([key]) =>
    rows.some((r) => r.measures[key] !== undefined),
  );
  return (
    <section className="agreement-section">
      <h3>{heading}</h3>
      <table className="agreement-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {columns.map(([, title]) => (
              <th key={title} scope="col">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {columns.map(([key, title]) => (
                <td key={key}>
                  <MeasureButton
                    value={row.measures[key]}
                    what={`${title}, ${row.name}`}
                    onReview={() => onReview(row.key)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Annotator × annotator: each cell the pair's F1 exact/overlap, Cohen's kappa and α_U. */
function PairMatrix({
  report,
  onReview,
}: {
  report: AgreementReport;
  onReview: (a: string, b: string) => void;
}) {
  const pairOf = (a: string, b: string) =>
    report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  return (
    <section className="agreement-section">
      <h3>Pairs</h3>
      <table className="agreement-table">
        <caption>
          Each cell: F1 exact, F1 overlap, Cohen’s kappa and α_U of the two annotators
        </caption>
        <thead>
          <tr>
            <th scope="col" />
            {report.annotators.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.annotators.map((a) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              {report.annotators.map((b) => {
                const pair = a === b ? undefined : pairOf(a, b);
                if (!pair) return <td key={b} aria-label="same annotator" />;
                const cell: Array<[string, number | null]> = [
                  ['F1 exact', pair.f1_exact],
                  ['F1 overlap', pair.f1_overlap],
                  ['kappa', pair.cohen_kappa],
                  ['α_U', pair.alpha_unitizing],
                ];
                return (
                  <td key={b}>
                    <div className="matrix-cell">
                      {cell.map(([name, value]) => (
                        <FragmentRow key={name} name={name}>
                          <MeasureButton
                            value={value}
                            what={`${name}, ${a} and ${b}`}
                            onReview={() => onReview(a, b)}
                          />
                        </FragmentRow>
                      ))}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FragmentRow({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <span>{name}</span>
      {children}
    </>
  );
}

/** Per label: a table whose F1 and α_U cells carry bars (0 to 1; below 0 shows no bar). */
function LabelChart({
  report,
  color,
  onReview,
}: {
  report: AgreementReport;
  color: (label: string) => string;
  onReview: (label: string) => void;
}) {
  const bars = MEASURE_COLUMNS.filter(([key]) => report.overall[key] !== undefined);
  return (
    <section className="agreement-section">
      <h3>By label</h3>
      <table className="agreement-table">
        <caption>Bars run from 0 to 1; a negative value (worse than chance) shows none</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            {bars.map(([, title]) => (
              <th key={title} scope="col">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.labels.map((label) => {
            const m = report.by_label[label]!;
            return (
              <tr key={label} style={{ ['--label-color' as string]: color(label) }}>
                <th scope="row">{label}</th>
                {bars.map(([key, title]) => {
                  const value = m[key];
                  const width = typeof value === 'number' ? Math.max(0, Math.min(1, value)) : 0;
                  return (
                    <td key={key}>
                      <div className="bar-cell">
                        <span className="bar" aria-hidden="true">
                          <span style={{ width: `${width * 100}%` }} />
                        </span>
                        <MeasureButton
                          value={value}
                          what={`${title}, ${label}`}
                          onReview={() => onReview(label)}
                        />
                      </div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function download(fileName: string, content: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
