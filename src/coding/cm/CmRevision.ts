/**
 * The revisions of the cm model this build reads, all CmModel.ts: 2; 3 (twice the buckets
 * per context for a given tableBits); 4 and 5 (the changes its class comment lists). It
 * writes the newest; a container's header says which one wrote it.
 */
export type CmRevision = 2 | 3 | 4 | 5;
export const CM_REVISIONS: readonly CmRevision[] = [2, 3, 4, 5];
export const CM_REVISION_NEWEST: CmRevision = 5;
