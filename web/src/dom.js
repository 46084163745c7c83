// Small DOM helpers: elements are built with h(), never from HTML strings,
// so text from reports can not inject markup.

// h creates an element. attrs: "class", "on<event>" handlers, "dataset"
// (an object), boolean and string attributes. Children may be strings,
// nodes, arrays or null/undefined/false (skipped).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// clear removes every child of el and appends the given children.
export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// debounce delays fn until ms have passed without a call; cancel() drops
// the call waiting.
export function debounce(fn, ms) {
  let t;
  const call = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  call.cancel = () => clearTimeout(t);
  return call;
}

// link builds an in-app link to a hash route.
export function link(route, text, attrs = {}) {
  return h('a', { href: '#' + route, ...attrs }, text);
}
