/**
 * What a link to Spean shows before anyone opens it, and what data search engines index: OpenGraph
 * and Twitter card tags (a shared view previews with its own name), and a schema.org `Dataset` in
 * JSON-LD with its licence and downloads. Put into the explorer page's <head> on each request.
 */
import { DATA_LICENCE } from '../domain/licence.js';

export interface PageSubject {
  /** Where the page was asked for: `https://spean.example`. */
  origin: string;
  /** The path and query string asked for: `/?view=abc`. */
  url: string;
  /** The name of the saved view a shared link opens, when it opens one. */
  viewName?: string;
}

const TITLE = 'Spean — the Mekong open data network';
const DESCRIPTION = "The organisations, people, events, funders and partnerships of the Mekong region's open data community, each fact with its source.";
const DOWNLOADS = [
  ['csv', 'application/zip', 'The tables (CSV, zip)'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The tables (XLSX)'],
  ['popolo', 'application/json', 'People, organisations and memberships (Popolo JSON)'],
] as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const attr = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The schema.org Dataset that describes the network. */
export function datasetJsonLd(origin: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: 'The Mekong open data network',
    description: DESCRIPTION,
    url: `${origin}/`,
    license: DATA_LICENCE.url,
    isAccessibleForFree: true,
    creator: { '@type': 'Organization', name: 'Spean contributors' },
    keywords: ['open data', 'Mekong', 'Cambodia', 'network', 'civil society'],
    spatialCoverage: { '@type': 'Place', name: 'Mekong region' },
    distribution: [
      ...DOWNLOADS.map(([format, type, name]) => ({
        '@type': 'DataDownload',
        name,
        encodingFormat: type,
        contentUrl: `${origin}/api/export?format=${format}`,
      })),
      { '@type': 'DataDownload', name: 'The network for Gephi (GEXF)', encodingFormat: 'application/gexf+xml', contentUrl: `${origin}/api/graph?format=gexf` },
      { '@type': 'DataDownload', name: 'The network as GraphML', encodingFormat: 'application/graphml+xml', contentUrl: `${origin}/api/graph?format=graphml` },
    ],
  };
}

/** The tags for the <head>: OpenGraph, Twitter card, canonical link, and the Dataset in JSON-LD. */
export function pageMeta({ origin, url, viewName }: PageSubject): string {
  const title = viewName ? `${viewName} — Spean` : TITLE;
  const description = viewName ? `A view of the Mekong open data network, shared from Spean. ${DESCRIPTION}` : DESCRIPTION;
  const tags: [string, string][] = [
    ['og:type', 'website'],
    ['og:site_name', 'Spean'],
    ['og:title', title],
    ['og:description', description],
    ['og:url', `${origin}${url}`],
    ['og:locale', 'en'],
    ['og:locale:alternate', 'km_KH'],
  ];
  // JSON in a <script> must not close the element: "<" is written as its escape.
  const jsonLd = JSON.stringify(datasetJsonLd(origin)).replace(/</g, '\\u003c');
  return [
    ...tags.map(([property, content]) => `<meta property="${property}" content="${attr(content)}" />`),
    `<meta name="twitter:card" content="summary" />`,
    `<meta name="twitter:title" content="${attr(title)}" />`,
    `<meta name="twitter:description" content="${attr(description)}" />`,
    `<link rel="license" href="${DATA_LICENCE.url}" />`,
    `<script type="application/ld+json">${jsonLd}</script>`,
  ].join('\n    ');
}
