// Deterministic synthetic wire stories for load benchmarks (e.g. 10,000 items over 50 feeds).
// Each story is assembled sentence by sentence from topic and general templates, with names,
// places, organizations and numbers drawn from a seeded generator, so distinct stories differ
// across the whole body (a story deduper must not see them as near-duplicates) while a seed
// always yields the same set.
import { seededRandom } from '../shared/seeded-random.js';
import type { SimStory } from './types.js';

type Rng = () => number;

const firstNames =
  'Amara Ben Carmen Dmitri Elena Farid Grace Hiroshi Ines Jamal Kasia Liam Mei Nikolai Olga Pablo Quinn Rosa Samir Tara Ulrich Vera Wen Ximena Yusuf Zoe Aidan Beatriz Chidi Dana Emeka Fatima Gustavo Hana Ivan Julia Kofi Leila Marco Noor Oscar Priya Rafael Sofia Tomas Uma Viktor Wanjiru Yara Ahmed Bridget Cyrus Daniela Erik Freya Goran Helga Idris Joanna Kenji Lucia'.split(
    ' ',
  );
const lastNames =
  'Abara Bergström Castillo Delacroix Eriksen Fonseca Gallagher Haddad Ivanova Jovanovic Kaplan Lindqvist Mbeki Nakamura Okonkwo Petrov Quintero Rahman Sandoval Takahashi Uribe Varga Whitaker Xu Yilmaz Zielinski Achebe Bianchi Chowdhury Dubois Espinoza Fischer Garrido Hoffmann Iqbal Jensen Kowalski Lopes Moreau Novak Ortega Pereira Rossi Schultz Tanaka Ueda Vasquez Weber Yamamoto Zapata Adeyemi Brennan Cortez Duarte Engel Forsyth Gupta Holm Ibsen'.split(
    ' ',
  );
const places: Array<{ city: string; dateline: string; region: string }> = [
  ['NAIROBI', 'Kenya'],
  ['LAGOS', 'Nigeria'],
  ['CAIRO', 'Egypt'],
  ['JOHANNESBURG', 'South Africa'],
  ['ACCRA', 'Ghana'],
  ['MUMBAI', 'India'],
  ['JAKARTA', 'Indonesia'],
  ['MANILA', 'Philippines'],
  ['HANOI', 'Vietnam'],
  ['BANGKOK', 'Thailand'],
  ['OSAKA', 'Japan'],
  ['BUSAN', 'South Korea'],
  ['TAIPEI', 'Taiwan'],
  ['KARACHI', 'Pakistan'],
  ['DHAKA', 'Bangladesh'],
  ['LISBON', 'Portugal'],
  ['MADRID', 'Spain'],
  ['LYON', 'France'],
  ['HAMBURG', 'Germany'],
  ['WARSAW', 'Poland'],
  ['PRAGUE', 'Czech Republic'],
  ['VIENNA', 'Austria'],
  ['STOCKHOLM', 'Sweden'],
  ['HELSINKI', 'Finland'],
  ['DUBLIN', 'Ireland'],
  ['ATHENS', 'Greece'],
  ['ISTANBUL', 'Turkey'],
  ['BOGOTA', 'Colombia'],
  ['LIMA', 'Peru'],
  ['QUITO', 'Ecuador'],
  ['MONTEVIDEO', 'Uruguay'],
  ['GUADALAJARA', 'Mexico'],
  ['SAO PAULO', 'Brazil'],
  ['TORONTO', 'Canada'],
  ['VANCOUVER', 'British Columbia'],
  ['PERTH', 'Australia'],
  ['AUCKLAND', 'New Zealand'],
  ['ATLANTA', 'Ga.'],
  ['HOUSTON', 'Texas'],
  ['PHOENIX', 'Ariz.'],
  ['SACRAMENTO', 'Calif.'],
  ['COLUMBUS', 'Ohio'],
  ['NASHVILLE', 'Tenn.'],
  ['MILWAUKEE', 'Wis.'],
  ['BOISE', 'Idaho'],
  ['ALBUQUERQUE', 'N.M.'],
  ['RALEIGH', 'N.C.'],
  ['TULSA', 'Okla.'],
  ['ANCHORAGE', 'Alaska'],
  ['PROVIDENCE', 'R.I.'],
].map(([city, region]) => ({
  city:
    city.charAt(0) +
    city
      .slice(1)
      .toLowerCase()
      .replace(/ (\w)/g, (_, c: string) => ' ' + c.toUpperCase()),
  dateline: `${city}, ${region}`,
  region,
}));
const orgStems =
  'Harbor Summit Cedar Northgate Bluewater Ironwood Meridian Pinecrest Redstone Silverline Tidewater Westbrook Crescent Granite Lakeshore Oakridge Riverside Starling Ashford Brightwater Copperfield Driftwood Evergreen Foxglove'.split(
    ' ',
  );
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface Cast {
  place: (typeof places)[number];
  people: string[];
  org: string;
  rival: string;
  day: string;
  /** What {p1}, the story's main voice, is. */
  role: string;
}

