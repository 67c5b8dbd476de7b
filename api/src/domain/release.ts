/**
 * Citable releases: a dated, immutable snapshot of the public network that researchers download
 * in every export format and cite by its stable URL. The snapshot is the import tables (what the
 * exports are made from); its SHA-256 digest lets a reader check that a file is the one cited.
 */
import { z } from 'zod';

export const RELEASE_FORMATS = ['xlsx', 'csv', 'popolo', 'graphml', 'gexf', 'json'] as const;
export type ReleaseFormat = (typeof RELEASE_FORMATS)[number];

/** `2026-11-23`, or `2026-11-23.2` for the second release of a day. */
export const releaseIdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d{1,3})?$/, 'a release id: its date, e.g. 2026-11-23');

export const newReleaseSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).default('The Mekong open data network'),
  notes: z.string().trim().max(4000).optional().describe('What changed since the last release, for its readers.'),
});
export type NewRelease = z.infer<typeof newReleaseSchema>;

export const releaseSchema = z
  .object({
    id: releaseIdSchema,
    title: z.string(),
    notes: z.string().nullable(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    /** SHA-256 of the snapshot's tables (canonical JSON): the same for every copy of this release. */
    digest: z.string(),
    counts: z.record(z.string(), z.number().int()),
    url: z.string().describe('The stable URL to cite.'),
    files: z
      .object(Object.fromEntries(RELEASE_FORMATS.map((f) => [f, z.string()])) as Record<ReleaseFormat, z.ZodString>)
      .describe('Where to download each format.'),
    citation: z.string(),
    license: z
      .object({ id: z.string(), title: z.string(), url: z.string(), attribution: z.string() })
      .describe('The licence of the data (the software is MIT).'),
  })
  .meta({ id: 'Release' });
export type Release = z.infer<typeof releaseSchema>;

/** How to cite a release: who, when, what, where, and the digest that pins the content. */
export function citationOf(release: Pick<Release, 'id' | 'title' | 'publishedAt' | 'url' | 'digest'>): string {
  const year = release.publishedAt.slice(0, 4);
  return `Spean (${year}). ${release.title}, release ${release.id} [data set]. ${release.url} (SHA-256 ${release.digest.slice(0, 16)}…)`;
}
