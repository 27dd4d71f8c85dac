// Small DOM helpers. Every text goes in as a text node (never as HTML), so nothing the API returns can become markup.

/** An element with attributes (a `class` string, `hidden`, anything else as an attribute) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const byId = (id) => document.getElementById(id);

/** A time in the reader's local time, with the UTC value on hover and in `datetime`. */
export function time(milliseconds) {
  if (milliseconds === undefined || milliseconds === null) return '';
  const date = new Date(milliseconds);
  const utc = date.toISOString();
  return h('time', { datetime: utc, title: utc.replace('T', ' ').replace('Z', ' UTC') }, date.toLocaleString());
}

/** Shows a message in an error element (role alert), or hides it for null. */
export function showError(element, message) {
  element.textContent = message ?? '';
  element.hidden = !message;
}

/** A definition list's term and value, left out when the value is empty. */
export function field(term, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return [];
  return [h('dt', {}, term), h('dd', {}, value)];
}

/** JSON-ish text (headers, bodies) as a preformatted block. */
export function block(value) {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return h('pre', {}, text);
}

/** `1 entry`, `120 entries`. */
export function describeCount(count, [one, many]) {
  return `${count} ${count === 1 ? one : many}`;
}