/**
 * Templates use slots: {p0}..{p3} people, {org}, {rival}, {city}, {region}, {day}, {role}, and
 * numbers {n} (2-381), {big}, {goals} (2-8), {years}, {minute}, {deg}, {pct}, {year}, {month}.
 * headlines[i] and ledes[i] tell the same event, so a story reads as one piece.
 */
interface Topic {
  tag: string;
  orgSuffixes: string[];
  roles: string[];
  headlines: string[];
  ledes: string[];
  body: string[];
}

const topics: Topic[] = [
  {
    tag: 'Business',
    orgSuffixes: ['Holdings', 'Logistics', 'Industries', 'Capital', 'Retail Group'],
    roles: ['chief executive', 'chief financial officer', 'an analyst', 'head of investor relations'],
    headlines: [
      '{org} to cut {n} jobs as orders from {region} slow',
      '{org} profit tops forecasts as {month} sales jump {pct}%',
      'Shares of {org} slide after it trims its outlook',
    ],
    ledes: [
      '{org} said on {day} it would cut about {n} jobs, or {pct}% of its workforce, as orders from customers in {region} fell for a third straight quarter.',
      '{org} reported a quarterly profit well above analyst expectations on {day}, lifted by {month} sales that rose {pct}% from a year earlier.',
      'Shares in {org} fell sharply on {day} after the company lowered its full-year revenue outlook and warned that costs for raw materials kept climbing.',
    ],
    body: [
      'Revenue for the quarter came to ${n} million, compared with analyst estimates compiled by FactSet of slightly less.',
      'The company said its warehouse near {city} would be consolidated with a larger site by the end of {month}.',
      '{p1}, {role}, told analysts that pricing pressure from {rival} had been stronger than expected.',
      'Inventory levels rose {pct}% during the period, a sign that retailers were ordering more cautiously.',
      'The board approved a share buyback of up to ${n} million and left the quarterly dividend unchanged.',
      'Labor unions representing workers at the plant in {city} said they had not been consulted before the announcement.',
      'Credit rating agencies said the company still had ample cash to weather a downturn that could last into {year}.',
      'The firm said freight costs had doubled since {month} because of congestion at container terminals.',
    ],
  },
  {
    tag: 'Sport',
    orgSuffixes: ['United', 'Athletic', 'Rovers', 'FC', 'City'],
    roles: ['coach', 'captain', 'goalkeeper', 'team president'],
    headlines: [
      '{p0} scores twice as {org} rally past {rival} in {city}',
      '{org} fire coach {p1} with club near the relegation zone',
      '{p0} penalty in stoppage time lifts {org} over {rival}',
    ],
    ledes: [
      '{p0} scored twice in the second half as {org} came from behind to beat {rival} in front of a sellout crowd in {city} on {day}.',
      '{org} fired coach {p1} on {day} after a run of defeats that left the club one point above the relegation zone.',
      'A stoppage-time penalty from {p0} gave {org} a win over {rival} on {day}, keeping alive their hopes of a first title since {year}.',
    ],
    body: [
      'The visitors had taken the lead in the {minute}th minute through a header from a corner.',
      '{p2} was sent off shortly after halftime for a second yellow card, leaving his side with ten men.',
      'Attendance was {n},000, the largest crowd at the stadium since it was renovated.',
      'The club said the injured defender would undergo a scan on his knee in {city} on {day}.',
      'Supporters held up banners criticizing the owners, who bought the club in {year}.',
      '{p0} now has {years} goals in all competitions this season, more than any other player in the league.',
      'The result left {rival} without a win in their last {goals} league matches.',
      'League officials said they would review the decision not to award a penalty after a handball in the first half.',
    ],
  },
  {
    tag: 'Science',
    orgSuffixes: ['Institute', 'Observatory', 'Research Center', 'University', 'Laboratory'],
    roles: ['lead author of the study', 'a biologist', 'a physicist', 'an astronomer'],
    headlines: [
      '{org} expedition finds {n} new species off {region}',
      'Instrument built by {org} detects water vapor on a planet {n} light-years away',
      'Fossil found near {city} belongs to a mammal {n} million years old',
    ],
    ledes: [
      'Researchers at {org} said on {day} they had identified {n} previously unknown species during a six-week expedition to underwater mountains off {region}.',
      'Astronomers using an instrument built by {org} reported signs of water vapor in the atmosphere of a planet about {n} light-years from Earth.',
      'A fossil jaw uncovered by a farmer near {city} belongs to a mammal that lived about {n} million years ago, scientists at {org} reported on {day}.',
    ],
    body: [
      'The findings were published in the journal Nature after review by independent scientists.',
      '{p3}, an outside expert who was not involved in the research, called the results striking but said they needed to be confirmed.',
      'The team collected more than {n} samples using a remotely operated vehicle that can dive to 4,000 meters.',
      'Funding for the project came from the national science agency and a private foundation in {city}.',
      'Earlier surveys in {year} had missed the animals because their nets could not reach such depths.',
      'Measurements taken over {n} nights showed the signal was not caused by the instrument itself.',
      'The researchers plan to return in {month} with better cameras and a larger crew.',
      'Temperatures at the study sites rose by about {goals} tenths of a degree each decade, the researchers found.',
    ],
  },
  {
    tag: 'Weather',
    orgSuffixes: [
      'Weather Service office',
      'Emergency Management Agency',
      'Power Cooperative',
      'Electric Co.',
      'Highway Department',
    ],
    roles: ['a meteorologist', 'the emergency manager', 'a utility spokesperson', 'the county judge'],
    headlines: [
      'Flooding in {city} forces hundreds from their homes',
      'Heat wave pushes temperatures past {deg} degrees across {region}',
      'Ice storm leaves {n},000 without power around {city}',
    ],
    ledes: [
      'Torrential rain swamped low-lying neighborhoods of {city} on {day}, forcing hundreds of residents from their homes and stranding drivers on flooded roads.',
      'A heat wave sent temperatures soaring past {deg} degrees across much of {region} on {day}, and officials opened cooling centers in libraries and churches.',
      'An ice storm coated trees and power lines around {city} overnight into {day}, leaving about {n},000 homes and businesses without electricity.',
    ],
    body: [
      'Forecasters said another {n} millimeters of rain could fall before the system moves out on {day}.',
      'Crews from the {org} worked through the night to clear fallen branches from main roads.',
      '{p1}, {role}, said the pattern was unusual for {month} and was linked to a stalled front.',
      'Several schools in the district canceled classes and the municipal airport reported dozens of delays.',
      'Officials urged residents not to drive through standing water, saying most flood deaths happen in vehicles.',
      'The last storm of similar strength hit the area in {year}, causing damage estimated at ${n} million.',
      'Volunteers filled sandbags at a fire station on the east side of {city}.',
      'Hospitals reported treating people for heat exhaustion, most of them elderly residents living alone.',
    ],
  },
  {
    tag: 'Disaster',
    orgSuffixes: ['Red Cross branch', 'Civil Protection Agency', 'Fire Department', 'Rescue Service', 'Mining Co.'],
    roles: ['a rescue coordinator', 'the regional governor', 'a fire chief', 'a survivor'],
    headlines: [
      'Landslide buries homes near {city}; at least {n} missing',
      'Wildfire forces {n},000 to flee towns near {city}',
      'Fire at garment factory in {city} kills {n} workers',
    ],
    ledes: [
      'A landslide triggered by days of heavy rain buried a row of homes on a hillside outside {city} on {day}, and rescuers were searching for at least {n} people believed trapped.',
      'A fast-moving wildfire fed by dry winds forced the evacuation of about {n},000 people from towns near {city} on {day}.',
      'A fire tore through a garment factory in {city} on {day}, killing at least {n} workers who were unable to escape through locked exits, officials said.',
    ],
    body: [
      'Rescuers used sniffer dogs and heavy machinery to dig through mud and debris.',
      '{p1}, {role}, said the chances of finding survivors were falling with each hour.',
      'Residents said they had complained to local authorities about cracks in the slope since {month}.',
      'The government sent {n} soldiers to help with the search and to distribute food and water.',
      'Firefighters were hampered by narrow streets that prevented trucks from reaching the building.',
      'Investigators said they would examine whether safety inspections had been carried out since {year}.',
      '“We heard a roar and then the house next door was gone,” said {p2}, who escaped with her two children.',
      'A temporary shelter was set up in a school gymnasium, where families slept on mats.',
    ],
  },
  {
    tag: 'Health',
    orgSuffixes: [
      'Medical Center',
      'Health Department',
      'Children’s Hospital',
      'Public Health Institute',
      'Pharmaceuticals',
    ],
    roles: ['an epidemiologist', 'the health minister', 'a pediatrician', 'the hospital director'],
    headlines: [
      'Dengue cases in {region} reach {n},000 as mosquito season lengthens',
      '{org} drug cuts heart attack risk by {pct}% in large trial',
      'Flu surge forces hospitals in {city} to postpone surgeries',
    ],
    ledes: [
      'Health authorities in {region} said on {day} that dengue cases had reached {n},000 so far this year, more than double the figure for the same period of {year}.',
      'A drug developed by {org} lowered the risk of heart attacks by {pct}% in a large clinical trial, researchers reported on {day}.',
      'Hospitals in {city} began postponing nonurgent surgeries on {day} as an early and severe flu season filled their wards.',
    ],
    body: [
      'The trial enrolled about {n},000 patients in {years} countries and followed them for {goals} years.',
      '{p1}, {role}, said warmer and wetter weather had expanded the range of mosquitoes.',
      'Officials urged people over 65 to get vaccinated and to stay home when sick.',
      'The ministry said it would hire {n} additional nurses by {month} and raise night-shift pay.',
      'Side effects were mostly mild, although some patients stopped treatment because of muscle pain.',
      'Waiting times in some emergency departments exceeded {goals} hours over the weekend.',
      'Regulators in Europe and the United States are expected to review the data in {year}.',
      'Doctors warned that the true number of infections was likely higher because many people never seek care.',
    ],
  },
  {
    tag: 'Technology',
    orgSuffixes: ['Technologies', 'Networks', 'Labs', 'Software', 'Systems'],
    roles: ['the chief technology officer', 'a security researcher', 'a product manager', 'an industry analyst'],
    headlines: [
      '{org} outage halts card payments across {region}',
      'Hackers steal data of {n} million {org} customers',
      'Regulators in {region} fine {org} ${n} million over app store rules',
    ],
    ledes: [
      'A software fault at {org} knocked out card payments at shops and restaurants across {region} for several hours on {day}, the company said.',
      'Hackers gained access to the personal data of about {n} million customers of {org}, the company disclosed on {day}, including names, email addresses and phone numbers.',
      'Regulators in {region} fined {org} ${n} million on {day}, saying it had unfairly blocked rival apps from its store.',
    ],
    body: [
      'The company said a faulty configuration change had been rolled back and services were restored by evening.',
      '{p1}, {role}, said the stolen database had appeared for sale on an online forum in {month}.',
      'The firm said passwords and card numbers were encrypted and that it had notified police in {city}.',
      'Engineers worked through the night at the data center outside {city} to restore service.',
      'The company plans to appeal the fine and said it had already changed some of its rules in {year}.',
      'Shares of {org} fell {pct}% in afternoon trading.',
      'Consumer groups called for compensation for small businesses that lost sales during the outage.',
      'Analysts said the episode showed how much of the economy now depends on a handful of providers.',
    ],
  },
  {
    tag: 'Courts',
    orgSuffixes: ['Corp.', 'Partners', 'Group', 'Construction', 'Bank'],
    roles: ['a defense attorney', 'the prosecutor', 'a law professor', 'the presiding judge'],
    headlines: [
      'Former {org} executive gets {goals} years for ${n} million fraud',
      'Jury convicts former {city} official {p0} of taking bribes',
      'Court orders {org} to pay ${n} million over contaminated water near {city}',
    ],
    ledes: [
      'A former executive of {org} was sentenced on {day} to {goals} years in prison for a scheme that defrauded investors of about ${n} million, prosecutors in {city} said.',
      'A jury in {city} found former city official {p0} guilty on {day} of taking bribes in exchange for construction contracts worth millions of dollars.',
      'A court in {city} ordered {org} on {day} to pay ${n} million in damages to residents whose drinking water was contaminated by a nearby plant.',
    ],
    body: [
      'The trial lasted {goals} weeks and included testimony from former employees and accountants.',
      '{p1}, {role}, said the defendant would appeal the verdict.',
      'Prosecutors said the money was moved through shell companies in several countries before it was spent on property.',
      'The judge said the sentence reflected the harm done to retirees who lost their savings.',
      'Residents first reported a strange smell from their taps in {month} {year}.',
      'The company denied wrongdoing but said it had already spent millions on new filters.',
      'Jurors deliberated for {years} hours over two days before reaching the verdict.',
      '{p3}, who teaches law in {city}, said the ruling could encourage similar lawsuits elsewhere.',
    ],
  },
  {
    tag: 'Politics',
    orgSuffixes: ['Party', 'Assembly', 'Council', 'Coalition', 'Union'],
    roles: ['the opposition leader', 'a senior lawmaker', 'a political scientist', 'the party spokesperson'],
    headlines: [
      'Lawmakers in {region} pass budget after all-night session',
      '{p0} elected leader of the {org}, vows to rebuild',
      'Thousands march in {city} to demand transport minister quit',
    ],
    ledes: [
      'Lawmakers in {region} approved the annual budget early on {day} after an all-night session, clearing the way for higher spending on schools and roads.',
      '{p0} won the leadership of the {org} on {day}, promising to rebuild the party after a heavy defeat in the {year} election.',
      'Thousands of protesters marched through {city} on {day} demanding the resignation of the transport minister after a deadly train crash.',
    ],
    body: [
      'The measure passed by {big} votes to {n}, with several members of the governing coalition abstaining.',
      '{p1}, {role}, said the plan would leave future generations with debt.',
      'Police estimated the crowd at {n},000, while organizers said it was much larger.',
      'The vote followed months of negotiations between coalition partners over tax increases.',
      'The new leader faces a deeply divided party and falling poll numbers.',
      'The government said it would present a separate bill on pensions in {month}.',
      'Critics said the process had been rushed and that lawmakers had little time to read the final text.',
      '{p3}, a political scientist, said the outcome would shape the campaign ahead of elections in {year}.',
    ],
  },
];

