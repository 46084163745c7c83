// Rendering of a report's facts (as /v1/reports/{id} and /v1/extract give
// them): actors, meetings, statements, supports, each with its evidence.
import { h, link } from './dom.js';
import { actorLink, typeBadge, dateText, modeText, meetingRoute, evidence, prettyID, titleText } from './view.js';

// factsView renders facts; stored says whether the actors and meetings exist
// in the graph (and so can be linked); open shows the evidence unfolded.
export function factsView(f, stored, open = false) {
  const actor = (r) => (stored ? actorLink(r) : h('strong', {}, r.name));
  const count = (n, what) => `${what} (${n})`;
  return h('div', { class: 'facts-view' },
    h('section', {}, h('h3', {}, count(f.meetings.length, 'Meetings')),
      h('ul', { class: 'plain' }, f.meetings.map((m) => {
        return h('li', {},
          stored ? link(meetingRoute(m), dateText(m.date, m.date_precision)) : h('span', {}, dateText(m.date, m.date_precision)), ': ',
          m.participants.map((p, i) => [i ? ', ' : '', actor(p), p.role !== 'participant' ? ` (${p.role})` : '']),
          h('span', { class: 'muted' }, ' · ', [m.place, modeText(m.mode), m.status].filter(Boolean).join(' · ')),
          evidence(m.sources, m.id, open));
      }))),
    h('section', {}, h('h3', {}, count(f.statements.length, 'Statements')),
      h('ul', { class: 'plain' }, f.statements.map((s) => h('li', {},
        actor(s.speaker), ': ', s.quoted ? h('q', {}, s.text) : s.text,
        s.about.length ? h('span', { class: 'muted' }, ' · about ', s.about.map((a, i) => [i ? ', ' : '', actor(a)])) : '',
        evidence(s.sources, s.id, open))))),
    h('section', {}, h('h3', {}, count(f.supports.length, 'Supports')),
      h('ul', { class: 'plain' }, f.supports.map((s) => h('li', {},
        actor(s.supporter), ' supports ', actor(s.supported),
        s.claimed_by ? h('span', { class: 'claim' }, ' according to ', actor(s.claimed_by)) : '',
        evidence(s.sources, s.id, open))))),
    h('section', {}, h('h3', {}, count(f.entities.length, 'Actors')),
      h('ul', { class: 'inline' }, f.entities.map((e) => h('li', {},
        actor(e), ' ', typeBadge(e.type),
        e.titles && e.titles.length ? h('span', { class: 'muted' }, ' ' + e.titles.map(titleText).join('; ')) : '',
        e.country ? h('span', { class: 'muted' }, ' · ' + prettyID(e.country)) : '')))));
}

// evidenceOf lists {text, factID} for every source sentence of facts.
export function evidenceOf(f) {
  const out = [];
  for (const x of [...f.meetings, ...f.statements, ...f.supports]) {
    for (const s of x.sources) out.push({ text: s.evidence, factID: x.id });
  }
  return out;
}
