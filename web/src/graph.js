// The graph views, drawn with Cytoscape.js: an actor's neighbourhood (met
// with, supports, statements about) to a chosen depth, and the shortest
// connections between two actors. Both are bounded: a few pages of each
// actor's facts, at most MAX_NODES nodes; nothing loads the whole graph.
// Clicking a node opens its page; clicking an edge shows its evidence. From
// the keyboard, the drawing takes focus and arrow keys move through its
// actors (Enter opens one); its edges are also listed as buttons.
import cytoscape from 'cytoscape';
import { h, clear, link } from './dom.js';
import { get, entityPath, enc } from './api.js';
import { actorBox } from './search.js';
import { actorLink, actorRoute, dateText, meetingRoute, reportRoute, errorView, typeBadge } from './view.js';

const MAX_NODES = 150; // nodes drawn at most
const PER_ACTOR = 20; // facts of each kind fetched per expanded actor
const MAX_EXPAND = 40; // actors expanded at most, over all depths
const KINDS = { met: 'met with', supports: 'supports', said: 'said about' };
const OF_LINK = { MET_WITH: 'met', SUPPORTS: 'supports', STATED_ABOUT: 'said' };

// Graph collects nodes and typed edges; an edge holds every fact behind it.
class Graph {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
    this.truncated = false;
  }
  node(ref, depth) {
    if (this.nodes.has(ref.id)) return true;
    if (this.nodes.size >= MAX_NODES) { this.truncated = true; return false; }
    this.nodes.set(ref.id, { id: ref.id, name: ref.name || ref.id, type: ref.type || '', depth });
    return true;
  }
  // fact adds a fact to the edge kind from a to b (met edges are undirected).
  fact(kind, a, b, f) {
    if (a === b || !this.nodes.has(a) || !this.nodes.has(b)) return;
    if (kind === 'met' && a > b) [a, b] = [b, a];
    const key = `${kind}|${a}|${b}`;
    let e = this.edges.get(key);
    if (!e) { e = { id: key, kind, source: a, target: b, facts: new Map() }; this.edges.set(key, e); }
    if (!e.facts.has(f.id)) e.facts.set(f.id, f);
  }
}

// Facts in edges: {id, kind, date, text, sources, route, claimedBy}.
const meetingFact = (m) => ({ id: m.id, kind: 'meeting', date: dateText(m.date, m.date_precision), text: m.participants.map((p) => p.name).join(', '), sources: m.sources, route: meetingRoute(m) });
const statementFact = (s) => ({ id: s.id, kind: 'statement', date: dateText(s.date, s.date_precision), text: s.text, sources: s.sources });
const supportFact = (s) => ({ id: s.id, kind: 'support', text: `${s.supporter.name} supports ${s.supported.name}`, claimedBy: s.claimed_by, sources: s.sources });

// expand adds one actor's neighbours of the chosen kinds; it returns the
// ids of the nodes it added.
async function expand(g, id, depth, kinds) {
  const added = [];
  const add = (ref) => { const had = g.nodes.has(ref.id); if (g.node(ref, depth) && !had) added.push(ref.id); };
  const jobs = [];
  if (kinds.has('met')) {
    jobs.push(get(`${entityPath(id)}/meetings`, { limit: PER_ACTOR }).then((r) => {
      for (const m of r.items) {
        for (const p of m.participants) if (p.id !== id) { add(p); g.fact('met', id, p.id, meetingFact(m)); }
      }
    }));
  }
  if (kinds.has('supports')) {
    jobs.push(get(`${entityPath(id)}/supports`, { limit: PER_ACTOR }).then((r) => {
      for (const s of r.supports) { add(s.supported); g.fact('supports', id, s.supported.id, supportFact(s)); }
      for (const s of r.supported_by) { add(s.supporter); g.fact('supports', s.supporter.id, id, supportFact(s)); }
    }));
  }
  if (kinds.has('said')) {
    jobs.push(get(`${entityPath(id)}/statements`, { limit: PER_ACTOR }).then((r) => {
      for (const s of r.items) for (const a of s.about) { add(a); g.fact('said', id, a.id, statementFact(s)); }
    }));
    jobs.push(get('/v1/statements', { about: id, limit: PER_ACTOR }).then((r) => {
      for (const s of r.items) { add(s.speaker); g.fact('said', s.speaker.id, id, statementFact(s)); }
    }));
  }
  await Promise.all(jobs);
  return added;
}

