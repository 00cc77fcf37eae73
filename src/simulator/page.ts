// The HTML of an article page, wrapped in the chrome real news sites carry (cookie banner, mega
// menu, ads, share bars, related links, newsletter box, footer, inline CSS and scripts), so the
// extractor is tested against realistic noise rather than a bare <article>. 30-60 KB a page.
import { escapeXml as esc } from './feed-xml.js';
import type { SimStory } from './types.js';

export interface PageLink {
  title: string;
  url: string;
}

export interface PageInput {
  story: SimStory;
  siteUrl: string;
  canonicalUrl: string;
  updatedAt: Date;
  version: number;
  related: PageLink[];
}

const siteName = 'Wire Sim News';

const sections: Record<string, string[]> = {
  World: [
    'Africa',
    'Asia Pacific',
    'Australia',
    'Europe',
    'Latin America',
    'Middle East',
    'Russia-Ukraine',
    'Israel-Hamas war',
  ],
  'U.S.': ['Politics', 'Immigration', 'Education', 'Race and Ethnicity', 'Weather', 'Crime', 'Supreme Court'],
  Business: ['Markets', 'Economy', 'Technology', 'Personal Finance', 'Autos', 'Media', 'Earnings'],
  Sports: ['NFL', 'NBA', 'MLB', 'NHL', 'Soccer', 'Tennis', 'Golf', 'Olympics', 'College Football'],
  Entertainment: ['Movies', 'Television', 'Music', 'Celebrities', 'Books', 'Awards'],
  Science: ['Space', 'Climate', 'Environment', 'Animals', 'Archaeology'],
  Health: ['Medical Research', 'Public Health', 'Mental Health', 'Nutrition', 'Vaccines'],
  Lifestyle: ['Food and Drink', 'Travel', 'Relationships', 'Home and Garden', 'Fashion', 'Pets'],
};

