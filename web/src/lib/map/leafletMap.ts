// The map itself: Leaflet with the server's tile service, or no background at all, and
// places clustered by supercluster. Loaded only when a page shows a map (its own chunk).
//
// What it keeps to:
// - No tile request unless the server names a tile service (SAMRAD_MAP_TILES); for places that
//   must not be given away (a restricted picture's), none finer than a town's scale (zoom 12),
//   enlarged beyond it; and the service is told Samråd's origin only, never the page's address.
// - One marker per place. Every marker is a keyboard button named by its label (the place
//   and its trends' words); Enter or Space opens its details, or, on a group, zooms in until
//   the group splits; a group that no zoom splits (places at one spot) opens a list of them.
// - Focus is never dropped: a marker that has it and is drawn anew (groups change at every
//   zoom) hands it to the marker now holding its places, or else to the map.
// - While it moves, the map says it is busy (aria-busy), until its markers are drawn anew.
// - Labels are HTML beside their markers, moved to whichever side has room after every move,
//   so that none is cut off by the map's edge or hidden under a control or another label.
// - Place names are data: they reach the page as text, never as HTML.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import Supercluster from 'supercluster';
import type { WebConfig } from '../config';
import { SHAPE_PATHS, shapeOf, type MapPlace } from './shapes';
import './map.css';

/** The map's words, in the reader's language; `{count}` and `{names}` are filled in. */
export type MapTexts = {
  /** A group's accessible name: `{count}` places, `{names}`. */
  cluster: string;
  /** The accessible name of a group that no zoom splits, which opens as a list. */
  clusterList: string;
  /** The title of such a list: `{count}` places. */
  list: string;
  /** Added to a group's list of names when it holds more than are named. */
  more: string;
  zoomIn: string;
  zoomOut: string;
  close: string;
  /** The link to a place's own page. */
  open: string;
};

/** How the places may be shown. */
export type MapOptions = {
  /**
   * The places are not to be given away street by street to the tile service (a restricted
   * situation picture's): tiles are asked for no finer than COARSE_ZOOM.
   */
  coarse: boolean;
};

export type MapHandle = {
  /** Shows these places (fitted into view when the set changes) with these words. */
  show(places: MapPlace[], texts: MapTexts, options: MapOptions): void;
  destroy(): void;
};

type Props = { index: number };
type Index = Supercluster<Props, Props>;
/** A marker on the map, its label (a place's), and half its shape's size in pixels. */
type Marked = { marker: L.Marker; label: HTMLElement | null; half: number };

/** Markers closer than this many screen pixels are drawn as one group (below the highest zoom). */
const CLUSTER_RADIUS = 48;
const MAX_ZOOM = 18;
/**
 * The finest tiles asked for when the places are restricted: at 60° N a tile is some 5 km
 * across, so the service learns the town and its surroundings, not the street.
 */
const COARSE_ZOOM = 12;
/** How close a label may come to the map's edge, in pixels. */
const EDGE = 4;
const ICON = 22;
/** How wide a place's details may be, where the map has room. */
const POPUP_WIDTH = 260;
/** How far Leaflet keeps a popup from the map's edge (and controls) when it moves the map to show it. */
const POPUP_PAD = 16;
/** What Leaflet's popup adds around its content: margins 20 + 24 px, 1 px padding each side, 1 px. */
const POPUP_FRAME_WIDTH = 47;
/** Likewise in height: margins 13 + 13 px, padding, the tip (20 px) and half the marker. */
const POPUP_FRAME_HEIGHT = 28 + 20 + ICON / 2;
/** At the highest zoom, only markers this close (their shapes overlap) are one group. */
const SPOT_RADIUS = ICON;
const SVG = 'http://www.w3.org/2000/svg';

function shapeIcon(place: MapPlace): HTMLElement {
  const shape = shapeOf(place.trends);
  const root = document.createElement('span');
  root.className = 'map-marker-inner';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `map-shape map-shape-${shape}`);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', SHAPE_PATHS[shape]);
  svg.append(path);
  const label = document.createElement('span');
  label.className = 'map-label';
  label.setAttribute('aria-hidden', 'true');
  label.textContent = place.label;
  root.append(svg, label);
  return root;
}

