// Reads the schema.org article object most news pages embed as JSON-LD. Publishers nest it in
// @graph, wrap it in arrays, or give authors as strings, objects or arrays of either; this
// flattens all of that into one plain record.

export interface JsonLdArticle {
  headline?: string;
  authors: string[];
  datePublished?: string;
  dateModified?: string;
  image?: string;
  publisher?: string;
  url?: string;
  articleBody?: string;
  inLanguage?: string;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:\w+)?(?:Article|BlogPosting|Report|NewsArticle|LiveBlogPosting|Posting)$/;

export function readJsonLd(document: Document): JsonLdArticle | undefined {
  const nodes: Json[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    const parsed = parseLenient(script.textContent ?? '');
    if (parsed !== undefined) collect(parsed, nodes);
  }
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
  if (!article) return undefined;
  return {
    headline: str(article.headline) ?? str(article.name),
    authors: people(article.author),
    datePublished: str(article.datePublished) ?? str(article.dateCreated),
    dateModified: str(article.dateModified),
    image: imageUrl(article.image) ?? imageUrl(article.thumbnailUrl),
    publisher: name(article.publisher),
    url: str(article.url) ?? idOf(article.mainEntityOfPage),
    articleBody: str(article.articleBody),
    inLanguage: str(article.inLanguage),
  };
}

function parseLenient(text: string): unknown {
  const cleaned = text
    .replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .trim();
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned);
  } catch {
    // Raw control characters inside strings are the most common breakage.
    try {
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function collect(value: unknown, out: Json[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
  } else if (value && typeof value === 'object') {
    const obj = value as Json;
    out.push(obj);
    if (obj['@graph']) collect(obj['@graph'], out);
  }
}

function typesOf(node: Json): string[] {
  const t = node['@type'];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

function str(value: unknown): string | undefined {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function name(value: unknown): string | undefined {
  if (Array.isArray(value)) return name(value[0]);
  if (typeof value === 'string') return str(value);
  if (value && typeof value === 'object') return str((value as Json).name);
  return undefined;
}

function people(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map(name).filter((n): n is string => !!n && !/^https?:/.test(n));
}

function imageUrl(value: unknown): string | undefined {
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (typeof value === 'string') return str(value);
  if (value && typeof value === 'object') {
    const obj = value as Json;
    return str(obj.url) ?? str(obj.contentUrl) ?? str(obj['@id']);
  }
  return undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (value && typeof value === 'object') return str((value as Json)['@id']) ?? str((value as Json).url);
  return undefined;
}