/** General sentences that fit any story: reaction, context, what comes next. */
const general = [
  '“We did not expect it to happen this quickly,” said {p1}, {role}. “Now we have to deal with the consequences.”',
  '{p2}, a spokesperson, said the decision had been made after weeks of discussion and would be reviewed in {month}.',
  'Officials in {city} said they would release more details later in the week.',
  'Similar events in {year} prompted calls for new rules that were never adopted.',
  '“People here are worried, and they want answers,” said {p3}, who has lived in {city} for {years} years.',
  'The figures were the highest recorded since the government began collecting data in {year}.',
  'A spokesperson for the {org} declined to comment beyond a brief written statement.',
  'Local media in {region} reported that the announcement had been expected for several days.',
  '{p1} said the next few weeks would show whether the plan was working.',
  'More than {n} people attended a public meeting in {city} on {day} evening to discuss what happened.',
  'The {org} said it was cooperating fully and had opened an internal review.',
  'It was not immediately clear how many people would be affected.',
  '“It is too early to say what this means in the long run,” {p1} said in an interview.',
  'The issue has become a topic of debate on talk radio and social media in {region}.',
  'By late afternoon, a small crowd had gathered outside the offices of the {org} on the main square of {city}.',
  'Records reviewed by reporters show the problem was first flagged in an internal memo in {month} {year}.',
  '{p2} described the mood in {city} as tense but calm, with shops open and traffic moving normally.',
  'Opposition figures seized on the news, accusing the authorities of ignoring repeated warnings.',
  'An independent panel is due to publish its findings before the end of {month}.',
  'The governor of {region} said emergency funds would be made available if needed.',
  'Economists estimate the total cost at between ${n} million and ${big} million.',
  'In a social media post, {p3} thanked volunteers and neighbors who had offered help.',
  'The story drew wide attention after a video filmed by a resident was shared thousands of times.',
  'Neither side responded to requests for comment on {day} night.',
  'A similar proposal was rejected by voters in {region} in {year}.',
  'Trade groups said their members would need time to adjust to the change.',
];

