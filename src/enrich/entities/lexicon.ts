// Word lists the entity rules lean on. Kept apart from the rules so they can grow without touching
// logic; every list is matched against words with straight apostrophes.

/**
 * Words that precede a name but are not part of it: titles, ranks, honorifics, roles. Matched
 * case-insensitively at the start of a span ("President Vladimir Putin", "Navy Admiral Kim …").
 */
export const TITLE_WORDS = new Set(
  [
    'president', 'vice', 'prime', 'minister', 'ministers', 'premier', 'chancellor', 'secretary',
    'gen.', 'lt.', 'col.', 'sgt.', 'capt.', 'cmdr.', 'adm.', 'maj.', 'cpl.', 'pvt.', 'marshal', 'marshals',
    'admiral', 'navy', 'army', 'colonel', 'captain', 'commander', 'lieutenant', 'sergeant', 'major',
    'mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'sen.', 'rep.', 'gov.', 'rev.', 'hon.', 'mr', 'mrs', 'ms', 'dr',
    'sir', 'dame', 'lord', 'lady', 'king', 'queen', 'prince', 'princess', 'emperor', 'sheikh',
    'mayor', 'governor', 'senator', 'representative', 'congressman', 'congresswoman', 'ambassador',
    'envoy', 'judge', 'justice', 'chief', 'director', 'chairman', 'chairwoman', 'chair', 'ceo', 'cfo',
    'founder', 'coach', 'manager', 'spokesperson', 'spokesman', 'spokeswoman', 'leader', 'former',
    'foreign', 'defense', 'defence', 'interior', 'finance', 'deputy', 'acting', 'state', 'supreme',
    'officer', 'official', 'detective', 'inspector', 'sheriff', 'attorney', 'professor', 'analyst',
    'striker', 'midfielder', 'defender', 'goalkeeper', 'quarterback', 'forward', 'pitcher', 'rookie',
    'singer', 'actor', 'actress', 'executive', 'chef',
  ],
);

/** Last words that make a capitalised phrase an organization ("Defense Ministry", "Acme Corp."). */
export const ORG_HEADS = new Set([
  'ministry', 'department', 'council', 'agency', 'party', 'army', 'committee', 'commission', 'office',
  'service', 'services', 'university', 'college', 'institute', 'bank', 'corp', 'corp.', 'corporation',
  'inc', 'inc.', 'ltd', 'ltd.', 'plc', 'group', 'company', 'co.', 'association', 'federation', 'union',
  'organization', 'organisation', 'court', 'parliament', 'assembly', 'senate', 'foundation', 'fund',
  'authority', 'bureau', 'board', 'police', 'club', 'league', 'network', 'airlines', 'airways', 'motors',
  'holdings', 'industries', 'guard', 'forces', 'force', 'cabinet', 'secretariat', 'directorate', 'command',
  'administration', 'reserve', 'exchange', 'times', 'post', 'journal', 'tribune', 'herald', 'gazette',
]);

/** Family names that come first in Korean, Chinese and Vietnamese names ("Kim Jong Un", "Ng Han Guan"). */
export const EAST_ASIAN_SURNAMES = new Set([
  'Kim', 'Lee', 'Ri', 'Yi', 'Rhee', 'Park', 'Pak', 'Choi', 'Choe', 'Jung', 'Jong', 'Chung', 'Kang', 'Cho',
  'Jo', 'Yoon', 'Yun', 'Jang', 'Chang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Sin', 'Kwon', 'Hwang',
  'Ahn', 'Song', 'Jeon', 'Chon', 'Hong', 'Ko', 'Moon', 'Mun', 'Yang', 'Bae', 'Baek', 'Ryu',
  'Nam', 'Noh', 'Ha', 'Kwak', 'Jeong', 'Hyon', 'Hyun', 'Ju', 'Thae', 'Xi', 'Li', 'Wang', 'Zhang',
  'Liu', 'Chen', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Hu', 'Guo', 'Lin', 'Gao',
  'Luo', 'Zheng', 'Liang', 'Xie', 'Tang', 'Feng', 'Deng', 'Cao', 'Peng', 'Zeng', 'Xiao', 'Tian', 'Dong',
  'Pan', 'Yuan', 'Cai', 'Jiang', 'Yu', 'Cheng', 'Wei', 'Lu', 'Ding', 'Ren', 'Shen',
  'Yao', 'Ng', 'Wong', 'Chan', 'Leung', 'Lau', 'Cheung', 'Tse', 'Lam', 'Tsai', 'Nguyen', 'Tran',
  'Le', 'Pham', 'Hoang', 'Vu', 'Vo', 'Dang', 'Bui',
]);

