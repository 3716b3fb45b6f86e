// Child processes in the benchmark report their figures as one JSON line, printed last.

/** The last line of `text` parsed as JSON, or `undefined` when it is not JSON. */
export function lastJsonLine(text) {
  try {
    return JSON.parse(text.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}
