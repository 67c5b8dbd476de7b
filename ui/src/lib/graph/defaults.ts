/**
 * Every tuning number of the canvas in one place, as cytoscape.js keeps each layout's `defaults`:
 * one line of comment per option. Change a number here, not where it is used.
 */
export const defaults = {
  canvas: {
    minZoom: 0.05, // furthest out a person can zoom
    maxZoom: 4, // closest in
    fitPadding: 40, // pixels kept free around what a fit shows
    fitMaxZoom: 1.6, // a fit to two or three nodes stops here instead of filling the screen with them
    animateMs: 300, // how long the view takes to move to a path, a focus or a node chosen elsewhere
  },
  size: {
    large: 2_000, // elements above which edges lose their arrows and only the top nodes carry labels
    draftFirst: 400, // nodes above which an empty canvas is drawn from a draft while the forces run
    labelledInLarge: 300, // nodes that carry a label at all in a large view (text costs most to draw)
  },
  labels: {
    minFontPx: 8, // a label smaller than this on screen is not drawn (Cytoscape's min-zoomed-font-size)
    readablePx: 11, // zoomed out, the labels the canvas picks are drawn at least this large on screen
    charWidth: 0.56, // average glyph width as a share of the font size, to estimate a label's box
    gapPx: 2, // space kept between two labels on screen
    maxWidthEm: 13, // a label wraps between words at this width, in font sizes (about 24 characters)
    maxLines: 2, // lines a label may take; the last is cut with an ellipsis if the name goes on
    margin: 3, // space between a node and its label, in model units (Cytoscape's text-margin-y, -x beside it)
    padModel: 4, // what Cytoscape adds around a label's text box: the 2-unit outline and its 2 of margin
  },
  layout: {
    edgeLength: 90, // typical distance between linked nodes, in pixels at zoom 1
    iterationsSmall: 200, // ForceAtlas2 iterations up to 500 nodes: enough to settle
    iterationsMedium: 150, // up to 5,000 nodes
    iterationsLarge: 60, // beyond: few enough to finish in seconds
    barnesHutAbove: 300, // nodes above which ForceAtlas2 approximates repulsion (Barnes–Hut)
    scalingRatio: 10, // ForceAtlas2 repulsion: strong, so that a dense middle spreads out
    gravity: 1, // ForceAtlas2 pull towards the centre, so that small components stay near
    firstGravity: 0.2, // the same for a first layout of communities: weaker, so that clusters stay apart
    insideWeight: 4, // ForceAtlas2 pull of an edge inside a Louvain community, against 1 by default
    acrossWeight: 0.1, // pull of an edge between two communities: weak, so that clusters stay apart
    communitySpread: 2.2, // distance between community centres, in edge lengths per √(members)
    noverlapUpTo: 2_000, // nodes up to which noverlap removes overlapping nodes after the forces
    noverlapIterations: 30, // noverlap passes
    noverlapMargin: 6, // pixels noverlap keeps between two nodes
    noverlapRatio: 1.1, // noverlap's node size multiplier
  },
} as const;