const footerColumns: Record<string, string[]> = {
  'About us': [
    'Our story',
    'Leadership',
    'Careers',
    'News values and principles',
    'Corporate archives',
    'Press releases',
  ],
  'Contact us': ['Newsroom tips', 'Customer support', 'Advertise with us', 'Licensing', 'Corrections'],
  'More from us': ['Newsletters', 'Podcasts', 'Photography', 'Video archive', 'Live blogs', 'Fact checks'],
  Legal: [
    'Terms of use',
    'Privacy policy',
    'Cookie settings',
    'Do not sell my personal information',
    'Accessibility statement',
  ],
};

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// A design system's worth of rules: real pages inline tens of KB of CSS before any content.
function stylesheet(): string {
  const base = `
:root{--brand:#c8102e;--ink:#121212;--muted:#5f6368;--rule:#e0e0e0;--bg:#fff;--font-serif:Georgia,'Times New Roman',serif;--font-sans:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
*,*::before,*::after{box-sizing:border-box}html{-webkit-text-size-adjust:100%;scroll-behavior:smooth}
body{margin:0;font-family:var(--font-sans);color:var(--ink);background:var(--bg);line-height:1.5}
a{color:inherit;text-decoration:none}a:hover{text-decoration:underline}img{max-width:100%;height:auto;display:block}
.skip-link{position:absolute;left:-9999px;top:0}.skip-link:focus{left:8px;top:8px;z-index:1000;background:#fff;padding:8px}
.site-header{border-bottom:1px solid var(--rule);position:sticky;top:0;background:#fff;z-index:50}
.site-header__inner{display:flex;align-items:center;justify-content:space-between;max-width:1240px;margin:0 auto;padding:12px 20px}
.site-logo{font-family:var(--font-serif);font-size:28px;font-weight:700;letter-spacing:-.5px}.site-logo span{color:var(--brand)}
.main-nav{display:flex;gap:18px;font-size:14px;font-weight:600;text-transform:uppercase}
.mega-menu{display:none;position:absolute;left:0;right:0;background:#fff;border-bottom:1px solid var(--rule);padding:24px}
.main-nav__item:hover .mega-menu{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.ticker{background:var(--ink);color:#fff;font-size:13px;overflow:hidden;white-space:nowrap}.ticker__label{background:var(--brand);padding:6px 10px;font-weight:700}
.ad-slot{background:#f4f4f4;text-align:center;color:#999;font-size:11px;text-transform:uppercase;letter-spacing:1px;margin:20px auto}
.ad-slot--leaderboard{width:728px;min-height:90px}.ad-slot--mpu{width:300px;min-height:250px}.ad-break{margin:28px 0;padding:10px 0;border-top:1px solid var(--rule);border-bottom:1px solid var(--rule)}
.page{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:40px;max-width:1240px;margin:0 auto;padding:24px 20px}
.article-header h1{font-family:var(--font-serif);font-size:40px;line-height:1.15;margin:8px 0 16px}
.article-kicker{color:var(--brand);font-weight:700;font-size:13px;text-transform:uppercase}
.byline{font-size:14px;color:var(--muted)}.byline a{color:var(--ink);font-weight:600}.timestamp{font-size:13px;color:var(--muted)}
.share-bar{display:flex;gap:8px;margin:16px 0;padding:8px 0;border-top:1px solid var(--rule);border-bottom:1px solid var(--rule)}
.share-bar button,.share-bar a{border:1px solid var(--rule);border-radius:999px;background:#fff;padding:6px 12px;font-size:13px;cursor:pointer}
.lead-figure figcaption{font-size:13px;color:var(--muted);margin-top:6px}
.article-body p{font-family:var(--font-serif);font-size:19px;line-height:1.65;margin:0 0 22px}
.related-inline{border-left:4px solid var(--brand);padding:8px 16px;margin:24px 0;font-size:15px}
.tags{display:flex;flex-wrap:wrap;gap:8px;margin:24px 0}.tags a{background:#f1f1f1;padding:4px 10px;border-radius:4px;font-size:13px}
.newsletter{background:#f7f3ee;padding:24px;margin:32px 0;border-radius:8px}.newsletter input{padding:10px;width:60%;border:1px solid #ccc}
.newsletter button{padding:10px 18px;background:var(--brand);color:#fff;border:0;font-weight:700}
.sidebar h2,.more-stories h2{font-size:16px;text-transform:uppercase;border-bottom:3px solid var(--ink);padding-bottom:6px}
.most-read ol{padding-left:20px}.most-read li{margin:0 0 14px;font-weight:600;font-size:15px}
.more-stories{max-width:1240px;margin:0 auto;padding:0 20px}.card-grid{display:grid;grid-template-columns:repeat(3,1fr);gap:24px}
.card{border-top:1px solid var(--rule);padding-top:12px}.card__title{font-family:var(--font-serif);font-size:18px;font-weight:700}
.comments{max-width:760px;margin:40px auto;padding:0 20px;color:var(--muted)}
.site-footer{background:#111;color:#ddd;margin-top:48px;padding:40px 20px;font-size:14px}
.site-footer__cols{display:grid;grid-template-columns:repeat(4,1fr);gap:24px;max-width:1240px;margin:0 auto}
.site-footer h3{color:#fff;font-size:14px;text-transform:uppercase}.site-footer li{list-style:none;margin:0 0 8px}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#fff;box-shadow:0 -2px 12px rgba(0,0,0,.2);padding:20px;z-index:9999}
.cookie-banner__actions{display:flex;gap:12px;margin-top:12px}.cookie-banner button{padding:10px 16px;font-weight:700}
@media (max-width:900px){.page{grid-template-columns:1fr}.sidebar{display:none}.card-grid{grid-template-columns:1fr}.main-nav{display:none}}
@media print{.site-header,.ad-slot,.share-bar,.cookie-banner,.site-footer,.sidebar,.newsletter{display:none}}`;
  const utilities: string[] = [];
  const sides: Record<string, string> = { t: 'top', r: 'right', b: 'bottom', l: 'left' };
  for (let step = 0; step <= 12; step++) {
    for (const [short, side] of Object.entries(sides)) {
      utilities.push(
        `.m${short}-${step}{margin-${side}:${step * 4}px}.p${short}-${step}{padding-${side}:${step * 4}px}`,
      );
    }
  }
  for (let col = 1; col <= 12; col++)
    utilities.push(`.col-${col}{grid-column:span ${col}}.w-${col}{width:${((col / 12) * 100).toFixed(4)}%}`);
  for (const size of [11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48])
    utilities.push(`.fs-${size}{font-size:${size}px}.lh-${size}{line-height:${size + 6}px}`);
  return base + '\n' + utilities.join('\n');
}

