// A tiny element builder: enough for accessible pages without a framework.
import { t } from './i18n';

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
    setTitle(heading.textContent ?? '');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** The document's title: the page's name, then Samråd's. */
export function setTitle(page: string): void {
  document.title = page ? t('app.pageTitle', { page }) : t('app.name');
}

/** Tells screen-reader users something without moving focus (the page's polite live region). */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Emptied first, so that the same words twice are heard twice.
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 100);
}

/** The element now in the page with `el`'s id (a live refresh may have replaced it), else `el`. */
export function current<E extends HTMLElement>(el: E): E {
  return (el.id ? (document.getElementById(el.id) as E | null) : null) ?? el;
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isField(el: Element | null): el is Field {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** Whether the user has changed a field from what the page rendered into it. */
export function isDirty(el: Element | null): boolean {
  if (!isField(el)) return false;
  if (el instanceof HTMLSelectElement) {
    const options = [...el.options];
    if (el.multiple) return options.some((o) => o.selected !== o.defaultSelected);
    const initial = options.findIndex((o) => o.defaultSelected);
    return el.selectedIndex !== Math.max(initial, 0);
  }
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    return el.checked !== el.defaultChecked;
  }
  return el.value !== el.defaultValue;
}

/** A key to find the same element after a re-render: its id, else its tag, text and rank among alike. */
function keyOf(el: Element, root: Element): string {
  if (el.id) return `#${el.id}`;
  const signature = (e: Element) => `${e.tagName}|${e.textContent?.trim() ?? ''}`;
  const alike = [...root.querySelectorAll(el.tagName)].filter((e) => signature(e) === signature(el));
  return `${signature(el)}|${alike.indexOf(el)}`;
}

function findByKey(key: string, root: Element): HTMLElement | null {
  if (key.startsWith('#')) return root.querySelector<HTMLElement>(`#${CSS.escape(key.slice(1))}`);
  const [tag = 'x', text, rank] = key.split('|');
  const alike = [...root.querySelectorAll<HTMLElement>(tag)].filter((e) => (e.textContent?.trim() ?? '') === text);
  return alike[Number(rank)] ?? null;
}

/**
 * Replaces the main region's content with a fresh render of the same page, as a background
 * refresh: what the user typed (fields they changed, matched by id), the contents of
 * elements marked `data-keep` (status messages), focus, selection and scroll position
 * survive. Returns whether the visible text changed.
 */
export function replaceKeepingState(...children: (Node | null)[]): boolean {
  const main = document.getElementById('main');
  if (!main) return false;
  const fresh = document.createDocumentFragment();
  fresh.append(...children.filter((c): c is Node => c !== null));
  const find = (id: string) => fresh.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  const active = document.activeElement;
  const focusKey = active && active !== main && main.contains(active) ? keyOf(active, main) : null;
  let selection: [number | null, number | null] | null = null;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    try {
      selection = [active.selectionStart, active.selectionEnd];
    } catch {
      selection = null;
    }
  }
  const before = main.textContent;
  const { scrollX, scrollY } = window;

  for (const old of main.querySelectorAll<HTMLElement>('[data-keep][id]')) {
    const now = find(old.id);
    if (now && !now.hasChildNodes()) now.replaceChildren(...old.childNodes);
  }
  for (const old of main.querySelectorAll('input[id], textarea[id], select[id]')) {
    const now = find(old.id);
    if (!isField(old) || !isDirty(old) || !now || now.tagName !== old.tagName) continue;
    if (old instanceof HTMLSelectElement && now instanceof HTMLSelectElement) {
      for (const option of now.options) {
        option.selected = [...old.selectedOptions].some((o) => o.value === option.value);
      }
    } else if (old instanceof HTMLInputElement && now instanceof HTMLInputElement && old.type === now.type) {
      if (old.type === 'checkbox' || old.type === 'radio') now.checked = old.checked;
      else now.value = old.value;
    } else if (old instanceof HTMLTextAreaElement && now instanceof HTMLTextAreaElement) {
      now.value = old.value;
    }
  }

  main.replaceChildren(fresh);
  main.removeAttribute('aria-busy');
  main.querySelector('h1')?.setAttribute('tabindex', '-1');

  const again = focusKey ? findByKey(focusKey, main) : null;
  if (again) {
    again.focus({ preventScroll: true });
    if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
      try {
        again.setSelectionRange(selection[0], selection[1]);
      } catch {
        // Not a text field (a date, a number): nothing to restore.
      }
    }
  }
  window.scrollTo(scrollX, scrollY);
  return main.textContent !== before;
}

const leaving: (() => void)[] = [];

/** Runs `cleanup` when the user leaves the page shown now (stops what the page follows). */
export function onLeave(cleanup: () => void): void {
  leaving.push(cleanup);
}

/** The router leaves the page shown now. */
export function leavePage(): void {
  for (const cleanup of leaving.splice(0)) cleanup();
}

export function loading(text: string): void {
  const main = document.getElementById('main');
  if (!main) return;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { role: 'status' }, text));
}
