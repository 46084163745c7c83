// The actor page: names, titles with their periods, country; meetings as a
// timeline filterable by date range and counterpart; statements newest first, filterable by whom
// they are about; whom the actor supports and who supports it.
import { h, clear, link } from './dom.js';
import { get, entityPath, enc } from './api.js';
import { actorBox } from './search.js';
import {
  actorLink, typeBadge, dateText, modeText, meetingRoute, evidence, errorView, pager, loading, prettyID, jump, titleNode,
} from './view.js';

const PAGE = 20;

export async function actorPage(main, id) {
  clear(main, loading());
  let e;
  try {
    e = await get(entityPath(id));
  } catch (err) {
    clear(main, h('h1', {}, 'Actor'), errorView(err));
    return;
  }
  document.title = `${e.name} · Parley`;
  const country = h('span', {}, e.country ? prettyID(e.country) : '');
  if (e.country) {
    get(entityPath(e.country)).then((c) => clear(country, actorLink(c))).catch(() => {});
  }
  clear(main,
    h('header', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, e.name, ' ', typeBadge(e.type)),
      h('dl', { class: 'facts' },
        e.titles && e.titles.length ? [h('dt', {}, 'Titles'), h('dd', {}, h('ul', { class: 'titles' }, e.titles.map((t) => h('li', {}, titleNode(t)))))] : '',
        e.country ? [h('dt', {}, 'Country'), h('dd', {}, country)] : '',
        e.aliases && e.aliases.length ? [h('dt', {}, 'Also named'), h('dd', { class: 'aliases' }, e.aliases.join(' · '))] : '',
        h('dt', {}, 'Id'), h('dd', {}, h('code', {}, e.id))),
      h('nav', { class: 'actions', 'aria-label': 'Views of this actor' },
        link(`/graph/${enc(e.id)}`, 'Graph of connections', { class: 'button' }),
        link(`/connect?from=${enc(e.id)}`, 'Shortest path to…', { class: 'button' }),
        jump('meetings', 'Meetings'), jump('statements', 'Statements'), jump('said-about', 'Said about them'), jump('supports', 'Supports'))),
    h('div', { class: 'columns' },
      h('div', {}, meetingsSection(e), saidAboutSection(e)),
      h('div', {}, statementsSection(e), supportsSection(e))));
  main.querySelector('h1').focus();
}

// filterForm builds a small form of date range plus one actor field.
function filterForm(actorLabel, apply) {
  let who = '';
  const from = h('input', { type: 'date', name: 'from', 'aria-label': 'From date' });
  const to = h('input', { type: 'date', name: 'to', 'aria-label': 'To date' });
  const box = actorBox({ label: actorLabel, placeholder: 'anyone', onPick: (x) => { who = x.id; submit(); } });
  box.input.addEventListener('input', () => { if (!box.input.value) who = ''; });
  const submit = () => apply({ from: from.value, to: to.value, who: box.input.value ? who || box.input.value : '' });
  const form = h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); submit(); } },
    h('label', {}, 'From ', from), h('label', {}, 'To ', to), box.el,
    h('button', { type: 'submit' }, 'Filter'));
  return form;
}

function meetingsSection(e) {
  const body = h('div');
  const load = (f) => {
    const list = h('ol', { class: 'timeline' });
    clear(body, pager(list,
      (cursor) => get(`${entityPath(e.id)}/meetings`, { from: f.from, to: f.to, with: f.who, limit: PAGE, cursor }),
      (m) => meetingItem(m, e.id), 'No meetings.'));
  };
  load({});
  return h('section', { id: 'meetings', 'aria-labelledby': 'meetings-h' },
    h('h2', { id: 'meetings-h' }, 'Meetings'),
    filterForm('With', load), body);
}

// meetingItem is one entry of the timeline, naming the other participants.
function meetingItem(m, self) {
  const others = m.participants.filter((p) => p.id !== self);
  return h('li', { class: m.status === 'planned' ? 'planned' : '' },
    h('time', { datetime: m.date || '' }, dateText(m.date, m.date_precision)),
    h('div', {},
      link(meetingRoute(m), m.status === 'planned' ? 'Planned meeting' : 'Meeting', { class: 'open' }),
      ' with ', others.length ? others.map((p, i) => [i ? ', ' : '', actorLink(p), p.role !== 'participant' ? ` (${p.role})` : '']) : 'no one named',
      h('div', { class: 'muted' }, [m.place, modeText(m.mode), `${m.sources.length} source${m.sources.length === 1 ? '' : 's'}`].filter(Boolean).join(' · '))));
}

function statementsSection(e) {
  const body = h('div');
  const load = (f) => {
    const list = h('ol', { class: 'plain' });
    clear(body, pager(list,
      (cursor) => get(`${entityPath(e.id)}/statements`, { about: f.who, from: f.from, to: f.to, limit: PAGE, cursor }),
      (s) => statementItem(s), 'No statements.'));
  };
  load({});
  return h('section', { id: 'statements', 'aria-labelledby': 'statements-h' },
    h('h2', { id: 'statements-h' }, 'What they said'),
    filterForm('About', load), body);
}

// saidAboutSection lists what anyone said about the actor.
function saidAboutSection(e) {
  const body = h('div');
  const load = (f) => {
    const list = h('ol', { class: 'plain' });
    clear(body, pager(list,
      (cursor) => get('/v1/statements', { about: e.id, speaker: f.who, from: f.from, to: f.to, limit: PAGE, cursor }),
      (s) => statementItem(s, true), 'Nothing recorded.'));
  };
  load({});
  return h('section', { id: 'said-about', 'aria-labelledby': 'said-about-h' },
    h('h2', { id: 'said-about-h' }, 'Said about them'),
    filterForm('By', load), body);
}

// statementItem shows one statement; bySpeaker names who made it.
export function statementItem(s, bySpeaker = false) {
  return h('li', { class: 'statement' },
    h('time', { datetime: s.date || '' }, dateText(s.date, s.date_precision)),
    bySpeaker ? h('div', {}, actorLink(s.speaker), ':') : '',
    h('p', {}, s.quoted ? h('q', {}, s.text) : s.text),
    s.about.length ? h('div', { class: 'muted' }, 'About ', s.about.map((a, i) => [i ? ', ' : '', actorLink(a)])) : '',
    evidence(s.sources, s.id));
}

function supportsSection(e) {
  const gives = h('ul', { class: 'plain' });
  const gets = h('ul', { class: 'plain' });
  const status = loading();
  get(`${entityPath(e.id)}/supports`, { limit: 100 }).then((r) => {
    status.textContent = '';
    for (const s of r.supports) gives.append(supportItem(s, s.supported));
    for (const s of r.supported_by) gets.append(supportItem(s, s.supporter));
    if (!r.supports.length) gives.append(h('li', { class: 'muted' }, 'No one recorded.'));
    if (!r.supported_by.length) gets.append(h('li', { class: 'muted' }, 'No one recorded.'));
  }).catch((err) => status.replaceChildren(errorView(err)));
  return h('section', { id: 'supports', 'aria-labelledby': 'supports-h' },
    h('h2', { id: 'supports-h' }, 'Support'), status,
    h('h3', {}, 'Supports'), gives, h('h3', {}, 'Supported by'), gets);
}

function supportItem(s, other) {
  return h('li', {}, actorLink(other), ' ', typeBadge(other.type),
    s.claimed_by ? h('span', { class: 'claim' }, ' according to ', actorLink(s.claimed_by)) : '',
    evidence(s.sources, s.id));
}
