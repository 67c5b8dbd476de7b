/**
 * A relationship's id (`from|TYPE|to|key`) computed in Cypher, for queries that return
 * relationships: the one twin of `relationshipId` in domain/ids.ts, which builds and parses it
 * everywhere else. `r` is the relationship's variable in the query.
 */
export const relationshipIdCypher = (r: string) => `startNode(${r}).id + '|' + type(${r}) + '|' + endNode(${r}).id + '|' + coalesce(${r}.key, '')`;