// Stand-ins for the consent manager, ad loader and analytics every news page ships.
function headScript(input: PageInput): string {
  const { story } = input;
  return `
window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','G-SIMWIRE01',{send_page_view:false});
window.__PAGE_META__=${JSON.stringify({ contentType: 'article', section: story.tags?.[0] ?? 'news', slug: story.slug, version: input.version, wordCount: story.paragraphs.join(' ').split(/\s+/).length, agency: story.agency ?? null })};
(function(w,d){var consent=d.cookie.indexOf('consent=1')>-1;w.__CMP__={consented:consent,queue:[],push:function(f){consent?f():this.queue.push(f)},
accept:function(){d.cookie='consent=1;path=/;max-age=31536000';consent=true;this.queue.forEach(function(f){f()});this.queue=[];var b=d.getElementById('cookie-banner');if(b)b.remove()},
reject:function(){d.cookie='consent=0;path=/;max-age=31536000';var b=d.getElementById('cookie-banner');if(b)b.remove()}}})(window,document);
window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function(){
var slots=[['/21775744923/sim/leaderboard',[[728,90],[970,250]],'ad-leaderboard'],['/21775744923/sim/mpu',[[300,250],[300,600]],'ad-mpu'],['/21775744923/sim/inline',[[300,250],[640,360]],'ad-inline']];
slots.forEach(function(s){var el=document.getElementById(s[2]);if(el){googletag.defineSlot(s[0],s[1],s[2]).addService(googletag.pubads())}});
googletag.pubads().setTargeting('section',window.__PAGE_META__.section);googletag.pubads().enableSingleRequest();googletag.pubads().collapseEmptyDivs();googletag.enableServices()});`;
}

function bodyScript(): string {
  return `
(function(){function track(name,props){window.dataLayer.push(Object.assign({event:name},props||{}))}
document.querySelectorAll('[data-share]').forEach(function(btn){btn.addEventListener('click',function(){var net=btn.getAttribute('data-share');track('share',{network:net});
if(net==='copy'&&navigator.clipboard){navigator.clipboard.writeText(location.href)}else if(net!=='copy'){window.open(btn.getAttribute('data-href'),'share','width=600,height=480')}})});
var depth=0;window.addEventListener('scroll',function(){var d=Math.round((scrollY+innerHeight)/document.body.scrollHeight*4)*25;if(d>depth){depth=d;track('scroll_depth',{percent:d})}},{passive:true});
var form=document.getElementById('newsletter-form');if(form){form.addEventListener('submit',function(e){e.preventDefault();track('newsletter_signup');form.innerHTML='<p>Thanks for signing up.</p>'})}
document.querySelectorAll('.ticker__item').forEach(function(el,i){el.style.animationDelay=(i*4)+'s'});
if('IntersectionObserver' in window){var io=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting){track('ad_viewable',{slot:e.target.id});io.unobserve(e.target)}})},{threshold:.5});
document.querySelectorAll('.ad-slot').forEach(function(el){io.observe(el)})}})();`;
}

function navigation(siteUrl: string): string {
  const items = Object.entries(sections).map(([section, subs]) => {
    const links = subs.map((s) => `<li><a href="${siteUrl}/hub/${slugify(s)}">${esc(s)}</a></li>`).join('');
    return `<li class="main-nav__item"><a href="${siteUrl}/hub/${slugify(section)}">${esc(section)}</a><div class="mega-menu"><ul>${links}</ul><div class="mega-menu__promo"><a href="${siteUrl}/newsletters">Get the ${esc(section)} newsletter</a></div></div></li>`;
  });
  return `<nav class="main-nav" aria-label="Sections"><ul class="main-nav__list">${items.join('')}</ul></nav>`;
}

function footer(siteUrl: string, year: number): string {
  const cols = Object.entries(footerColumns).map(([heading, links]) => {
    const lis = links.map((l) => `<li><a href="${siteUrl}/${slugify(l)}">${esc(l)}</a></li>`).join('');
    return `<div class="site-footer__col"><h3>${esc(heading)}</h3><ul>${lis}</ul></div>`;
  });
  const social = ['Facebook', 'X', 'Instagram', 'YouTube', 'LinkedIn', 'Threads']
    .map((n) => `<a href="https://social.example/${slugify(n)}/wiresim" rel="noopener">${n}</a>`)
    .join(' · ');
  return `<footer class="site-footer"><div class="site-footer__cols">${cols.join('')}</div>
<p class="site-footer__social">Follow us: ${social}</p>
<p class="site-footer__legal">Copyright ${year} ${siteName}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.</p></footer>`;
}

