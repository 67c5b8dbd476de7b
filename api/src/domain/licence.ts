/**
 * What may be done with what Spean publishes. The network is facts drawn from public reports
 * and posts (the Open Data Day and conference reports are CC BY 4.0), so the data is released
 * under CC BY 4.0: reuse it for anything, crediting Spean and the sources it cites. The software
 * is MIT-licensed (package.json, LICENSE). Exports, releases and the page say so.
 */
export const DATA_LICENCE = {
  id: 'CC-BY-4.0',
  title: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Spean, the Mekong open data network, and the sources each fact cites',
} as const;

export const SOFTWARE_LICENCE = { id: 'MIT', title: 'MIT License' } as const;