/** A place's details: named by its label, which is their title, then its lines and link. */
function popupOf(place: MapPlace, texts: MapTexts): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  root.tabIndex = -1;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', place.label);
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = place.label;
  title.append(strong);
  root.append(title, ...detailsOf(place));
  if (place.href) {
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.href = place.href;
    a.textContent = texts.open;
    p.append(a);
    root.append(p);
  }
  return root;
}

/** A place's further lines, one paragraph each. */
function detailsOf(place: MapPlace): HTMLElement[] {
  return (place.details ?? []).map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  });
}

/** Places at one spot, as a list by name, each with its details; a place's own page is linked from its name. */
function listOf(places: MapPlace[], texts: MapTexts): HTMLElement {
  const title = texts.list.replace('{count}', String(places.length));
  const root = document.createElement('div');
  root.className = 'map-popup';
  root.tabIndex = -1;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', title);
  const heading = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = title;
  heading.append(strong);
  const list = document.createElement('ul');
  list.className = 'map-popup-list';
  for (const place of [...places].sort((a, b) => a.label.localeCompare(b.label, 'sv'))) {
    const item = document.createElement('li');
    const name = document.createElement('p');
    if (place.href) {
      const a = document.createElement('a');
      a.href = place.href;
      a.textContent = place.label;
      name.append(a);
    } else {
      const b = document.createElement('strong');
      b.textContent = place.label;
      name.append(b);
    }
    item.append(name, ...detailsOf(place));
    list.append(item);
  }
  root.append(heading, list);
  return root;
}

