/**
 * A document as the units a quote can be: sentences of prose and rows of tables (tab-separated
 * lines, as PDF and web-page text keeps them). Each segment is an exact slice of the text, so
 * every quote taken from one is found verbatim in the document.
 */

export interface Segment {
  /** The exact slice of the document. */
  text: string;
  start: number;
  end: number;
  /** A table row's cells (tab-separated); a sentence has one. */
  cells: string[];
  kind: 'sentence' | 'row' | 'heading';
}

/** Words a full stop follows without ending the sentence. */
const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Co|No|Ltd|Inc|Jr|Sr|vs|etc|e\.g|i\.e|H\.E|U\.S)|\b[A-Z])\.$/;
/** Bullets, numbered list items and footnotes (superscript numbers) start a segment of their own. */
const ITEM = /^\s*(?:[•\-–*]|\d{1,2}[.)]|[\u00B9\u00B2\u00B3\u2070-\u2079]+)\s+/;

/** Splits one block of prose (which may hold line breaks from a PDF) into sentences. */
function sentencesOf(text: string, offset: number): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  const ends = /[.!?]["”’)]*(?=\s+["“‘(]?[A-Z0-9\u1780-\u17FF])/g;
  for (let m = ends.exec(text); m; m = ends.exec(text)) {
    const upTo = m.index + m[0].length;
    if (ABBREVIATIONS.test(text.slice(Math.max(0, m.index - 6), m.index + 1))) continue;
    push(out, text, from, upTo, offset, 'sentence');
    from = upTo;
  }
  push(out, text, from, text.length, offset, 'sentence');
  return out;
}

function push(out: Segment[], text: string, from: number, to: number, offset: number, kind: Segment['kind']) {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (!body) return;
  const start = offset + from + lead;
  out.push({ text: body, start, end: start + body.length, cells: kind === 'row' ? body.split('\t').map((c) => c.trim()) : [body], kind });
}

/** A line that ends a block: a heading (short, no full stop) or a sentence's end. */
const endsBlock = (line: string) => /[.!?:;"”)]\s*$/.test(line) || line.trim().length < 90;

/** The document's sentences, headings and table rows, in order. */
export function segment(text: string): Segment[] {
  const segments: Segment[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let block: { start: number; end: number } | null = null;
  const flush = () => {
    if (!block) return;
    const slice = text.slice(block.start, block.end);
    const single = !/\n/.test(slice.trim()) && !/[.!?]["”)]?\s*$/.test(slice.trim()) && slice.trim().length < 140;
    if (single) push(segments, text, block.start, block.end, 0, 'heading');
    else segments.push(...sentencesOf(slice, block.start));
    block = null;
  };
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    if (line.includes('\t')) {
      flush();
      push(segments, text, start, start + line.length, 0, 'row');
      continue;
    }
    if (!line.trim()) continue;
    // A PDF breaks sentences across lines and blank lines; a lowercase start continues one.
    const continues = block && !ITEM.test(line) && (/^\s*[a-z]/.test(line) || !endsBlock(text.slice(block.start, block.end)));
    if (block && continues) block.end = start + line.length;
    else {
      flush();
      block = { start, end: start + line.length };
    }
  }
  flush();
  return segments;
}
