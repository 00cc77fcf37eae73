// enrich(): language, entities, topics and keywords of one article. Pure apart from reading
// the shipped data files once (the NER model, the keyword table, the default topic vocabulary).
//   detectLanguage   (../language) ISO 639-1 code; a declared language decides unless the text
//                                  is long and clearly another language
//   extractEntities  (./entities)  people, organizations, places
//   classifyTopics   (./topics)    IPTC Media Topics
//   extractKeywords  (./keywords)  distinctive terms and phrases, none a fragment of an entity's name
// The last three are English models and cues: any other language gets none rather than wrong ones.
import type { Dateline, Enrichment } from '../shared/types.js';
import { extractEntities } from './entities/index.js';
import { extractKeywords } from './keywords.js';
import { detectLanguage } from '../language/detect.js';
import { classifyTopics, loadTopicVocabulary, type TopicVocabulary } from './topics/index.js';

export interface EnrichInput {
  title?: string;
  bodyText: string;
  /** The declared language ("en-GB"); it decides unless the text is long and clearly another. */
  language?: string;
  dateline?: Dateline;
  credits?: string[];
}

let shippedVocabulary: TopicVocabulary | undefined;

/**
 * Enriches one article. `vocab` defaults to the shipped config/topics.yaml; callers with an
 * operator-edited cue file load it once with loadTopicVocabulary and pass it in.
 */
export function enrich(input: EnrichInput, vocab?: TopicVocabulary): Enrichment {
  const language = detectLanguage(`${input.title ?? ''}\n\n${input.bodyText}`, input.language);
  if (language !== 'en') return { language, entities: [], topics: [], keywords: [] };

  const topicVocabulary = vocab ?? (shippedVocabulary ??= loadTopicVocabulary());
  const entities = extractEntities({
    title: input.title,
    bodyText: input.bodyText,
    dateline: input.dateline,
    credits: input.credits,
  });
  // a demonym ("Iranian troops") is an adjective, not part of a name a keyword could cut
  const entityNames = entities.flatMap((e) => [e.name, ...e.mentions.filter((m) => !m.demonym).map((m) => m.text)]);
  return {
    language,
    entities,
    topics: classifyTopics(input.bodyText, input.title, topicVocabulary),
    keywords: extractKeywords(input.title, input.bodyText, { entityNames }),
  };
}

/**
 * Loads every model enrichment uses (tagger, languages, topic model and cues, keyword table) by
 * enriching a short English text: a worker calls it before taking work, so a first item's time
 * limit never pays for the loading.
 */
export function warmUpEnrichment(): void {
  enrich({ title: 'Warm-up', bodyText: 'LONDON (Reuters) - The Bank of England held rates on Thursday.' });
}

export { detectLanguage } from '../language/detect.js';
export { extractKeywords } from './keywords.js';
export { classifyTopics, loadTopicVocabulary, type TopicVocabulary } from './topics/index.js';
