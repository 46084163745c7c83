// Pieces shared by the pages: actor links, dates, evidence, errors, paging.
import { h, link } from './dom.js';
import { enc } from './api.js';

// actorRoute is the route of an actor's page.
export const actorRoute = (id) => `/actor/${enc(id)}`;

// actorLink links to an actor's page; ref is {id, name, type}.
export function actorLink(ref) {
  if (!ref) return '';
  return link(actorRoute(ref.id), ref.name || ref.id, { class: 'actor', title: ref.type || '' });
}

// typeBadge shows an actor's type.
export function typeBadge(type) {
  return type ? h('span', { class: 'badge badge-' + type }, type) : '';
}

// prettyID turns an id such as "country:united-states" into "United States",
// for when only the id is at hand.
export function prettyID(id) {
  if (!id) return '';
  const s = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return s.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

// dateText shows a date with its precision when coarser than a day.
export function dateText(date, precision) {
  if (!date) return 'undated';
  return precision && precision !== 'day' ? `${date} (${precision})` : date;
}

// dayText shows an ISO day (or month, or year) as "27 Oct 2022": the same
// on every machine, and unambiguous between day-month and month-day readers.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function dayText(d) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d || '');
  if (!m || (m[2] && !MONTHS[m[2] - 1])) return d || '';
  return [m[3] && String(Number(m[3])), m[2] && MONTHS[m[2] - 1], m[1]].filter(Boolean).join(' ');
}

// periodText shows the period of a title ({from, to}, either may be
// absent): "27 Oct 2022 – 9 Jan 2024", "since …", "until …", or "".
export function periodText({ from, to } = {}) {
  if (from && to) return from === to ? dayText(from) : `${dayText(from)} – ${dayText(to)}`;
  if (from) return `since ${dayText(from)}`;
  if (to) return `until ${dayText(to)}`;
  return '';
}

// titleText shows a title with its period: "Prime Minister (27 Oct 2022 –
// 9 Jan 2024)". A plain string (an older server) is shown as it is.
export function titleText(t) {
  if (typeof t === 'string') return t;
  const p = periodText(t);
  return p ? `${t.title} (${p})` : t.title;
}

// titleNode is titleText as elements, the days as <time>.
export function titleNode(t) {
  if (typeof t === 'string') return h('span', { class: 'title' }, t);
  const day = (d) => h('time', { datetime: d }, dayText(d));
  let p = '';
  if (t.from && t.to) p = t.from === t.to ? day(t.from) : [day(t.from), ' – ', day(t.to)];
  else if (t.from) p = ['since ', day(t.from)];
  else if (t.to) p = ['until ', day(t.to)];
  return h('span', { class: 'title' }, t.title, p ? h('span', { class: 'period' }, ' (', p, ')') : '');
}

const modes = { in_person: 'in person', phone: 'phone call', video: 'video call' };
export const modeText = (m) => modes[m] || m || '';

// meetingRoute is the route of a meeting's page (it loads the meeting by id).
export const meetingRoute = (m) => `/meeting/${enc(m.id)}`;

// reportRoute is the route of a report's page with one fact's evidence marked.
export function reportRoute(reportID, factID) {
  return `/report/${enc(reportID)}` + (factID ? `?fact=${enc(factID)}` : '');
}

// evidence lists a fact's sources: each sentence with a link to its report.
export function evidence(sources, factID, open = false) {
  const list = sources || [];
  return h('details', { class: 'evidence', open },
    h('summary', {}, `Evidence (${list.length} ${list.length === 1 ? 'report' : 'reports'})`),
    h('ul', {}, list.map((s) => h('li', {},
      h('blockquote', {}, s.evidence),
      link(reportRoute(s.report_id, factID), 'open the report'),
      s.rule ? h('span', { class: 'muted' }, ` · rule ${s.rule}`) : ''))));
}

// errorView explains a failed call; an ambiguous name lists its candidates.
export function errorView(err) {
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Error: '), err.message || String(err));
  if (err.candidates && err.candidates.length) {
    box.append(h('p', {}, 'Did you mean:'), h('ul', {}, err.candidates.map((c) => h('li', {}, actorLink(c), ' ', typeBadge(c.type)))));
  }
  return box;
}

// pager keeps a list that grows by pages: load(cursor) returns {items, next};
// render(item) returns a node. A "More" button fetches the next page.
export function pager(list, load, render, empty = 'Nothing found.') {
  const more = h('button', { type: 'button', class: 'more' }, 'More');
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const box = h('div', {}, list, status, more);
  let cursor = '';
  let count = 0;
  async function next() {
    more.disabled = true;
    status.textContent = 'Loading…';
    try {
      const page = await load(cursor);
      for (const it of page.items || []) list.append(render(it));
      count += (page.items || []).length;
      cursor = page.next || '';
      status.textContent = count === 0 ? empty : '';
      more.hidden = !cursor;
    } catch (err) {
      status.replaceChildren(errorView(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', next);
  more.hidden = true;
  next();
  return box;
}

// spinner is shown while a page loads.
export const loading = () => h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading…');

// jump is an in-page link that scrolls to a section without touching the
// route (the hash holds the page).
export function jump(id, text) {
  return h('a', { href: '#', onclick: (ev) => {
    ev.preventDefault();
    const t = document.getElementById(id);
    if (!t) return;
    t.scrollIntoView();
    const hd = t.querySelector('h2');
    if (hd) { hd.tabIndex = -1; hd.focus(); }
  } }, text);
}

// original links to a report's own address, only if it is http(s): a
// report's metadata is data, and a javascript: URL must not become a link.
export function original(u) {
  return /^https?:\/\//i.test(u || '') ? [' · ', h('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : '';
}
