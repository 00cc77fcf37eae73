export { classifyTopics, cueEvidence, type ClassifyOptions } from './classify.js';
export { loadTopicModel, topicFeatures, topicProbabilities, type TopicModel } from './model.js';
export { buildTopicVocabulary, loadTopicVocabulary, type TopicConcept, type TopicVocabulary } from './vocabulary.js';
