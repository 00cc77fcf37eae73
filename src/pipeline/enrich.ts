// Enrich stage: entities, topics, keywords and language for one extracted article. Pure CPU
// work on text already extracted; the model loads once per process.
import type { ExtractedArticle, Enrichment } from '../shared/types.js';
import { enrich } from '../enrich/index.js';

export function enrichArticle(article: ExtractedArticle): Enrichment {
  return enrich({
    title: article.title,
    bodyText: article.bodyText,
    language: article.language,
    dateline: article.dateline,
    credits: article.credits,
  });
}