// neighbourhood builds the graph around root, one level per depth step.
async function neighbourhood(root, depth, kinds) {
  const g = new Graph();
  g.node(root, 0);
  let frontier = [root.id];
  let expanded = 0;
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next = [];
    const batch = frontier.slice(0, Math.max(0, MAX_EXPAND - expanded));
    if (batch.length < frontier.length) g.truncated = true;
    expanded += batch.length;
    for (let i = 0; i < batch.length; i += 6) { // six requests of each kind at a time
      const found = await Promise.all(batch.slice(i, i + 6).map((id) => expand(g, id, d, kinds)));
      next.push(...found.flat());
    }
    frontier = next;
  }
  return g;
}

const colors = { person: '#2f6db5', country: '#2e7d4f', organization: '#a86a00', group: '#8a3ea8' };
const edgeColors = { met: '#555', supports: '#1f8a7d', said: '#c2502f' };

// draw renders g into the container and wires the clicks.
function draw(container, g, rootIDs, layout, onEdge) {
  const elements = [
    ...[...g.nodes.values()].map((n) => ({ data: { id: n.id, name: n.name, type: n.type, depth: n.depth, root: rootIDs.includes(n.id) ? 1 : 0 } })),
    ...[...g.edges.values()].map((e) => ({ data: { id: e.id, source: e.source, target: e.target, kind: e.kind, n: e.facts.size > 1 ? String(e.facts.size) : '' } })),
  ];
  const maxDepth = Math.max(0, ...[...g.nodes.values()].map((n) => n.depth));
  const cy = cytoscape({
    container,
    elements,
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(name)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'background-color': (n) => colors[n.data('type')] || '#777', 'text-wrap': 'ellipsis', 'text-max-width': 120, 'text-background-color': '#fff', 'text-background-opacity': 0.7 } },
      { selector: 'node[root = 1]', style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold', 'font-size': 13 } },
      { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'line-color': (e) => edgeColors[e.data('kind')], 'target-arrow-color': (e) => edgeColors[e.data('kind')], label: 'data(n)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1 } },
      { selector: 'edge[kind != "met"]', style: { 'target-arrow-shape': 'triangle' } },
      { selector: 'edge[kind = "said"]', style: { 'line-style': 'dashed' } },
      { selector: ':selected', style: { 'overlay-color': '#ffbf00', 'overlay-opacity': 0.35 } },
      // A crowded drawing names only the first ring; the rest on hover.
      ...(g.nodes.size > 60 ? [{ selector: 'node[depth > 1]', style: { label: '' } }] : []),
      { selector: 'node.named', style: { label: 'data(name)', 'z-index': 10 } },
      // The actor the keyboard is on: ringed in the focus colour, named.
      { selector: 'node.kbd', style: { label: 'data(name)', 'z-index': 20, 'border-width': 3, 'border-color': '#111', 'underlay-color': '#ffbf00', 'underlay-opacity': 0.9, 'underlay-padding': 7, 'underlay-shape': 'ellipse', 'font-weight': 'bold', 'text-background-color': '#ffe08a', 'text-background-opacity': 1, 'text-background-padding': 2 } },
    ],
    layout: layout === 'tree'
      ? { name: 'breadthfirst', roots: rootIDs.slice(0, 1).map((id) => `[id = "${id.replace(/"/g, '\\"')}"]`).join(','), directed: false, spacingFactor: 1.1, animate: false }
      : maxDepth > 1
        ? { name: 'cose', animate: false, randomize: false, boundingBox: { x1: 0, y1: 0, w: container.clientWidth || 800, h: container.clientHeight || 500 }, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 40, nodeRepulsion: () => 3000, numIter: 1500, padding: 20 }
        : { name: 'concentric', concentric: (n) => maxDepth + 1 - n.data('depth'), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
  });
  // Keep labels legible when the drawing is zoomed out to fit.
  const legible = () => {
    const z = Math.min(1, cy.zoom());
    cy.style().selector('node').style({ 'font-size': 11 / z, 'text-max-width': 120 / z, width: 16 / Math.sqrt(z), height: 16 / Math.sqrt(z) })
      .selector('node[root = 1]').style({ 'font-size': 13 / z, width: 28 / Math.sqrt(z), height: 28 / Math.sqrt(z) })
      .selector('edge').style({ 'font-size': 10 / z, width: 2 / Math.sqrt(z) })
      .update();
  };
  legible();
  cy.on('zoom', legible);
  cy.on('mouseover', 'node', (ev) => ev.target.addClass('named'));
  cy.on('mouseout', 'node', (ev) => ev.target.removeClass('named'));
  cy.on('tap', 'node', (ev) => { location.hash = '#' + actorRoute(ev.target.id()); });
  cy.on('tap', 'edge', (ev) => onEdge(g.edges.get(ev.target.id())));
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  return cy;
}

