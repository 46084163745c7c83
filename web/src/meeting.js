// The meeting page: participants with roles, date and its precision, place,
// mode, and every source report with the evidence sentence marked in the
// report's text. The API has no single-meeting endpoint, so the page finds
// the meeting by id among a participant's meetings on its date, or in the
// facts of its first report.
import { h, clear, link } from './dom.js';
import { get, enc } from './api.js';
import { actorLink, typeBadge, modeText, errorView, loading, reportRoute, original } from './view.js';
import { marked } from './highlight.js';

const seen = new Map();

// remember keeps a meeting listed elsewhere, so its page opens at once.
export function remember(m) {
  if (seen.size > 500) seen.clear();
  seen.set(m.id, m);
}

async function findMeeting(id, q) {
  if (seen.has(id)) return seen.get(id);
  const p = q.get('p');
  const d = q.get('d');
  if (p && d) {
    const page = await get('/v1/meetings', { participant: p, from: d, to: d, include_planned: 'true', limit: 500 });
    const m = page.items.find((x) => x.id === id);
    if (m) return m;
  }
  const r = q.get('r');
  if (r) {
    const rep = await get(`/v1/reports/${enc(r)}`);
    const m = rep.facts.meetings.find((x) => x.id === id);
    if (m) return m;
  }
  throw new Error(`meeting ${id} not found (the link needs a participant and date, or a report)`);
}

export async function meetingPage(main, id, q) {
  clear(main, loading());
  let m;
  try {
    m = await findMeeting(id, q);
  } catch (err) {
    clear(main, h('h1', {}, 'Meeting'), errorView(err));
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
