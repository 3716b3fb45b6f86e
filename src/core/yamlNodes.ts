/**
 * The YAML nodes `init` and `import` write ops-roles.yaml with, so both files read alike: text in
 * quotes (a pattern like `*` must not be read as an alias) and one-line lists (`[a, b]`).
 */
import { Scalar, YAMLSeq } from 'yaml';

/** `text` as a quoted scalar: double quotes, or single where it holds a backslash (kept as written). */
export function quoted(text: string): Scalar {
  const node = new Scalar(text);
  node.type = text.includes('\\') ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  return node;
}

/** A flow sequence (`[a, b]`) of `items`, however many (no spread: a huge list exceeds a call's arguments). */
export function flowSeq(items: readonly Scalar[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const item of items) seq.items.push(item);
  return seq;
}
