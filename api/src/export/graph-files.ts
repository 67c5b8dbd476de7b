/**
 * A view as the XML files graph tools read: GEXF 1.3 for Gephi (dynamic, so that its timeline
 * plays the network's history, with the view's colours, sizes and positions as viz elements) and
 * GraphML with typed keys and a label (Gephi, yEd, networkx, igraph). Values are typed from the
 * data: booleans, whole numbers and decimals keep their type; lists are `|`-joined text.
 */
import type { SourceView } from '../domain/views.js';
import type { ViewLayout } from '../domain/view-layout.js';
import type { GraphView } from '../domain/views.js';

export type Flat = Record<string, string | number | boolean>;
export type SourcedView = GraphView & { sources: SourceView[]; layout?: ViewLayout };

type ValueType = 'boolean' | 'long' | 'double' | 'string';

/** Properties as flat values: lists joined with `|`, other structures as JSON. */
export function flatten(properties: Record<string, unknown>): Flat {
  const flat: Flat = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) flat[key] = value.join('|');
    else if (typeof value === 'object') flat[key] = JSON.stringify(value);
    else flat[key] = value as string | number | boolean;
  }
  return flat;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function xml(text: string | number | boolean): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped.
  return String(text)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const attributes = (pairs: Record<string, string | number | boolean | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(v!)}"`)
    .join('');