// keyboard lets the keyboard reach the drawing's actors: the container
// takes focus (Tab; it is no trap, Tab goes on past it), arrow keys move a
// highlight through the actors (the roots first, then ring by ring, by
// name), Home and End go to the first and last, Enter opens the actor's
// page, Escape drops the highlight and leaves for the list of edges (its
// first button, or its heading when there is none). The
// line under the drawing (a live region) says which actor is highlighted.
function keyboard(cy, container, say, leave) {
  const order = cy.nodes().sort((a, b) => b.data('root') - a.data('root') || a.data('depth') - b.data('depth') || a.data('name').localeCompare(b.data('name'))).toArray();
  const hint = `${order.length} actor${order.length === 1 ? '' : 's'}: arrow keys move through them, Enter opens one, Escape leaves.`;
  let at = -1;
  const show = (i) => {
    cy.nodes('.kbd').removeClass('kbd');
    at = i;
    if (i < 0) {
      delete container.dataset.active;
      say.textContent = hint;
      return;
    }
    const n = order[i];
    n.addClass('kbd');
    container.dataset.active = n.id();
    const p = n.renderedPosition();
    if (p.x < 30 || p.y < 30 || p.x > container.clientWidth - 30 || p.y > container.clientHeight - 30) cy.center(n);
    const near = n.neighborhood('node').map((x) => x.data('name'));
    say.textContent = `${n.data('name')} (${n.data('type') || 'actor'}), ${i + 1} of ${order.length}` +
      (near.length ? `, connected to ${near.slice(0, 4).join(', ')}${near.length > 4 ? ` and ${near.length - 4} more` : ''}` : '') +
      '. Enter opens its page.';
  };
  container.addEventListener('focus', () => show(at));
  container.addEventListener('blur', () => cy.nodes('.kbd').removeClass('kbd'));
  container.addEventListener('keydown', (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || !order.length) return;
    const last = order.length - 1;
    switch (ev.key) {
      case 'ArrowRight': case 'ArrowDown': show(at >= last ? 0 : at + 1); break;
      case 'ArrowLeft': case 'ArrowUp': show(at <= 0 ? last : at - 1); break;
      case 'Home': show(0); break;
      case 'End': show(last); break;
      case 'Enter': case ' ':
        if (at < 0) show(0);
        else location.hash = '#' + actorRoute(order[at].id());
        break;
      case 'Escape': show(-1); leave(); break;
      default: return;
    }
    ev.preventDefault();
  });
}

