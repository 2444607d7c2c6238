/**
 * The revisions of the cm model this build reads: 2 and 3 (CmModel.ts; revision 3 has
 * twice the buckets per context for a given tableBits), and 4 (CmModel4.ts). It writes the
 * newest; a container's header says which one wrote it.
 */
export type CmRevision = 2 | 3 | 4;
export const CM_REVISIONS: readonly CmRevision[] = [2, 3, 4];
export const CM_REVISION_NEWEST: CmRevision = 4;
