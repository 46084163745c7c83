// Parley's web explorer: a hash router over the pages. Every page calls the
// public REST API (/v1), as any other client does.
import { h, clear, link } from './dom.js';
import { get } from './api.js';
import { actorBox } from './search.js';
import { actorRoute, errorView } from './view.js';
import { actorPage } from './actor.js';
import { meetingPage } from './meeting.js';
import { reportPage } from './report.js';
import { ingestPage } from './ingest.js';
import { graphPage, connectPage } from './graph.js';

const main = document.getElementById('view');

// Routes: #/actor/ID, #/meeting/ID, #/report/ID?fact, #/graph/ID?depth&edges,
// #/connect?from&to&hops, #/ingest, and the home page.
const routes = [
  [/^\/actor\/([^/?]+)$/, (m) => actorPage(main, decodeURIComponent(m[1]))],
  [/^\/meeting\/([^/?]+)$/, (m) => meetingPage(main, decodeURIComponent(m[1]))],
  [/^\/report\/([^/?]+)$/, (m, q) => reportPage(main, decodeURIComponent(m[1]), q)],
  [/^\/graph\/([^/?]+)$/, (m, q) => graphPage(main, decodeURIComponent(m[1]), q)],
  [/^\/connect$/, (m, q) => connectPage(main, q)],
  [/^\/ingest$/, () => ingestPage(main)],
  [/^\/?$/, () => homePage()],
];

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const q = new URLSearchParams(query);
  window.scrollTo(0, 0);
  for (const [re, page] of routes) {
    const m = path.match(re);
    if (m) { page(m, q); return; }
  }
  document.title = 'Not found · Parley';
  clear(main, h('h1', { tabindex: '-1' }, 'No such page'), link('/', 'Back to the start'));
}

function homePage() {
  document.title = 'Parley';
  const reports = h('ul', { class: 'plain' });
  clear(main,
    h('h1', { tabindex: '-1' }, 'Explore the graph of diplomatic meetings'),
    h('p', {}, 'Search an actor above (press ', h('kbd', {}, '/'), ' to jump there): a person, country, organization or group, by any name or alias. ',
      'Their page lists their meetings, what they said and who supports whom, each with the sentence it was read from.'),
    h('ul', { class: 'inline' },
      h('li', {}, link('/connect', 'Shortest connections between two actors')),
      h('li', {}, link('/ingest', 'Ingest reports'))),
    h('h2', {}, 'Latest reports'), reports);
  get('/v1/reports', { limit: 15 }).then((r) => {
    for (const rep of r.items) {
      reports.append(h('li', {}, link(`/report/${encodeURIComponent(rep.id)}`, rep.title || `Untitled report ${rep.id.slice(0, 8)}`),
        h('span', { class: 'muted' }, ' ', [rep.source, rep.published].filter(Boolean).join(' · '))));
    }
    if (!r.items.length) reports.append(h('li', { class: 'muted' }, 'None yet: ', link('/ingest', 'ingest some')));
  }).catch((err) => reports.replaceWith(errorView(err)));
}

// The header's search box opens the chosen actor's page.
const search = actorBox({
  placeholder: 'Search actors (press /)',
  id: 'search',
  onPick: (e) => { location.hash = '#' + actorRoute(e.id); },
  onEnter: (name) => { location.hash = '#' + actorRoute(name); },
});
search.input.setAttribute('aria-label', 'Search actors');
document.getElementById('search-slot').append(search.el);

// "/" anywhere but in a field jumps to the search box, and is not typed there.
let slash = false;
document.addEventListener('keydown', (ev) => {
  const t = ev.target;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable;
  if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
    ev.preventDefault();
    slash = true;
    search.input.focus();
    search.input.select();
  }
});
document.addEventListener('keyup', () => { slash = false; });
search.input.addEventListener('beforeinput', (ev) => {
  if (slash && ev.data === '/') ev.preventDefault();
  slash = false;
});
document.querySelector('.skip').addEventListener('click', (ev) => { ev.preventDefault(); main.focus(); });
window.addEventListener('hashchange', route);
route();