// showEdge shows the facts behind one edge in the side panel.
function showEdge(panel, g, e) {
  const a = g.nodes.get(e.source);
  const b = g.nodes.get(e.target);
  clear(panel,
    h('h2', { tabindex: '-1' }, actorLink(a), ` ${KINDS[e.kind]} `, actorLink(b)),
    h('ol', { class: 'plain' }, [...e.facts.values()].map((f) => h('li', {},
      f.date ? h('time', {}, f.date) : '', ' ',
      f.route ? link(f.route, f.text) : h('span', {}, f.text),
      f.claimedBy ? h('span', { class: 'claim' }, ' according to ', actorLink(f.claimedBy)) : '',
      h('ul', { class: 'plain' }, f.sources.map((s) => h('li', {}, h('blockquote', {}, s.evidence), link(reportRoute(s.report_id, f.id), 'open the report'))))))));
  panel.querySelector('h2').focus();
}

// layoutPage lays out the drawing, its side panel and the edge list.
function layoutPage(main, title, controls) {
  const canvas = h('div', {
    id: 'graph', class: 'graph', tabindex: '0', role: 'application', 'aria-roledescription': 'graph',
    'aria-label': 'Graph drawing: arrow keys move through the actors, Enter opens one, Escape leaves', 'aria-describedby': 'graph-say',
  });
  const say = h('p', { id: 'graph-say', class: 'graph-say muted', 'aria-live': 'polite' });
  const panel = h('aside', { class: 'panel', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Click an edge, or choose one from the list, to see its evidence. Click a node to open its page.'),
    h('p', { class: 'muted' }, 'From the keyboard: Tab to the drawing, arrow keys move through the actors, Enter opens one.'));
  const list = h('div', { class: 'edge-list' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading…');
  clear(main, h('h1', { tabindex: '-1' }, title), controls, status,
    h('div', { class: 'graph-wrap' }, h('div', {}, canvas, say), panel), list);
  main.querySelector('h1').focus();
  return { canvas, say, panel, list, status };
}

function render(parts, g, rootIDs, layout) {
  const { canvas, say, panel, list, status } = parts;
  status.textContent = `${g.nodes.size} actors, ${g.edges.size} edges` + (g.truncated ? ` (capped: at most ${MAX_NODES} actors, ${PER_ACTOR} facts of each kind per actor)` : '');
  const cy = draw(canvas, g, rootIDs, layout, (e) => showEdge(panel, g, e));
  const legend = h('p', { class: 'legend' }, Object.entries(KINDS).map(([k, v]) => h('span', { class: `edge-${k}` }, v)));
  const heading = h('h2', { tabindex: '-1' }, 'Edges');
  keyboard(cy, canvas, say, () => (list.querySelector('button') || heading).focus());
  clear(list, heading, legend,
    h('ul', { class: 'inline' }, [...g.edges.values()].map((e) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => { cy.$(':selected').unselect(); cy.getElementById(e.id).select(); showEdge(panel, g, e); } },
        `${g.nodes.get(e.source).name} ${KINDS[e.kind]} ${g.nodes.get(e.target).name}` + (e.facts.size > 1 ? ` (${e.facts.size})` : ''))))));
  return cy;
}

