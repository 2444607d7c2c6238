/**
 * The revisions of the cm model this build reads: 2 (CmModel.ts) and 3 (CmModel3.ts). It
 * writes the newest; a container's header says which one wrote it.
 */
export type CmRevision = 2 | 3;
export const CM_REVISION_NEWEST: CmRevision = 3;
