import type { TableBatch, TableStream } from './TableBatch.js';

/** A TableStream over an async generator of batches. */
export function tableStream(name: string, batches: AsyncGenerator<TableBatch>, where: (line: number) => string): TableStream {
  return {
    name,
    where,
    async next() {
      const r = await batches.next();
      return r.done ? null : r.value;
    },
  };
}
