/**
 * How kinds look. Colours are the Okabe–Ito palette (distinguishable with colour-blindness) and
 * each kind has its own shape too, so that colour is never the only cue (WCAG 1.4.1).
 */
import type { NodeKind } from '../../../../api/src/domain/model.js';

export interface KindLook {
  colour: string;
  shape: 'round-rectangle' | 'ellipse' | 'diamond' | 'hexagon' | 'triangle' | 'tag' | 'rectangle' | 'vee';
}

export const KIND_LOOK: Readonly<Record<NodeKind, KindLook>> = {
  organisation: { colour: '#0072B2', shape: 'round-rectangle' },
  person: { colour: '#E69F00', shape: 'ellipse' },
  event: { colour: '#009E73', shape: 'diamond' },
  initiative: { colour: '#CC79A7', shape: 'hexagon' },
  place: { colour: '#56B4E9', shape: 'triangle' },
  topic: { colour: '#C9B800', shape: 'tag' },
  source: { colour: '#7F7F7F', shape: 'rectangle' },
  figure: { colour: '#D55E00', shape: 'vee' },
};

/** Community colours: Tableau 10 plus two, cycled beyond twelve communities. */
const COMMUNITY_COLOURS = ['#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F', '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#BAB0AC', '#1B9E77', '#7570B3'];

export function communityColour(community: number | undefined): string {
  if (community === undefined || community < 0) return '#BBBBBB';
  return COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length]!;
}

export const GROUP_COLOUR = '#5F6B7A';

/** Node diameter for a metric value: area grows with the value, so hubs stand out without hiding others. */
export function nodeSize(value: number | undefined, max: number): number {
  const MIN = 18;
  const MAX = 64;
  if (value === undefined || !(max > 0)) return MIN + 6;
  return Math.round(MIN + (MAX - MIN) * Math.sqrt(Math.max(0, value) / max));
}
