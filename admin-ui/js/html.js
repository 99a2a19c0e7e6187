// Every value interpolated into markup goes through escapeHtml unless it is itself a Markup built here,
// so reviewer notes, SKU ids and file names can never become elements.

/** Markup that is already safe: produced by the html tag or by a trusted constant. */
export class Markup {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

function piece(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(value);
}

/** Tagged template: html`<td>${userText}</td>` escapes userText; nested html`` and arrays pass through. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Markup(out);
}

/** Replaces the element's content with the template. */
export function mount(element, markup) {
  element.innerHTML = piece(markup);
  return element;
}

/** Marks a constant string (never user data) as markup, e.g. an inline SVG icon. */
export function trusted(text) {
  return new Markup(text);
}