// graphPage draws an actor's neighbourhood: #/graph/ID?depth=1&edges=met,supports,said
export async function graphPage(main, id, q) {
  const depth = Math.min(3, Math.max(1, Number(q.get('depth')) || 1));
  const kinds = new Set((q.get('edges') || 'met,supports,said').split(',').filter((k) => KINDS[k]));
  const depthSel = h('select', { name: 'depth' }, [1, 2, 3].map((d) => h('option', { value: d, selected: d === depth }, String(d))));
  const boxes = Object.entries(KINDS).map(([k, v]) => h('label', { class: `edge-${k}` }, h('input', { type: 'checkbox', name: k, checked: kinds.has(k) }), ' ', v));
  const controls = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const ks = Object.keys(KINDS).filter((k) => controls[k].checked);
    location.hash = `#/graph/${enc(id)}?depth=${depthSel.value}&edges=${ks.join(',')}`;
  } }, h('label', {}, 'Depth ', depthSel), h('fieldset', { class: 'inline' }, h('legend', {}, 'Edges'), boxes), h('button', { type: 'submit' }, 'Draw'));
  const parts = layoutPage(main, 'Connections of …', controls);
  let root;
  try {
    root = await get(entityPath(id));
    document.title = `Graph of ${root.name} · Parley`;
    clear(main.querySelector('h1'), 'Connections of ', actorLink(root), ' ', typeBadge(root.type));
    const g = await neighbourhood(root, depth, kinds);
    render(parts, g, [root.id], 'rings');
  } catch (err) {
    clear(parts.status, errorView(err));
  }
}

// connectPage draws the shortest connections: #/connect?from=A&to=B&hops=3
export async function connectPage(main, q) {
  const from = q.get('from') || '';
  const to = q.get('to') || '';
  const hops = Math.min(6, Math.max(1, Number(q.get('hops')) || 3));
  const chosen = { from, to }; // ids picked from suggestions; '' sends the typed name
  const a = actorBox({ label: 'From ', onPick: (e) => { chosen.from = e.id; } });
  const b = actorBox({ label: 'To ', onPick: (e) => { chosen.to = e.id; } });
  a.input.addEventListener('input', () => { chosen.from = ''; });
  b.input.addEventListener('input', () => { chosen.to = ''; });
  const hopsSel = h('select', { name: 'hops' }, [1, 2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === hops }, String(n))));
  const controls = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const f = chosen.from || a.input.value.trim();
    const t = chosen.to || b.input.value.trim();
    location.hash = `#/connect?from=${enc(f)}&to=${enc(t)}&hops=${hopsSel.value}`;
  } }, a.el, b.el, h('label', {}, 'At most ', hopsSel, ' hops'), h('button', { type: 'submit' }, 'Find'));
  const parts = layoutPage(main, 'Shortest connections', controls);
  document.title = 'Connections · Parley';
  if (!from || !to) {
    parts.status.textContent = 'Choose two actors.';
    (from ? b : a).input.focus();
    if (from) get(entityPath(from)).then((e) => { a.input.value = e.name; }).catch(() => {});
    return;
  }
  try {
    const r = await get('/v1/connections', { from, to, max_hops: hops });
    a.input.value = r.from.name;
    b.input.value = r.to.name;
    chosen.from = r.from.id;
    chosen.to = r.to.id;
    const g = new Graph();
    for (const p of r.paths) {
      p.nodes.forEach((n, i) => g.node(n, i));
      for (const st of p.steps) {
        for (const l of st.links) {
          const kind = OF_LINK[l.type] || 'met';
          const f = { id: l.fact_id, kind, date: dateText(l.date), text: kind === 'met' ? 'meeting' : kind === 'supports' ? 'support' : 'statement', sources: [l.source] };
          if (kind === 'met') f.route = meetingRoute({ id: l.fact_id });
          if (kind === 'said') f.text = l.source.evidence.length > 90 ? l.source.evidence.slice(0, 90) + '…' : l.source.evidence;
          g.fact(kind, l.from, l.to, f);
        }
      }
    }
    if (!r.paths.length) {
      parts.status.textContent = `No connection within ${hops} hops.`;
      g.node(r.from, 0);
      g.node(r.to, 0);
    }
    render(parts, g, [r.from.id, r.to.id], 'tree');
    if (r.paths.length) parts.status.textContent = `${r.paths.length} shortest path${r.paths.length === 1 ? '' : 's'} of ${r.paths[0].steps.length} hop${r.paths[0].steps.length === 1 ? '' : 's'}; ` + parts.status.textContent;
  } catch (err) {
    clear(parts.status, errorView(err));
  }
}
