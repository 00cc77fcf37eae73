/** A run of tokens tagged as one entity, by token index (last inclusive). */
export interface TokenSpan {
  type: string;
  first: number;
  last: number;
}

/** Entity spans of a BIO tag sequence; a stray I-X with nothing to continue opens a span. */
export function tagSpans(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    if (open && tag.startsWith('I-') && open.type === type) {
      open.last = i;
      return;
    }
    open = type ? { type, first: i, last: i } : undefined;
    if (open) spans.push(open);
  });
  return spans;
}
