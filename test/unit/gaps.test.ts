import { describe, expect, it } from 'vitest';
import { collaborationGaps } from '../../api/src/analytics/collaboration-gaps.js';
import { fragileActors, funderOverlap, groupReach } from '../../api/src/analytics/gaps.js';
import type { Network } from '../../api/src/domain/network.js';

const org = (id: string, orgKind = 'cso') => ({ id, kind: 'organisation', name: id, orgKind });
const e = (from: string, type: string, to: string) => ({ from, type, to });

/** A small network with one obvious gap (b and c) and the ways organisations already work together. */
function network(): Network {
  return {
    nodes: [
      org('organiser'),
      org('b'),
      org('c'),
      org('partner'),
      org('donor', 'donor'),
      org('loner'),
      org('hanger'),
      { id: 'p-b', kind: 'person', name: 'Person of B' },
      { id: 'conf', kind: 'event', name: 'Conference' },
      { id: 'panel', kind: 'event', name: 'Panel' },
      { id: 'programme', kind: 'initiative', name: 'Programme' },
      { id: 'disability-inclusion', kind: 'topic', name: 'Disability inclusion' },
      { id: 'province', kind: 'place', name: 'A province', placeKind: 'province' },
    ],
    edges: [
      e('organiser', 'ORGANISED', 'conf'),
      e('partner', 'PARTNER_IN', 'conf'),
      e('panel', 'PART_OF', 'conf'),
      e('p-b', 'WORKS_FOR', 'b'),
      e('p-b', 'SPOKE_AT', 'panel'),
      e('c', 'SPOKE_AT', 'panel'),
      e('b', 'ABOUT', 'disability-inclusion'),
      e('c', 'ABOUT', 'disability-inclusion'),
      e('donor', 'FUNDS', 'programme'),
      e('organiser', 'IMPLEMENTS', 'programme'),
      e('programme', 'SUPPORTS', 'conf'),
      e('hanger', 'PARTNERS_WITH', 'organiser'),
      e('conf', 'HELD_IN', 'province'),
    ],
  };
}

describe('collaboration gaps', () => {
  it('lists organisations that met but never worked together, with what they share', () => {
    const pairs = collaborationGaps(network());
    expect(pairs[0]).toMatchObject({ a: 'b', b: 'c', shared: { events: ['conf'], topics: ['disability-inclusion'] } });
  });

  it('leaves out organisations that already work together: organiser and speakers, co-organisers, funding chains', () => {
    const keys = collaborationGaps(network()).map((p) => `${p.a} ${p.b}`);
    expect(keys).not.toContain('b organiser');
    expect(keys).not.toContain('organiser partner');
    expect(keys).not.toContain('donor organiser');
  });

  it('finds actors with no link or one', () => {
    const fragile = fragileActors(network());
    expect(fragile.find((f) => f.id === 'loner')).toMatchObject({ links: 0 });
    expect(fragile.find((f) => f.id === 'hanger')).toMatchObject({ links: 1, via: 'organiser' });
    expect(fragile.map((f) => f.id)).not.toContain('organiser');
  });

  it('measures how far each group is from funders and events, and carries its figures', () => {
    const reach = groupReach(network(), [
      { of: 'conf', ofName: 'Conference', date: '2024-03-26', measure: 'people-with-disabilities', value: 6, qualifier: 'exact', sources: ['s'] },
    ]);
    const disability = reach.find((g) => g.id === 'people-with-disabilities')!;
    expect(disability.members.map((m) => m.id).sort()).toEqual(['b', 'c']);
    expect(disability.members.find((m) => m.id === 'c')).toMatchObject({ distanceToEvent: 1, distanceToFunder: 4 });
    expect(disability.participation).toHaveLength(1);
    expect(reach.find((g) => g.id === 'indigenous')!.members).toEqual([]);
    expect(reach.find((g) => g.id === 'provinces')!.members[0]).toMatchObject({ id: 'province', distanceToEvent: 1 });
  });

  it("tells each funder's grantees through programmes, and where funders overlap", () => {
    const net = network();
    net.nodes.push(org('second-donor', 'donor'));
    net.edges.push(e('second-donor', 'SUPPORTS', 'conf'));
    const { reach, overlaps } = funderOverlap(net);
    expect(reach.find((r) => r.funder === 'donor')!.grantees).toEqual(['conf', 'organiser', 'programme']);
    expect(overlaps).toEqual([{ a: 'donor', b: 'second-donor', shared: ['conf'], jaccard: 0.333 }]);
  });
});
