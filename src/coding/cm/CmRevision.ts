/**
 * The revisions of the cm model this build reads, both CmModel.ts: 2, and 3 (twice the
 * buckets per context for a given tableBits). It writes the newest; a container's header
 * says which one wrote it.
 */
export type CmRevision = 2 | 3;
export const CM_REVISION_NEWEST: CmRevision = 3;