const credits = [
  '{p3} contributed reporting from {city}.',
  'This story has been corrected to show that the meeting took place on {day}.',
  'Associated Press writer {p2} in {city} contributed to this report.',
];

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

/** k distinct items, in random order. */
function sample<T>(rng: Rng, list: readonly T[], k: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
}

/** `memo` keeps one value per slot across templates, so a headline and its lede agree on numbers. */
function fill(template: string, cast: Cast, rng: Rng, memo?: Map<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!memo) return slotValue(key, cast, rng);
    if (!memo.has(key)) memo.set(key, slotValue(key, cast, rng));
    return memo.get(key)!;
  });
}

function slotValue(key: string, cast: Cast, rng: Rng): string {
  const person = /^p(\d)$/.exec(key);
  if (person) return cast.people[Number(person[1])];
  switch (key) {
    case 'org':
      return cast.org;
    case 'rival':
      return cast.rival;
    case 'city':
      return cast.place.city;
    case 'region':
      return cast.place.region;
    case 'day':
      return cast.day;
    case 'role':
      return cast.role;
    case 'n':
      return String(2 + Math.floor(rng() * 380));
    case 'big':
      return String(400 + Math.floor(rng() * 9000));
    case 'goals':
      return String(2 + Math.floor(rng() * 7));
    case 'years':
      return String(3 + Math.floor(rng() * 50));
    case 'minute':
      return String(5 + Math.floor(rng() * 85));
    case 'deg':
      return String(36 + Math.floor(rng() * 10));
    case 'pct':
      return String(2 + Math.floor(rng() * 45));
    case 'year':
      return String(1990 + Math.floor(rng() * 33));
    case 'month':
      return pick(rng, months);
    default:
      throw new Error(`generate: unknown template slot {${key}}`);
  }
}

