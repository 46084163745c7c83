// The meeting page: participants with roles, date and its precision, place,
// mode, and every source report with the evidence sentence marked in the
// report's text. It loads the meeting by id (GET /v1/meetings/{id}), so a
// link to it works on a fresh page.
import { h, clear, link } from './dom.js';
import { get, enc } from './api.js';
import { actorLink, typeBadge, modeText, errorView, loading, reportRoute, original } from './view.js';
import { marked } from './highlight.js';

export async function meetingPage(main, id) {
  clear(main, loading());
  let m;
  try {
    m = await get(`/v1/meetings/${enc(id)}`);
  } catch (err) {
    document.title = 'Meeting · Parley';
    clear(main, h('h1', { tabindex: '-1' }, 'Meeting'), errorView(err));
    main.querySelector('h1').focus();
    return;
  }
  const names = m.participants.map((p) => p.name);
  document.title = `Meeting of ${names.join(', ')} · Parley`;
  const sources = h('div', { class: 'sources' });
  clear(main,
    h('header', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, m.status === 'planned' ? 'Planned meeting' : 'Meeting', ': ', names.join(' and ')),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Date'), h('dd', { id: 'meeting-date' }, m.date ? h('time', { datetime: m.date }, m.date) : 'undated',
          m.date_precision ? h('span', { class: 'muted' }, ` (precision: ${m.date_precision})`) : ''),
        h('dt', {}, 'Place'), h('dd', {}, m.place || h('span', { class: 'muted' }, 'not stated')),
        h('dt', {}, 'Mode'), h('dd', {}, modeText(m.mode)),
        h('dt', {}, 'Status'), h('dd', {}, m.status))),
    h('section', { 'aria-labelledby': 'participants-h' },
      h('h2', { id: 'participants-h' }, 'Participants'),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Actor'), h('th', {}, 'Type'), h('th', {}, 'Role'))),
        h('tbody', {}, m.participants.map((p) => h('tr', {}, h('td', {}, actorLink(p)), h('td', {}, typeBadge(p.type)), h('td', {}, p.role)))))),
    h('section', { 'aria-labelledby': 'sources-h' },
      h('h2', { id: 'sources-h' }, `Sources (${m.sources.length})`), sources));
  main.querySelector('h1').focus();
  for (const s of m.sources) sources.append(sourceReport(m, s));
}

// sourceReport shows one report with the evidence sentence marked.
function sourceReport(m, s) {
  const box = h('article', { class: 'source' }, h('blockquote', { class: 'evidence-sentence' }, s.evidence), loading());
  get(`/v1/reports/${enc(s.report_id)}`).then(({ report }) => {
    const { nodes, found } = marked(report.text || '', [{ text: s.evidence, current: true }]);
    const text = h('div', { class: 'report-text', tabindex: '0', 'aria-label': 'Report text' }, nodes);
    box.replaceChildren(
      h('h3', {}, link(reportRoute(report.id, m.id), report.title || report.id)),
      h('p', { class: 'muted' }, [report.source, report.published && `published ${report.published}`].filter(Boolean).join(' · '),
        original(report.url)),
      found ? '' : h('blockquote', { class: 'evidence-sentence' }, s.evidence),
      text);
    const mark = text.querySelector('mark');
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 40);
  }).catch((err) => box.append(errorView(err)));
  return box;
}