/** Capitalised words that a tagger sometimes marks but that name nothing on their own. */
export const NOT_NAMES = new Set([
  'south', 'north', 'east', 'west', 'western', 'eastern', 'northern', 'southern', 'central', 'president',
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'his', 'her', 'their', 'our', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'gmt', 'utc',
  'god', 'internet', 'covid-19', 'covid', 'soviet', 'government', 'minister', 'ministry', 'city',
  'state', 'new', 'mr.', 'mrs.', 'ms.', 'dr.', 'but', 'and', 'or', 'in', 'on', 'at', 'of', 'for',
  // acronyms of things, not of names
  'ai', 'ceo', 'cfo', 'gdp', 'tv', 'dna', 'ipo', 'etf', 'ev', 'evs', 'nft', 'lgbtq', 'a.m.', 'p.m.', 'pm', 'am',
]);

/** Lower-case words that may sit inside a capitalised name ("Bank of England", "Food and Drug …"). */
export const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'on', 'the', 'de', 'da', 'del', 'von', 'van', '&']);

/** Generic nouns a tagger sometimes drags onto the end of a name ("Yonhap news agency"). */
export const TRAILING_GENERIC = new Set(['news', 'agency', 'newspaper', 'broadcaster', 'website', 'daily']);

/** Words just before a name that tell its type: "mercenary group Wagner", "town of Khasan", "Marshal Ri". */
export const ORG_CUES = new Set([
  'group', 'company', 'firm', 'broadcaster', 'newspaper', 'agency', 'network', 'party', 'militia', 'bank',
  'carrier', 'airline', 'automaker', 'retailer', 'insurer', 'conglomerate', 'startup', 'club', 'team',
  'outlet', 'daily', 'organization', 'union', 'maker', 'manufacturer', 'lender', 'label', 'studio',
  'publisher', 'tabloid', 'channel', 'giant', 'brand', 'rival', 'operator', 'developer', 'chipmaker',
]);
export const LOC_CUES = new Set([
  'town', 'city', 'village', 'province', 'region', 'county', 'district', 'port', 'capital', 'island',
  'state', 'republic', 'neighborhood', 'suburb', 'municipality', 'oblast', 'prefecture',
]);
export const PER_CUES = new Set([
  'president', 'premier', 'chancellor', 'minister', 'secretary', 'spokesperson', 'spokesman', 'spokeswoman',
  'leader', 'marshal', 'marshals', 'admiral', 'general', 'gen.', 'mr.', 'mrs.', 'ms.', 'dr.', 'sen.', 'rep.',
  'gov.', 'mayor', 'governor', 'senator', 'ambassador', 'judge', 'chairman', 'chairwoman', 'ceo', 'coach',
  'king', 'queen', 'prince', 'princess', 'pope', 'captain', 'striker', 'midfielder', 'defender',
  'goalkeeper', 'quarterback', 'analyst', 'professor', 'journalist', 'journalists', 'correspondent',
  'actor', 'actress', 'singer', 'officer', 'commander', 'founder', 'director', 'envoy', 'lawmaker', 'chair',
]);

/** Last words that make a capitalised phrase a place or venue ("Rod Laver Arena", "Red Sea"). */
export const PLACE_HEADS = new Set([
  'arena', 'stadium', 'airport', 'square', 'bridge', 'street', 'avenue', 'river', 'mountains', 'sea',
  'ocean', 'island', 'islands', 'province', 'region', 'valley', 'peninsula', 'strait', 'gulf', 'bay',
  'lake', 'desert', 'county', 'oblast', 'prefecture', 'canal', 'park',
]);

/** Legal-form endings of company names, dropped to find the company's usual name ("Toyota Motor Corp."). */
export const CORPORATE_SUFFIXES = new Set(['inc', 'inc.', 'corp', 'corp.', 'co', 'co.', 'ltd', 'ltd.', 'plc', 'llc', 'corporation', 'ag', 'sa', 's.a.', 'se', 'nv', 'n.v.']);
