/** The allowed values of the model's enumerated fields: kinds of organisation, event, initiative and place, formats, genders, figures. */
export const ORGANISATION_KINDS = [
  'government',
  'cso',
  'ingo',
  'academic',
  'research',
  'private',
  'donor',
  'un-agency',
  'media',
  'network',
  'foundation',
  'embassy',
  'hackathon-team',
  'other',
] as const;
export const EVENT_KINDS = [
  'conference',
  'conference-day',
  'open-data-day',
  'workshop',
  'dialogue',
  'hackathon',
  'session',
  'panel',
  'breakout',
  'ceremony',
  'training',
  'other',
] as const;
export const EVENT_FORMATS = ['in-person', 'hybrid', 'online'] as const;
export const INITIATIVE_KINDS = [
  'programme',
  'platform',
  'portal',
  'dataset',
  'policy',
  'draft-policy',
  'draft-law',
  'project',
  'hackathon-project',
  'publication',
  'study',
  'campaign',
  'other',
] as const;
export const PLACE_KINDS = ['region', 'country', 'province', 'city', 'venue'] as const;
export const SOURCE_KINDS = ['blog-post', 'event-page', 'report', 'article', 'other'] as const;
export const GENDERS = ['female', 'male', 'non-binary'] as const;
/** Participation and other figures an event or initiative can report. */
export const FIGURE_MEASURES = [
  'participants',
  'participants-in-person',
  'participants-expected',
  'women',
  'indigenous',
  'indigenous-women',
  'people-with-disabilities',
  'teams',
  'speakers',
  'women-speakers',
  'officials-trained',
  'events-worldwide',
  'edition',
] as const;
