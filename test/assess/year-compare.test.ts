import { describe, expect, it } from 'vitest';
import { median } from '../../src/assess/year-compare.ts';

describe('median', () => {
  it('is the middle value, the mean of the two middle ones for an even count, and null for none', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([20, 2, 4, 7])).toBe(5.5);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
