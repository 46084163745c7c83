// The report page: its metadata, its text with every evidence sentence
// marked (the one asked for first in view), and the facts read from it.
import { h, clear } from './dom.js';
import { get, enc } from './api.js';
import { errorView, loading, original } from './view.js';
import { marked } from './highlight.js';
import { factsView, evidenceOf } from './facts.js';

export async function reportPage(main, id, q) {
  clear(main, loading());
  let r;
  try {
    r = await get(`/v1/reports/${enc(id)}`);
  } catch (err) {
    clear(main, h('h1', {}, 'Report'), errorView(err));
    return;
  }
  const rep = r.report;
  const want = q.get('fact');
  document.title = `${rep.title || 'Report'} · Parley`;
  const spans = evidenceOf(r.facts).map((e) => ({ text: e.text, current: e.factID === want }));
  const text = h('div', { class: 'report-text tall', tabindex: '0', 'aria-label': 'Report text' }, marked(rep.text || '', spans).nodes);
  clear(main,
    h('header', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, rep.title || 'Untitled report'),
      h('p', { class: 'muted' }, [rep.source, rep.published && `published ${rep.published}`, `id ${rep.id}`].filter(Boolean).join(' · '),
        original(rep.url))),
    h('div', { class: 'columns' },
      h('section', {}, h('h2', {}, 'Text'), text),
      h('section', {}, h('h2', {}, 'Facts read from it'), factsView(r.facts, true))));
  main.querySelector('h1').focus();
  const cur = text.querySelector('mark.current');
  if (cur) text.scrollTop = Math.max(0, cur.offsetTop - text.offsetTop - 40);
}
