// range-parser 1.x ships no types: the one function we use (ADR 0145, downloads).
declare module 'range-parser' {
  interface Ranges extends Array<{ start: number; end: number }> {
    type: string;
  }
  /** -1: no range can be met; -2: the header cannot be read. */
  function rangeParser(size: number, header: string, options?: { combine?: boolean }): Ranges | -1 | -2;
  export default rangeParser;
}
