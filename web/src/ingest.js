// The ingest page: paste text or HTML, or choose files; preview the facts
// the extractor finds (POST /v1/extract, nothing stored), then store them
// (POST /v1/reports) and see what the graph now holds.
import { h, clear, link } from './dom.js';
import { post, enc } from './api.js';
import { errorView } from './view.js';
import { factsView, evidenceOf } from './facts.js';
import { marked } from './highlight.js';

// typeOf picks the content type of a file by its name.
function typeOf(name) {
  const n = name.toLowerCase();
  if (n.endsWith('.html') || n.endsWith('.htm')) return 'text/html';
  if (n.endsWith('.json') || n.endsWith('.jsonl')) return 'application/json';
  return 'text/plain';
}

// bodiesOf turns the form into the documents to send: [{name, body, type}].
async function bodiesOf(form) {
  const out = [];
  for (const f of form.files.files) {
    const text = await f.text();
    if (f.name.toLowerCase().endsWith('.jsonl')) {
      text.split('\n').map((l) => l.trim()).filter(Boolean)
        .forEach((l, i) => out.push({ name: `${f.name} line ${i + 1}`, body: l, type: 'application/json' }));
    } else out.push({ name: f.name, body: text, type: typeOf(f.name) });
  }
  if (form.text.value.trim()) out.push({ name: 'pasted text', body: form.text.value, type: form.kind.value });
  return out;
}

export function ingestPage(main) {
  document.title = 'Ingest · Parley';
  const results = h('div', { id: 'ingest-results', 'aria-live': 'polite' });
  const field = (label, input) => h('label', {}, label, input);
  const form = h('form', { class: 'ingest' },
    field('Report text or HTML', h('textarea', { name: 'text', rows: '10', placeholder: 'Paste a news report here…' })),
    h('div', { class: 'row' },
      field('Pasted as ', h('select', { name: 'kind' }, h('option', { value: 'text/plain' }, 'plain text'), h('option', { value: 'text/html' }, 'HTML'))),
      field('or files ', h('input', { type: 'file', name: 'files', multiple: true, accept: '.txt,.md,.html,.htm,.json,.jsonl' }))),
    h('fieldset', {}, h('legend', {}, 'Metadata (for reports that carry none)'),
      h('div', { class: 'row' },
        field('Title ', h('input', { name: 'title' })),
        field('Published ', h('input', { name: 'published', type: 'date' })),
        field('Source ', h('input', { name: 'source' })),
        field('URL ', h('input', { name: 'url', type: 'url' })))),
    h('div', { class: 'row' },
      field('API key ', h('input', { name: 'key', type: 'password', autocomplete: 'off', value: sessionStorage.getItem('parley-key') || '' })),
      h('span', { class: 'muted' }, 'only if the server asks for one (kept for this tab only)')),
    h('div', { class: 'row' },
      h('button', { type: 'submit', name: 'preview', value: 'extract' }, 'Preview facts'),
      h('button', { type: 'submit', name: 'store', value: 'store', class: 'primary' }, 'Store')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const store = ev.submitter && ev.submitter.name === 'store';
    const meta = { title: form.title.value, published: form.published.value, source: form.source.value, url: form.url.value };
    if (form.key.value.trim()) sessionStorage.setItem('parley-key', form.key.value.trim());
    else sessionStorage.removeItem('parley-key');
    const docs = await bodiesOf(form);
    if (!docs.length) {
      clear(results, h('p', { class: 'error', role: 'alert' }, 'Paste a report or choose a file first.'));
      return;
    }
    clear(results, h('h2', {}, store ? 'Stored' : 'Preview (nothing stored)'));
    for (const d of docs) {
      const box = h('article', { class: 'source' }, h('h3', {}, d.name), h('p', { class: 'muted' }, 'Working…'));
      results.append(box);
      try {
        const r = await post(store ? '/v1/reports' : '/v1/extract', d.body, d.type, meta, form.key.value.trim());
        box.replaceChildren(h('h3', {}, d.name),
          store
            ? h('p', {}, r.created ? 'New report stored: ' : 'Already stored: ', link(`/report/${enc(r.report_id)}`, r.report.title || r.report_id))
            : h('p', { class: 'muted' }, 'Read as: ', r.report.title || 'untitled', r.report.published ? `, published ${r.report.published}` : ''),
          factsView(r.facts, store, true),
          r.report.text ? h('details', {}, h('summary', {}, 'Report text, evidence marked'),
            h('div', { class: 'report-text', tabindex: '0' }, marked(r.report.text, evidenceOf(r.facts)).nodes)) : '');
      } catch (err) {
        box.replaceChildren(h('h3', {}, d.name), errorView(err));
        if (err.status === 401) { form.key.focus(); break; }
      }
    }
  });
  clear(main, h('h1', { tabindex: '-1' }, 'Ingest reports'),
    h('p', { class: 'muted' }, 'Preview shows what the extractor reads, with the sentence each fact comes from; Store adds the report to the graph.'),
    form, results);
  main.querySelector('h1').focus();
}
