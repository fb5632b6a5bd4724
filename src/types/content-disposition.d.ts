// content-disposition 1.x ships no types: the one function we use (downloads).
declare module 'content-disposition' {
  function contentDisposition(filename?: string, options?: { type?: string; fallback?: string | boolean }): string;
  export default contentDisposition;
}