function shareBar(url: string, title: string): string {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return `<div class="share-bar" role="group" aria-label="Share this story">
<button type="button" data-share="facebook" data-href="https://www.facebook.com/sharer/sharer.php?u=${u}">Share on Facebook</button>
<button type="button" data-share="x" data-href="https://x.com/intent/post?url=${u}&amp;text=${t}">Share on X</button>
<button type="button" data-share="linkedin" data-href="https://www.linkedin.com/sharing/share-offsite/?url=${u}">Share on LinkedIn</button>
<a class="share-email" href="mailto:?subject=${t}&amp;body=${u}">Email</a>
<button type="button" data-share="copy">Copy link</button>
<button type="button" class="share-print" onclick="window.print()">Print</button></div>`;
}

export function renderArticlePage(input: PageInput): string {
  const { story, siteUrl, canonicalUrl, related } = input;
  const published = new Date(story.publishedAt);
  const updated = input.updatedAt;
  const summary = story.paragraphs[0]?.slice(0, 200) ?? '';
  const section = story.tags?.[0] ?? 'News';
  const imageUrl = `${siteUrl}/images/${story.slug}.jpg`;
  const byline = story.byline ?? `By ${story.agency ?? siteName}`;
  const authorNames = byline
    .replace(/^By\s+/i, '')
    .split(/\s*(?:,|\band\b)\s*/)
    .filter(Boolean);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description: summary,
    datePublished: published.toISOString(),
    dateModified: updated.toISOString(),
    author: authorNames.map((name) => ({ '@type': 'Person', name })),
    publisher: {
      '@type': 'Organization',
      name: siteName,
      logo: { '@type': 'ImageObject', url: `${siteUrl}/logo.png` },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonicalUrl },
    image: [imageUrl],
    articleSection: section,
    keywords: story.tags ?? [],
    isAccessibleForFree: true,
  };
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: 'Home', item: siteUrl },
      { '@type': 'ListItem', position: 2, name: section, item: `${siteUrl}/hub/${slugify(section)}` },
    ],
  };
  const ldJson = (obj: unknown) => JSON.stringify(obj).replace(/</g, '\\u003c');

  const paragraphs = story.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  const inlineRelated = related[0]
    ? `<aside class="related-inline"><strong>Related:</strong> <a href="${esc(related[0].url)}">${esc(related[0].title)}</a></aside>`
    : '';
  const inlineAd = '<div class="ad-slot ad-break" id="ad-inline" aria-hidden="true">Advertisement</div>';
  // Real article bodies are interrupted by ads and "related" boxes; the extractor must drop them.
  if (paragraphs.length > 4) paragraphs.splice(3, 0, inlineAd, inlineRelated);
  const tags = (story.tags ?? []).map((t) => `<a href="${siteUrl}/hub/${slugify(t)}" rel="tag">${esc(t)}</a>`).join('');
  const mostRead = related.map((r) => `<li><a href="${esc(r.url)}">${esc(r.title)}</a></li>`).join('');
  const cards = related
    .map(
      (r, i) =>
        `<div class="card"><a href="${esc(r.url)}"><img src="${siteUrl}/images/card-${i}.jpg" alt="" loading="lazy" width="400" height="225"><div class="card__title">${esc(r.title)}</div></a></div>`,
    )
    .join('');
  const tickerItems = related
    .slice(0, 4)
    .map((r) => `<a class="ticker__item" href="${esc(r.url)}">${esc(r.title)}</a>`)
    .join(' ');
  const updatedNote =
    input.version > 1
      ? ` <span class="timestamp timestamp--updated">Updated <time datetime="${updated.toISOString()}">${updated.toUTCString()}</time></span>`
      : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(story.title)} | ${siteName}</title>