function slugOf(title: string, index: number): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8);
  return `${words.join('-')}-${index.toString(36)}`;
}

function makeStory(index: number, rng: Rng, baseTime: number): SimStory {
  const topic = topics[index % topics.length];
  const orgName = () => `${pick(rng, orgStems)} ${pick(rng, topic.orgSuffixes)}`;
  const cast: Cast = {
    place: pick(rng, places),
    people: Array.from({ length: 4 }, () => `${pick(rng, firstNames)} ${pick(rng, lastNames)}`),
    org: orgName(),
    rival: '',
    day: pick(rng, weekdays),
    role: pick(rng, topic.roles),
  };
  do cast.rival = orgName();
  while (cast.rival === cast.org);
  const say = (t: string) => fill(t, cast, rng);
  const event = Math.floor(rng() * topic.ledes.length);
  const headlineSlots = new Map<string, string>();
  const sentences = [
    ...sample(rng, topic.body, 3 + Math.floor(rng() * 3)),
    ...sample(rng, general, 5 + Math.floor(rng() * 5)),
  ];
  const shuffled = sample(rng, sentences, sentences.length);
  const paragraphs = [`${cast.place.dateline} (AP) — ${fill(topic.ledes[event], cast, rng, headlineSlots)}`];
  // One or two sentences a paragraph, as wire copy is written.
  for (let i = 0; i < shuffled.length;) {
    const take = rng() < 0.6 ? 1 : 2;
    paragraphs.push(
      shuffled
        .slice(i, i + take)
        .map(say)
        .join(' '),
    );
    i += take;
  }
  if (rng() < 0.4) paragraphs.push(say(pick(rng, credits)));
  const title = fill(topic.headlines[event], cast, rng, headlineSlots);
  return {
    slug: slugOf(title, index),
    title,
    paragraphs,
    byline: `By ${pick(rng, firstNames)} ${pick(rng, lastNames)}`,
    dateline: `${cast.place.dateline} (AP)`,
    publishedAt: new Date(baseTime + index * 60_000 + Math.floor(rng() * 50_000)).toISOString(),
    agency: 'AP',
    tags: [topic.tag, cast.place.region],
  };
}

/** `n` stories, the same for the same seed; topics rotate so every topic is represented. */
export function generateStories(n: number, seed: number): SimStory[] {
  const rng = seededRandom(seed);
  const baseTime = Date.UTC(2024, 0, 1) + (seed % 1000) * 86_400_000;
  return Array.from({ length: n }, (_, i) => makeStory(i, rng, baseTime));
}
