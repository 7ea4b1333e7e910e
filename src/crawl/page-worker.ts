// The module each page-pool thread loads: the CPU-heavy and blocking work of one fetched page. One default
// export taking a tagged task, because piscina resolves named handlers through require(), which cannot load
// TypeScript ES modules on Node 20.
import { writeSnapshotAsync } from '../evidence/index.ts';
import { readDetailPage, readListPage, readSinglePage, type DetailPageInput, type ListPageInput } from './page-reading.ts';

export type PageTask =
  | { task: 'list'; page: ListPageInput }
  | { task: 'detail'; page: DetailPageInput }
  | { task: 'single'; page: DetailPageInput }
  | { task: 'snapshot'; dir: string; bytes: Uint8Array };

export default function runPageTask(t: PageTask) {
  switch (t.task) {
    case 'list':
      return readListPage(t.page);
    case 'detail':
      return readDetailPage(t.page);
    case 'single':
      return readSinglePage(t.page);
    case 'snapshot':
      // Asynchronous: while its fsyncs wait on the disk, this thread reads other pages.
      return writeSnapshotAsync(t.dir, Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength));
  }
}
