/**
 * Limits of what a link carries: no real link reaches them, and they keep a crafted one from
 * costing time or memory. The store keeps within them too, so every state it holds can be linked.
 */
export const MAX_CANDIDATES = 64;
/** Longest text field (ids, names, the selection's key). */
export const MAX_TEXT = 512;
