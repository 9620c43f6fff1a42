// What a map shows and how a trend looks, shared by the legend (always loaded) and the
// Leaflet map (loaded when a map is shown). A trend is told by shape and by its word, and
// only then by colour, so that it reads in greyscale and to someone who cannot tell red
// from green.
import type { Trend } from '../../gql/graphql';

/** One place on a map. */
export type MapPlace = {
  /** A key that stays the same for the same place while the map is shown. */
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** The situation picture's trend at the place; none on a plain list of places. */
  trend?: Trend | null;
  /** What the marker says, beside it and to a screen reader: the name, and the trend's word. */
  label: string;
  /** Further lines shown when the marker is chosen. */
  details?: string[];
  /** The place's own page, linked from what is shown when the marker is chosen. */
  href?: string | null;
};

export type Shape = 'rising' | 'stable' | 'falling' | 'place';

/** The order the legend lists shapes in. */
export const SHAPES: readonly Shape[] = ['rising', 'stable', 'falling', 'place'];

/** Each shape as an SVG path in a 20 × 20 box: up, round, down, and a diamond for no trend. */
export const SHAPE_PATHS: Record<Shape, string> = {
  rising: 'M10 1.5 L19 18 L1 18 Z',
  stable: 'M10 2 A8 8 0 1 1 9.99 2 Z',
  falling: 'M10 18.5 L19 2 L1 2 Z',
  place: 'M10 1 L19 10 L10 19 L1 10 Z',
};

export function shapeOf(trend: Trend | null | undefined): Shape {
  switch (trend) {
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
