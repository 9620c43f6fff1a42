// What a map shows and how a trend looks, shared by the legend (always loaded) and the
// Leaflet map (loaded when a map is shown). A trend is told by shape and by its word, and
// only then by colour, so that it reads in greyscale and to someone who cannot tell red
// from green. A place whose entries have different trends has a shape of its own and names
// them all.
import type { Trend } from '../../gql/graphql';

/** One place on a map. */
export type MapPlace = {
  /** A key that stays the same for the same place while the map is shown. */
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** The situation picture's trends at the place, each once; none on a plain list of places. */
  trends?: readonly Trend[];
  /** What the marker says, beside it and to a screen reader: the name, and the trends' words. */
  label: string;
  /** Further lines shown when the marker is chosen (a situation picture's: one per entry). */
  details?: string[];
  /** The place's own page, linked from what is shown when the marker is chosen. */
  href?: string | null;
};

export type Shape = 'rising' | 'stable' | 'falling' | 'mixed' | 'place';

/** The order the legend lists shapes in. */
export const SHAPES: readonly Shape[] = ['rising', 'stable', 'falling', 'mixed', 'place'];

/**
 * Each shape as an SVG path in a 20 × 20 box: up, round, down, a square for trends that
 * differ, and a diamond for no trend.
 */
export const SHAPE_PATHS: Record<Shape, string> = {
  rising: 'M10 1.5 L19 18 L1 18 Z',
  stable: 'M10 2 A8 8 0 1 1 9.99 2 Z',
  falling: 'M10 18.5 L19 2 L1 2 Z',
  mixed: 'M2.5 2.5 H17.5 V17.5 H2.5 Z',
  place: 'M10 1 L19 10 L10 19 L1 10 Z',
};

export function shapeOf(trends: readonly Trend[] | undefined): Shape {
  if (trends && trends.length > 1) return 'mixed';
  switch (trends?.[0]) {
    case 'RISING':
      return 'rising';
    case 'STABLE':
      return 'stable';
    case 'FALLING':
      return 'falling';
    default:
      return 'place';
  }
}
