// An actor search box with suggestions as you type (the ARIA combobox
// pattern): arrow keys move through them, Enter opens or picks one, Escape
// closes the list.
import { h, clear, debounce } from './dom.js';
import { get, latest } from './api.js';
import { typeBadge, prettyID, titleText } from './view.js';

let serial = 0;

// fold lowers case and strips accents, as the API compares names.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// matchedAlias is the alias that the query matched when the name did not.
function matchedAlias(e, q) {
  const f = fold(q.trim());
  const hit = (s) => fold(s).startsWith(f) || fold(s).split(/[\s-]+/).some((w) => w.startsWith(f));
  if (hit(e.name)) return '';
  return (e.aliases || []).find(hit) || '';
}

// actorBox returns {el, input, set}: a labelled input whose suggestions are
// actors; onPick(entity) is called with the chosen one.
// onEnter(text), if given, is called on Enter when no suggestion is there to
// pick (the API resolves names itself); without it, Enter submits the form
// around the box.
export function actorBox({ label, placeholder = 'Name or alias', onPick, onEnter, value = '', id }) {
  const n = ++serial;
  const listID = `suggest-${n}`;
  const input = h('input', {
    id: id || `actor-${n}`, type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listID, placeholder, value,
  });
  const list = h('ul', { id: listID, role: 'listbox', class: 'suggestions', hidden: true });
  let items = [];
  let active = -1;
  let shownFor = null; // the text the suggestions shown are for
  // Each keystroke aborts the request before it, so a slow answer to an
  // older prefix can never replace the suggestions for a newer one.
  const lookup = latest((signal, q) => get('/v1/entities', { q, limit: 8 }, signal));

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function mark(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }
  function pick(e) {
    suggest.cancel();
    lookup.cancel();
    input.value = e.name;
    close();
    onPick(e);
  }
  function show(q, es) {
    items = es;
    shownFor = q;
    clear(list, es.map((e, i) => {
      const alias = matchedAlias(e, q);
      return h('li', { id: `${listID}-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (ev) => { ev.preventDefault(); pick(e); } },
        h('span', { class: 'name' }, e.name), ' ', typeBadge(e.type),
        alias ? h('span', { class: 'muted' }, ` “${alias}”`) : '',
        h('div', { class: 'detail' }, [(e.titles || []).map(titleText).join('; '), e.country ? prettyID(e.country) : ''].filter(Boolean).join(' · ')));
    }));
    if (!es.length) list.append(h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'No actor starts with that'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  }
  // Suggestions start at the first letter (the store walks its actors in
  // name order for short prefixes), a little after the typing pauses.
  const suggest = debounce(async () => {
    const q = input.value.trim();
    if (!q) { lookup.cancel(); close(); return; }
    try {
      const page = await lookup(q);
      if (document.activeElement === input) show(q, page.items || []);
    } catch (err) {
      if (err.name !== 'AbortError') { items = []; clear(list, h('li', { class: 'muted' }, err.message)); list.hidden = false; }
    }
  }, 120);
  input.addEventListener('input', () => { lookup.cancel(); suggest(); });
  input.addEventListener('blur', () => { suggest.cancel(); lookup.cancel(); setTimeout(close, 100); });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (list.hidden) { suggest(); return; }
      ev.preventDefault();
      if (!items.length) return;
      const d = ev.key === 'ArrowDown' ? 1 : -1;
      mark((active + d + items.length) % items.length);
    } else if (ev.key === 'Enter') {
      // The chosen suggestion, else the first if the list is for the text
      // as typed now, else the text itself (the API resolves names).
      const q = input.value.trim();
      const open = !list.hidden && items.length;
      const choice = open && (active >= 0 ? items[active] : shownFor === q ? items[0] : null);
      suggest.cancel();
      lookup.cancel();
      if (choice) {
        ev.preventDefault();
        pick(choice);
      } else if (onEnter && q) {
        ev.preventDefault();
        close();
        onEnter(q);
      } else close(); // and a form around the box submits
    } else if (ev.key === 'Escape') {
      close();
    }
  });

  const el = h('div', { class: 'combo' }, label ? h('label', { for: input.id }, label) : '', input, list);
  return { el, input };
}
