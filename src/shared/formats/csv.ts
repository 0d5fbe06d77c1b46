/**
 * CSV as RFC 4180 defines it: records end in CRLF (the last one too), a field is quoted when it
 * holds a comma, a double quote, CR or LF, and a double quote inside a quoted field is doubled.
 * Python's csv module, pandas, R (readr, read.csv) and Excel all read this.
 *
 * Field text is written exactly as it is: no trimming, and no defusing of cells that begin with
 * "=" or "+" (spreadsheet formula injection), because span texts must stay equal to the document
 * text they were cut from. Open untrusted exports in a spreadsheet with that in mind.
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header and rows, each of the header's length, as one CSV text. */
export function encodeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = `${header.map(csvField).join(',')}\r\n`;
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`CSV row has ${row.length} fields, the header ${header.length}`);
    }
    out += `${row.map(csvField).join(',')}\r\n`;
  }
  return out;
}