function typeOf(values: (string | number | boolean)[]): ValueType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'long';
  if (values.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

interface Key {
  id: string;
  name: string;
  type: ValueType;
}

/**
 * One typed key per property name, in name order. GEXF readers key values by the attribute's id
 * (graphology-gexf, unless the id is a number), so GEXF ids are the names themselves.
 */
function keysOf(items: Flat[], prefix: string): Key[] {
  const names = [...new Set(items.flatMap((i) => Object.keys(i)))].sort();
  return names.map((name) => ({ id: prefix ? `${prefix}_${name}` : name, name, type: typeOf(items.flatMap((item) => (name in item ? [item[name]!] : []))) }));
}

export function describeSources(sources: SourceView[]): string {
  return sources.map((s) => `${s.id}: ${s.name} (${[s.publisher, s.date].filter(Boolean).join(', ')})${s.url ? ` ${s.url}` : ''}`).join('\n');
}

const description = (view: SourcedView) => `Spean export. Sources:\n${describeSources(view.sources)}`;
const nodeData = (view: SourcedView) => view.nodes.map((n) => flatten({ kind: n.kind, ...n.properties, name: n.name }));
const edgeData = (view: SourcedView) => view.edges.map((e) => flatten({ type: e.type, ...e.properties }));

export function toGraphML(view: SourcedView): string {
  const layout = view.layout;
  const nodes = nodeData(view).map((data, i) => {
    const id = view.nodes[i]!.id;
    const point = layout?.positions[id];
    return {
      ...data,
      label: view.nodes[i]!.name,
      ...(point ? { x: point.x, y: point.y } : {}),
      ...(layout?.colours[id] ? { color: layout.colours[id] } : {}),
      ...(layout?.sizes[id] ? { size: layout.sizes[id] } : {}),
    };
  });
  // GraphML ids are XML name tokens, which `from|TYPE|to|key` is not: edges are numbered, and
  // the relationship's id travels as data (spean_id), as it does in every other export.
  const edges = edgeData(view).map((data, i) => ({ ...data, label: data.type!, spean_id: view.edges[i]!.id }));
  const nodeKeys = keysOf(nodes, 'n');
  const edgeKeys = keysOf(edges, 'e');
  // Positions are decimals even when a view's happen to be whole numbers.
  for (const k of nodeKeys) if (['x', 'y', 'size'].includes(k.name) && k.type === 'long') k.type = 'double';
  const key = (k: Key, kind: 'node' | 'edge') => `  <key${attributes({ id: k.id, for: kind, 'attr.name': k.name, 'attr.type': k.type })}/>`;
  const data = (keys: Key[], values: Flat) =>
    keys
      .filter((k) => k.name in values)
      .map((k) => `      <data key="${k.id}">${xml(values[k.name]!)}</data>`)
      .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map((k) => key(k, 'node')),
    ...edgeKeys.map((k) => key(k, 'edge')),
    '  <graph id="spean" edgedefault="directed">',
    `    <desc>${xml(description(view))}</desc>`,
    ...view.nodes.map((n, i) => `    <node id="${xml(n.id)}">\n${data(nodeKeys, nodes[i]!)}\n    </node>`),
    ...view.edges.map((e, i) => `    <edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}">\n${data(edgeKeys, edges[i]!)}\n    </edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

interface Spell {
  start?: string;
  end?: string;
}
const dateOf = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const earliest = (dates: (string | undefined)[]) => dates.filter((d): d is string => !!d).sort()[0];

/**
 * When each edge and node is in the network: an edge from its own start (`from_date`, else the
 * date it entered the network, `since`) to its `to_date`; a node from its own date (`since`, an
 * event's or initiative's start), or its first edge's start when earlier, so that no edge is
 * there before its ends. No end for nodes: what entered the network stays in it.
 */
export function spellsOf(view: GraphView): { nodes: Map<string, Spell>; edges: Map<string, Spell> } {
  const edges = new Map(
    view.edges.map((e) => [e.id, { start: dateOf(e.properties.from_date) ?? dateOf(e.properties.since), end: dateOf(e.properties.to_date) }]),
  );
  const firstEdge = new Map<string, string>();
  for (const e of view.edges) {
    const start = edges.get(e.id)!.start;
    if (!start) continue;
    for (const id of [e.from, e.to]) if (!firstEdge.has(id) || start < firstEdge.get(id)!) firstEdge.set(id, start);
  }
  const nodes = new Map(
    view.nodes.map((n) => [
      n.id,
      { start: earliest([dateOf(n.properties.since) ?? dateOf(n.properties.startDate) ?? dateOf(n.properties.date), firstEdge.get(n.id)]) },
    ]),
  );
  return { nodes, edges };
}

function spellXml(spell: Spell | undefined, indent: string): string[] {
  if (!spell?.start && !spell?.end) return [];
  return [`${indent}<spells>`, `${indent}  <spell${attributes({ start: spell.start, end: spell.end })}/>`, `${indent}</spells>`];
}

function vizXml(layout: ViewLayout | undefined, id: string, indent: string): string[] {
  if (!layout) return [];
  const lines: string[] = [];
  const colour = layout.colours[id];
  if (colour) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    lines.push(`${indent}<viz:color${attributes({ r, g, b })}/>`);
  }
  const point = layout.positions[id];
  // GEXF's y axis points up, the screen's down.
  if (point) lines.push(`${indent}<viz:position${attributes({ x: point.x, y: point.y === 0 ? 0 : -point.y, z: 0 })}/>`);
  if (layout.sizes[id]) lines.push(`${indent}<viz:size${attributes({ value: layout.sizes[id] })}/>`);
  return lines;
}

function gexfAttributes(keys: Key[], kind: 'node' | 'edge'): string[] {
  if (!keys.length) return [];
  const type = (t: ValueType) => (t === 'long' ? 'long' : t);
  return [
    `    <attributes class="${kind}" mode="static">`,
    ...keys.map((k) => `      <attribute${attributes({ id: k.id, title: k.name, type: type(k.type) })}/>`),
    '    </attributes>',
  ];
}

function attvalues(keys: Key[], values: Flat, indent: string): string[] {
  const present = keys.filter((k) => k.name in values);
  if (!present.length) return [];
  return [`${indent}<attvalues>`, ...present.map((k) => `${indent}  <attvalue${attributes({ for: k.id, value: values[k.name] })}/>`), `${indent}</attvalues>`];
}

/** GEXF 1.3, dynamic: every node and edge with its spell, typed attributes, and the view's viz. */
export function toGexf(view: SourcedView): string {
  const nodes = nodeData(view);
  const edges = edgeData(view);
  const nodeKeys = keysOf(nodes, '');
  const edgeKeys = keysOf(edges, '');
  const spells = spellsOf(view);
  const ids = new Set(view.nodes.map((n) => n.id));
  const shown = view.edges.map((e, i) => ({ e, data: edges[i]! })).filter(({ e }) => ids.has(e.from) && ids.has(e.to));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    '  <meta>',
    '    <creator>Spean</creator>',
    `    <description>${xml(description(view))}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">',
    ...gexfAttributes(nodeKeys, 'node'),
    ...gexfAttributes(edgeKeys, 'edge'),
    `    <nodes count="${view.nodes.length}">`,
    ...view.nodes.flatMap((n, i) => [
      `      <node${attributes({ id: n.id, label: n.name })}>`,
      ...attvalues(nodeKeys, nodes[i]!, '        '),
      ...spellXml(spells.nodes.get(n.id), '        '),
      ...vizXml(view.layout, n.id, '        '),
      '      </node>',
    ]),
    '    </nodes>',
    `    <edges count="${shown.length}">`,
    ...shown.flatMap(({ e, data }) => [
      `      <edge${attributes({ id: e.id, source: e.from, target: e.to, label: e.type, kind: e.type, weight: 1 })}>`,
      ...attvalues(edgeKeys, data, '        '),
      ...spellXml(spells.edges.get(e.id), '        '),
      '      </edge>',
    ]),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}
