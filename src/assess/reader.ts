import {
  activeColumnsOfUnit, activeUnits, columnItems, firstCrawlAt, getUnit, itemDates, pageStatesOf, redatedItemsByColumn, visitHistory,
  type ColumnRow, type DB, type ItemDateRow, type ItemRow, type PageStateRow, type UnitRow, type VisitRow,
} from '../store/index.ts';

/** A column's visit as assess reads it: with its run's kind and the list pages it read, in page order. */
export type VisitHistoryRow = VisitRow & { runKind: 'nightly' | 'full'; fetchIds: number[] };

/**
 * What one assessment reads of the store. The items whose claimed date changed are found in one pass over
 * item_dates, once per reader (one assess run), so per-column reads of dates touch nothing else.
 */
export class AssessReader {
  private redated: Map<number, number[]> | undefined;

  constructor(private readonly db: DB) {}

  units(): UnitRow[] {
    return activeUnits(this.db);
  }

  unit(id: string): UnitRow | undefined {
    return getUnit(this.db, id);
  }

  columns(unitId: string): ColumnRow[] {
    return activeColumnsOfUnit(this.db, unitId);
  }

  /** The column's visits, oldest first. */
  visits(columnId: number): VisitHistoryRow[] {
    return visitHistory(this.db, columnId);
  }

  /** The column's items, streamed (in no particular order). */
  items(columnId: number): Generator<ItemRow> {
    return columnItems(this.db, columnId);
  }

  /** Claimed-date sightings of the column's items whose date ever changed, grouped per item, oldest first. */
  dates(columnId: number): Map<number, ItemDateRow[]> {
    this.redated ??= redatedItemsByColumn(this.db);
    const ids = this.redated.get(columnId);
    return ids ? itemDates(this.db, ids) : new Map();
  }

  /** A single-page column's reads, oldest first. */
  pageStates(columnId: number): PageStateRow[] {
    return pageStatesOf(this.db, columnId);
  }

  /** When the first crawl of all started, or null before any crawl. */
  firstCrawlAt(): string | null {
    return firstCrawlAt(this.db);
  }
}
