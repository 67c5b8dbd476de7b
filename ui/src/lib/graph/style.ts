/** The Cytoscape stylesheet: every visual decision reads element data set by elements.ts. */
import type { StylesheetJson } from 'cytoscape';
import { defaults } from './defaults.js';

/** Cytoscape's style parser takes font names unquoted. */
export const FONT_FAMILY = 'Noto Sans Khmer, system-ui, sans-serif';

/** The halo of a node that joined between the two years the changes view compares (the legend draws it too). */
export const JOINED_HALO = '#6A3D9A';

/** `large` views draw edges the cheapest way (no arrows): thousands of them must pan smoothly. */
export function graphStyle(large = false): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        shape: 'data(shape)' as never,
        width: 'data(size)',
        height: 'data(size)',
        // Labels are drawn only where the canvas picked them (class `labelled`): the nodes that
        // matter at this zoom, never two overlapping; the others show on hover or closer in.
        label: '',
        'font-family': FONT_FAMILY,
        // Hubs get larger labels, so that they can be read before the zoom reaches the rest.
        'font-size': 'data(fontSize)',
        color: '#1a1a1a',
        'text-valign': 'bottom',
        'text-margin-y': defaults.labels.margin,
        // The canvas wraps and cuts each label itself (canvas-labels.ts), so that the boxes it
        // picks are the ones drawn: Cytoscape only breaks lines at its '\n'.
        'text-wrap': 'wrap',
        'text-max-width': '100000px',
        // A light halo keeps labels readable over edges.
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        // Labels only where they can be read; zoom in to see more.
        'min-zoomed-font-size': defaults.labels.minFontPx,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    { selector: 'node.labelled', style: { label: 'data(labelText)', 'font-size': 'data(labelSize)' } },
    { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': -defaults.labels.margin } },
    { selector: 'node.label-right', style: { 'text-halign': 'right', 'text-valign': 'center', 'text-margin-x': defaults.labels.margin, 'text-margin-y': 0 } },
    { selector: 'node.label-left', style: { 'text-halign': 'left', 'text-valign': 'center', 'text-margin-x': -defaults.labels.margin, 'text-margin-y': 0 } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#1a1a1a', 'border-style': 'double' } },
    { selector: 'node.collapsed', style: { 'border-width': 3, 'border-color': '#5F6B7A', 'border-style': 'dashed' } },
    { selector: 'node.group', style: { 'font-weight': 'bold', color: '#1a1a1a' } },
    // Newcomers between the two years of the changes view: a halo, so that borders keep their meanings.
    {
      selector: 'node.joined',
      style: { 'underlay-color': JOINED_HALO, 'underlay-opacity': 0.45, 'underlay-padding': 6, 'underlay-shape': 'ellipse' } as never,
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#9aa4ae',
        'target-arrow-color': '#9aa4ae',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': large ? 'haystack' : 'straight',
        opacity: 0.8,
      },
    },
    { selector: 'edge.inferred', style: { 'line-style': 'dashed' } },
    { selector: 'edge.reported', style: { 'line-style': 'dotted' } },
    { selector: 'edge.group-edge', style: { 'line-style': 'dashed', 'line-color': '#5F6B7A' } },
    // Selection and path highlighting: thicker, darker, and everything else fades.
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#b3261e', 'z-index': 10 } },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0 } },
    // The selected node is never faded, whatever a path or a focus leaves out.
    { selector: 'node:selected.faded', style: { opacity: 1, 'text-opacity': 1 } },
    // Hovering a node lifts its neighbours, labels included, above a fade.
    { selector: 'node.hovered, node.neighbour', style: { opacity: 1, 'text-opacity': 1, 'z-index': 9 } },
    { selector: 'node.neighbour', style: { 'border-width': 3, 'border-color': '#1a1a1a' } },
    // The node the arrow keys are on.
    {
      selector: 'node.cursor',
      style: { 'border-width': 5, 'border-color': '#0b5394', 'border-style': 'double', opacity: 1, 'text-opacity': 1, 'z-index': 11 },
    },
    { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#b3261e', 'z-index': 10 } },
    {
      selector: 'edge.on-path',
      style: { width: 4, 'line-color': '#b3261e', 'target-arrow-color': '#b3261e', 'curve-style': 'bezier', opacity: 1, 'z-index': 10 },
    },
    { selector: 'edge:selected', style: { width: 3, 'line-color': '#b3261e', 'curve-style': 'bezier' } },
  ];
}