<meta name="description" content="${esc(summary)}">
<meta name="author" content="${esc(authorNames.join(', '))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${siteName}">
<meta property="og:title" content="${esc(story.title)}">
<meta property="og:description" content="${esc(summary)}">
<meta property="og:url" content="${esc(canonicalUrl)}">
<meta property="og:image" content="${imageUrl}">
<meta property="article:published_time" content="${published.toISOString()}">
<meta property="article:modified_time" content="${updated.toISOString()}">
<meta property="article:section" content="${esc(section)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@wiresim">
<link rel="canonical" href="${esc(canonicalUrl)}">
<link rel="alternate" type="application/rss+xml" title="${siteName}" href="${siteUrl}/feeds/wire.rss">
<link rel="preconnect" href="https://securepubads.g.doubleclick.net">
<script type="application/ld+json">${ldJson(jsonLd)}</script>
<script type="application/ld+json">${ldJson(breadcrumbs)}</script>
<style>${stylesheet()}</style>
<script>${headScript(input)}</script>
</head>
<body class="article-page section-${slugify(section)}">
<a class="skip-link" href="#main">Skip to content</a>
<div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p><strong>We value your privacy.</strong> We and our 847 partners store and access information on your device, such as cookies, and process personal data, such as unique identifiers and browsing data, to personalise ads and content, measure ads and content, gain audience insights and develop products. You can accept, reject or manage your choices at any time by clicking "Privacy settings" at the bottom of the page.</p>
<div class="cookie-banner__actions"><button type="button" onclick="__CMP__.accept()">Accept all</button><button type="button" onclick="__CMP__.reject()">Reject all</button><button type="button">Manage preferences</button></div>
</div>
<header class="site-header"><div class="site-header__inner">
<a class="site-logo" href="${siteUrl}/">Wire<span>Sim</span> News</a>
${navigation(siteUrl)}
<div class="site-header__tools"><a href="${siteUrl}/search">Search</a> <a href="${siteUrl}/account/login">Sign in</a> <a class="donate" href="${siteUrl}/donate">Donate</a></div>
</div>
<div class="ticker"><span class="ticker__label">Breaking</span> ${tickerItems}</div>
</header>
<div class="ad-slot ad-slot--leaderboard" id="ad-leaderboard" aria-hidden="true">Advertisement</div>
<div class="page">
<main id="main">
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<header class="article-header">
<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="${siteUrl}/">Home</a> › <a href="${siteUrl}/hub/${slugify(section)}">${esc(section)}</a></nav>
<div class="article-kicker">${esc(section)}</div>
<h1 itemprop="headline">${esc(story.title)}</h1>
<div class="byline" itemprop="author">${esc(byline)}</div>
<div class="timestamp">Published <time datetime="${published.toISOString()}" itemprop="datePublished">${published.toUTCString()}</time>${updatedNote}</div>
</header>
${shareBar(canonicalUrl, story.title)}
<figure class="lead-figure"><img src="${imageUrl}" alt="${esc(story.title)}" width="1200" height="675"><figcaption>${esc(story.dateline ?? section)}. (${esc(story.agency ?? siteName)} Photo)</figcaption></figure>
<div class="article-body" itemprop="articleBody">
${paragraphs.join('\n')}
</div>
<div class="tags"><span>Topics:</span> ${tags}</div>
${shareBar(canonicalUrl, story.title)}
</article>
<section class="newsletter"><h2>Get the morning wire</h2><p>The day's top stories, delivered to your inbox before breakfast. Free, every weekday.</p>
<form id="newsletter-form" action="${siteUrl}/newsletters/subscribe" method="post"><input type="email" name="email" placeholder="Your email address" required><button type="submit">Sign up</button></form>
<p class="newsletter__legal">By signing up you agree to our terms of use and privacy policy. You can unsubscribe at any time.</p></section>
<section class="comments" id="comments"><h2>Comments</h2><p>Comments are closed for this story. Read our community guidelines.</p></section>
</main>
<aside class="sidebar">
<div class="ad-slot ad-slot--mpu" id="ad-mpu" aria-hidden="true">Advertisement</div>
<div class="most-read"><h2>Most read</h2><ol>${mostRead}</ol></div>
<div class="podcast-promo"><h2>Listen</h2><p>The Wire Sim Daily: ten minutes on the story everyone is talking about. New episodes every morning.</p></div>
</aside>
</div>
<section class="more-stories"><h2>More from ${siteName}</h2><div class="card-grid">${cards}</div></section>
${footer(siteUrl, updated.getUTCFullYear())}
<script>${bodyScript()}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</body>
</html>
`;
}