/** Text the tile service asks to be credited with, safe to hand to Leaflet (which takes HTML). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Box = { left: number; top: number; right: number; bottom: number };

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Draws a map into `container`, which must have a size; the places come with `show`. */
export function createMap(container: HTMLElement, config: WebConfig, texts: MapTexts): MapHandle {
  // Whoever asks for less motion gets jumps instead of animated zooms, pans and fades.
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(container, {
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
    zoomControl: false,
    attributionControl: false,
    maxZoom: MAX_ZOOM,
    minZoom: 2,
    worldCopyJump: true,
  });
  if (still) {
    // Leaflet animates every pan (to a focused marker, to show a popup, by the arrow keys)
    // whatever the zoom options say; these jump too.
    const panBy = map.panBy.bind(map);
    map.panBy = (offset, options) => panBy(offset, { ...options, animate: false });
  }
  let zoom = L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  let tiles: { layer: L.TileLayer; coarse: boolean } | null = null;
  /** Puts the tile service's layer on the map (before it has a view, so no tile is asked for early). */
  function useTiles(coarse: boolean): void {
    if (!config.mapTiles || tiles?.coarse === coarse) return;
    tiles?.layer.remove();
    const layer = L.tileLayer(config.mapTiles, {
      maxZoom: MAX_ZOOM,
      // Restricted: finer zooms show the coarse tiles enlarged instead of asking for finer ones.
      maxNativeZoom: coarse ? COARSE_ZOOM : MAX_ZOOM,
      // The service is told Samråd's origin, never the page (which names the picture).
      referrerPolicy: 'strict-origin-when-cross-origin',
      attribution: config.mapAttribution ? escapeHtml(config.mapAttribution) : undefined,
    });
    tiles = { layer: layer.addTo(map), coarse };
  }

  let places: MapPlace[] = [];
  let words = texts;
  let index: Index = new Supercluster({ radius: CLUSTER_RADIUS, extent: 256, maxZoom: MAX_ZOOM - 1 });
  /** The groups at the highest zoom: only places whose shapes would overlap. */
  let spots: Index = new Supercluster({ radius: SPOT_RADIUS, extent: 256, minZoom: MAX_ZOOM, maxZoom: MAX_ZOOM });
  /**
   * Markers on the map by key: `p<index>` for a place, `c<cluster id>` for a group below the
   * highest zoom, `s<cluster id>` for one at it.
   */
  let shown = new Map<string, Marked>();
  /** The places a group held that was opened from the keyboard: one of them gets focus. */
  let focusAfterMove: Set<number> | null = null;
  /** Popups (kept by Leaflet between openings) that already close on Escape. */
  const escapable = new WeakSet<HTMLElement>();
  /** The places last fitted into view, as a key; null before the first. */
  let fittedTo: string | null = null;

  const keyboardActivation = (element: HTMLElement, activate: () => void) => {
    // Leaflet opens a marker on Enter; a button also answers Space.
    L.DomEvent.on(element, 'keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === ' ' || key === 'Spacebar') {
        L.DomEvent.preventDefault(event);
        activate();
      }
    });
  };

  /**
   * Gives a marker its details (made when opened) and its name; Enter (Leaflet's) or Space opens
   * them, with focus inside, and Escape or closing gives focus back to the marker.
   */
  function withPopup(marker: L.Marker, name: string, content: () => HTMLElement): void {
    marker.bindPopup(
      () => {
        fitPopup(marker.getPopup());
        return content();
      },
      { autoPanPadding: [POPUP_PAD, POPUP_PAD], maxWidth: POPUP_WIDTH },
    );
    marker.on('add', () => {
      const element = marker.getElement();
      if (!element) return;
      element.setAttribute('aria-label', name);
      keyboardActivation(element, () => marker.openPopup());
    });
    marker.on('popupopen', (event) => {
      const popup = (event as L.PopupEvent).popup.getElement();
      const icon = marker.getElement();
      if (!popup) return;
      const close = popup.querySelector<HTMLElement>('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', words.close);
      close?.setAttribute('title', words.close);
      // Leaflet closes on Escape only while the map itself has focus; here focus may be inside.
      if (!escapable.has(popup)) {
        escapable.add(popup);
        L.DomEvent.on(popup, 'keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Escape') map.closePopup();
        });
      }
      // Opened from the marker (it has focus): the reader goes on into what opened.
      if (icon && document.activeElement === icon) popup.querySelector<HTMLElement>('.map-popup')?.focus();
    });
    marker.on('popupclose', (event) => {
      const popup = (event as L.PopupEvent).popup.getElement();
      const active = document.activeElement;
      if (active === document.body || (popup && active && popup.contains(active))) {
        marker.getElement()?.focus({ preventScroll: true });
      }
    });
  }

  /**
   * Bounds a popup by the room the map has as it opens (Leaflet lays it out right after asking
   * for its content), so that on a narrow phone it is never cut off by the map's edge nor
   * under a control: it keeps right of the controls at the top (the zoom buttons, top left)
   * and above those at the bottom (scale, credits), and what does not fit in height scrolls.
   */
  function fitPopup(popup: L.Popup | undefined): void {
    if (!popup) return;
    const frame = container.getBoundingClientRect();
    let left = POPUP_PAD;
    let bottom = POPUP_PAD;
    for (const control of container.querySelectorAll('.leaflet-control')) {
      const box = control.getBoundingClientRect();
      if (box.bottom - frame.top < frame.height / 2) left = Math.max(left, box.right - frame.left + EDGE);
      else bottom = Math.max(bottom, frame.bottom - box.top + EDGE);
    }
    const { x, y } = map.getSize();
    const options = popup.options;
    options.autoPanPaddingTopLeft = [left, POPUP_PAD];
    options.autoPanPaddingBottomRight = [POPUP_PAD, bottom];
    options.maxWidth = Math.max(
      options.minWidth ?? 50,
      Math.min(POPUP_WIDTH, x - left - POPUP_PAD - POPUP_FRAME_WIDTH),
    );
    options.maxHeight = Math.max(80, y - POPUP_PAD - bottom - POPUP_FRAME_HEIGHT);
  }

  function placeMarker(i: number): Marked {
    const place = places[i] as MapPlace;
    const marker = L.marker([place.lat, place.lon], {
      icon: L.divIcon({
        html: shapeIcon(place),
        className: 'map-marker',
        iconSize: [ICON, ICON],
        iconAnchor: [ICON / 2, ICON / 2],
        popupAnchor: [0, -ICON / 2],
      }),
      keyboard: true,
      riseOnHover: true,
    });
    withPopup(marker, place.label, () => popupOf(place, words));
    const element = marker.addTo(map).getElement();
    // The shape is 20 px inside the 22 px icon.
    return { marker, label: element?.querySelector<HTMLElement>('.map-label') ?? null, half: ICON / 2 - 1 };
  }

  /** Whether these places are one group at the highest zoom, which no zoom can split. */
  function oneSpot(leaves: number[]): boolean {
    const at = leaves.map((i) => places[i] as MapPlace);
    const lats = at.map((p) => p.lat);
    const lons = at.map((p) => p.lon);
    const near = 1e-6;
    const bbox: [number, number, number, number] = [
      Math.min(...lons) - near,
      Math.min(...lats) - near,
      Math.max(...lons) + near,
      Math.max(...lats) + near,
    ];
    return spots.getClusters(bbox, MAX_ZOOM).some((f) => {
      if (!('cluster' in f.properties) || f.properties.point_count !== leaves.length) return false;
      const held = new Set(spots.getLeaves(f.properties.cluster_id, Infinity).map((l) => l.properties.index));
      return leaves.every((i) => held.has(i));
    });
  }

  function groupMarker(key: string, id: number, count: number, lat: number, lon: number): Marked {
    // Five names at most, and the count from the group: not every place of a large group.
    const names = (key.startsWith('s') ? spots : index)
      .getLeaves(id, 5)
      .map((f) => places[f.properties.index]?.name ?? '')
      .sort((a, b) => a.localeCompare(b, 'sv'));
    const named = names.join(', ') + (count > names.length ? `, ${words.more}` : '');
    const inner = document.createElement('span');
    inner.className = 'map-cluster-inner';
    inner.setAttribute('aria-hidden', 'true');
    inner.textContent = String(count);
    const size = count < 10 ? 32 : count < 100 ? 38 : 44;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ html: inner, className: 'map-cluster', iconSize: [size, size] }),
      keyboard: true,
      riseOnHover: true,
      zIndexOffset: 1000,
    });
    const name = (text: string) => text.replace('{count}', String(count)).replace('{names}', named);
    // A group no zoom splits opens as a list where it is: zooming in would only stack its markers.
    // (All the places of a group are looked up only for one that splits at the highest zoom,
    // whose places lie within a few dozen metres, or when it is opened.)
    const expansion = key.startsWith('s') ? Infinity : index.getClusterExpansionZoom(id);
    if (expansion > MAX_ZOOM || (expansion === MAX_ZOOM && oneSpot(placesOf(key)))) {
      withPopup(marker, name(words.clusterList), () =>
        listOf(
          placesOf(key).map((i) => places[i] as MapPlace),
          words,
        ),
      );
      marker.addTo(map);
      return { marker, label: null, half: size / 2 };
    }
    const open = (fromKeyboard: boolean) => {
      focusAfterMove = fromKeyboard ? new Set(placesOf(key)) : null;
      map.setView([lat, lon], Math.min(expansion, MAX_ZOOM));
    };
    marker.on('click', () => open(false));
    marker.on('keypress', (event) => {
      if ((event as L.LeafletKeyboardEvent).originalEvent.key === 'Enter') open(true);
    });
    marker.on('add', () => {
      const element = marker.getElement();
      if (!element) return;
      element.setAttribute('aria-label', name(words.cluster));
      keyboardActivation(element, () => open(true));
    });
    marker.addTo(map);
    return { marker, label: null, half: size / 2 };
  }

  /** Puts the markers of what is in view (and a little around it) on the map, keeping those already there. */
  function render(): void {
    // A map with no room (hidden, or the window squeezed for a moment) shows nothing, and keeps
    // its markers (and focus) for when it has room again.
    const size = map.getSize();
    if (!size.x || !size.y) return;
    const bounds = map.getBounds().pad(0.5);
    const zoom = Math.round(map.getZoom());
    // At the highest zoom, only places whose markers would overlap stay grouped.
    const spotted = zoom >= MAX_ZOOM;
    const features = (spotted ? spots : index).getClusters(
      [
        Math.max(-180, bounds.getWest()),
        Math.max(-85, bounds.getSouth()),
        Math.min(180, bounds.getEast()),
        Math.min(85, bounds.getNorth()),
      ],
      zoom,
    );
    const next = new Map<string, Marked>();
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties;
      const group = 'cluster' in props && props.cluster ? props : null;
      const key = group ? `${spotted ? 's' : 'c'}${group.cluster_id}` : `p${(props as Props).index}`;
      const kept = shown.get(key);
      if (kept) next.set(key, kept);
      else if (group) next.set(key, groupMarker(key, group.cluster_id, group.point_count, lat, lon));
      else next.set(key, placeMarker((props as Props).index));
    }
    // Focus on a marker about to go is remembered, for the marker that holds its places now.
    const active = document.activeElement;
    let lost: Set<number> | null = null;
    for (const [key, { marker }] of shown) {
      if (next.has(key)) continue;
      const popup = marker.getPopup()?.getElement();
      if (active && (marker.getElement()?.contains(active) || popup?.contains(active))) lost = new Set(placesOf(key));
      marker.remove();
    }
    shown = next;
    placeLabels();
    const wanted = focusAfterMove ?? lost;
    focusAfterMove = null;
    if (wanted) {
      const target = markerHolding(wanted)?.marker.getElement();
      if (target) target.focus({ preventScroll: true });
      else if (!container.contains(document.activeElement)) container.focus({ preventScroll: true });
    }
    container.removeAttribute('aria-busy');
  }

  /** The places a marker stands for, by its key. */
  function placesOf(key: string): number[] {
    const id = Number(key.slice(1));
    if (key.startsWith('p')) return [id];
    return (key.startsWith('s') ? spots : index).getLeaves(id, Infinity).map((f) => f.properties.index);
  }

  /** The marker of one of these places, else the group holding one of them, if either is on the map. */
  function markerHolding(wanted: Set<number>): Marked | null {
    for (const i of wanted) {
      const marked = shown.get(`p${i}`);
      if (marked) return marked;
    }
    for (const [key, marked] of shown) {
      if (!key.startsWith('p') && placesOf(key).some((i) => wanted.has(i))) return marked;
    }
    return null;
  }

  /**
   * Sets the label of each marker in view beside it: right, left, below or above, the first
   * that is inside the map and clear of controls, shapes and labels already set; failing that,
   * the first inside the map; failing that, pushed inside. A label whose marker is out of view
   * is hidden. Everything is read before anything is written, and the other way round, so that
   * the browser lays the page out twice, not once for every label.
   */
  function placeLabels(): void {
    const { x: width, y: height } = map.getSize();
    // Reads: where the controls are (relative to where Leaflet's container points start).
    const frame = container.getBoundingClientRect();
    const originX = frame.left + container.clientLeft;
    const originY = frame.top + container.clientTop;
    const taken: Box[] = [...container.querySelectorAll('.leaflet-control')].map((control) => {
      const r = control.getBoundingClientRect();
      return { left: r.left - originX, top: r.top - originY, right: r.right - originX, bottom: r.bottom - originY };
    });
    // The markers' shapes from their positions (no layout needed); a shape partly in view takes its room.
    const labelled: { label: HTMLElement; at: L.Point }[] = [];
    const hidden: HTMLElement[] = [];
    for (const { marker, label, half } of shown.values()) {
      const at = map.latLngToContainerPoint(marker.getLatLng());
      if (at.x >= -half && at.x <= width + half && at.y >= -half && at.y <= height + half) {
        taken.push({ left: at.x - half, top: at.y - half, right: at.x + half, bottom: at.y + half });
      }
      if (!label) continue;
      if (at.x >= 0 && at.x <= width && at.y >= 0 && at.y <= height) labelled.push({ label, at });
      else hidden.push(label);
    }
    // Writes: which labels show, and how wide one may be (once, for all of them).
    container.style.setProperty('--map-label-width', `${Math.max(80, Math.min(176, width - 2 * EDGE))}px`);
    for (const label of hidden) label.style.visibility = 'hidden';
    for (const { label } of labelled) label.style.visibility = '';
    // Reads: every label's size, in one layout.
    const sized = labelled.map(({ label, at }) => ({ label, at, w: label.offsetWidth, h: label.offsetHeight }));
    // Writes: each label where it has room.
    const gap = ICON / 2 + 4;
    const inside = (b: Box) => b.left >= EDGE && b.top >= EDGE && b.right <= width - EDGE && b.bottom <= height - EDGE;
    const clear = (b: Box) => !taken.some((t) => overlaps(b, t));
    for (const { label, at, w, h } of sized) {
      const candidates: Box[] = [
        { left: at.x + gap, top: at.y - h / 2 },
        { left: at.x - gap - w, top: at.y - h / 2 },
        { left: at.x - w / 2, top: at.y + gap },
        { left: at.x - w / 2, top: at.y - gap - h },
      ].map((c) => ({ ...c, right: c.left + w, bottom: c.top + h }));
      const first = candidates[0] as Box;
      let box = candidates.find((b) => inside(b) && clear(b)) ?? candidates.find(inside);
      if (!box) {
        const left = Math.min(Math.max(first.left, EDGE), width - EDGE - w);
        const top = Math.min(Math.max(first.top, EDGE), height - EDGE - h);
        box = { left, top, right: left + w, bottom: top + h };
      }
      taken.push(box);
      // The label sits in the marker's icon, whose top left corner is the anchor's distance away.
      label.style.left = `${box.left - (at.x - ICON / 2)}px`;
      label.style.top = `${box.top - (at.y - ICON / 2)}px`;
    }
  }

  // Busy from the start of a move until its markers are drawn (and before the first places).
  container.setAttribute('aria-busy', 'true');
  map.on('movestart zoomstart', () => container.setAttribute('aria-busy', 'true'));
  map.on('moveend zoomend resize', render);
  // The container may change size without the window doing so (a menu folding, fonts).
  const observer = new ResizeObserver(() => map.invalidateSize());
  observer.observe(container);

  return {
    show(next, nextTexts, options) {
      useTiles(options.coarse);
      if (nextTexts.zoomIn !== words.zoomIn || nextTexts.zoomOut !== words.zoomOut) {
        zoom.remove();
        zoom = L.control.zoom({ zoomInTitle: nextTexts.zoomIn, zoomOutTitle: nextTexts.zoomOut }).addTo(map);
      }
      words = nextTexts;
      places = next;
      // The markers are all drawn anew: focus on one of them stays on the map.
      const focused = container.contains(document.activeElement);
      const points = places.map((p, i) => ({
        type: 'Feature' as const,
        properties: { index: i },
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      }));
      index = new Supercluster({ radius: CLUSTER_RADIUS, extent: 256, maxZoom: MAX_ZOOM - 1 });
      index.load(points);
      spots = new Supercluster({ radius: SPOT_RADIUS, extent: 256, minZoom: MAX_ZOOM, maxZoom: MAX_ZOOM });
      spots.load(points);
      for (const { marker } of shown.values()) marker.remove();
      shown = new Map();
      // A new set of places is fitted into view; the same set again (new words) stays where the reader left it.
      const key = places.map((p) => `${p.id}:${p.lat}:${p.lon}`).join('|');
      if (key !== fittedTo) {
        fittedTo = key;
        const bounds = L.latLngBounds(places.map((p) => [p.lat, p.lon] as [number, number]));
        if (places.length === 0) map.setView([62, 15], 4);
        else map.fitBounds(bounds, { padding: [48, 48], maxZoom: 15, animate: false });
      }
      render();
      if (focused && !container.contains(document.activeElement)) container.focus({ preventScroll: true });
    },
    destroy() {
      observer.disconnect();
      map.remove();
    },
  };
}
