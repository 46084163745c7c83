// Marking an evidence sentence inside a report's text.
import { h } from './dom.js';

// locate finds needle in text, ignoring differences of whitespace; it
// returns [start, end) in text, or null.
export function locate(text, needle) {
  if (!needle) return null;
  const i = text.indexOf(needle);
  if (i >= 0) return [i, i + needle.length];
  // Collapse runs of whitespace in text, remembering where each kept
  // character came from, then search the collapsed needle.
  let flat = '';
  const at = [];
  for (let k = 0; k < text.length; k++) {
    const ws = /\s/.test(text[k]);
    if (ws && flat.endsWith(' ')) continue;
    flat += ws ? ' ' : text[k];
    at.push(k);
  }
  const n = needle.replace(/\s+/g, ' ').trim();
  const j = flat.indexOf(n);
  if (j < 0) return null;
  return [at[j], at[j + n.length - 1] + 1];
}

// marked renders text with each located span of spans wrapped in <mark>;
// spans is [{text, current}] where current marks the one to scroll to.
export function marked(text, spans) {
  const found = [];
  for (const s of spans) {
    const r = locate(text, s.text);
    if (r) found.push({ start: r[0], end: r[1], current: s.current });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const f of found) {
    if (f.start < pos) continue; // overlapping: keep the first
    out.push(text.slice(pos, f.start));
    out.push(h('mark', { class: f.current ? 'current' : '' }, text.slice(f.start, f.end)));
    pos = f.end;
  }
  out.push(text.slice(pos));
  return { nodes: out, found: found.length };
}
