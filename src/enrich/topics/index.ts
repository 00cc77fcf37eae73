export { classifyTopics, type ClassifyOptions } from './classify.js';
export { buildTopicVocabulary, loadTopicVocabulary, type TopicConcept, type TopicVocabulary } from './vocabulary.js';
