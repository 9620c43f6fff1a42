// A tiny element builder: enough for accessible pages without a framework.
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | ((event: Event) => void) | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(child));
  }
  return el;
}

/** Replaces the main region's content and moves focus to its heading for screen readers. */
export function show(...children: (Node | null)[]): void {
  const main = document.getElementById('main');
  if (!main) return;
  main.replaceChildren(...children.filter((c): c is Node => c !== null));
  main.removeAttribute('aria-busy');
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

export function loading(text: string): void {
  const main = document.getElementById('main');
  if (!main) return;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { role: 'status' }, text));
}
