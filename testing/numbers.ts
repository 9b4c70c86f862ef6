/** Distinct, valid US numbers for tests: +1 970 555 0000 onwards (libphonenumber accepts them). */
export function testNumbers(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => `+1970555${String(offset + i).padStart(4, "0")}`);
}
