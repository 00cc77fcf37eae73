import { recognize } from './src/enrich/ner/index.js';
import { candidateSpans } from './src/enrich/entities/spans.js';
import { extractEntities } from './src/enrich/entities/index.js';
for (const t of ['Shares fell on the New York Stock Exchange on Friday, traders said.\nThe U.S. Treasury said the U.S. Agriculture Department was wrong.', 'MEXICO CITY 1996-08-30\nPrices rose in Mexico.', 'The Organisation for Security and Cooperation in Europe said on Friday.', 'Banc One Corp. said on Friday it would buy First Bank System Inc.', 'Ambrose said the Gulf was calm.']) {
  const spans = recognize(t);
  console.log(JSON.stringify(spans.map(s => s.type + ':' + s.text)));
  console.log('  cand', JSON.stringify(candidateSpans(t, spans).map(s => s.type + ':' + s.text + ':' + s.source)));
  console.log('  ents', JSON.stringify(extractEntities({ bodyText: t }).map(e => e.type + ':' + e.name + ':' + e.mentions.map(m => m.text).join('/'))));
}
