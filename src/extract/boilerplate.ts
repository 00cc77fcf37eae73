// Cleanup after Readability, which keeps the article's container and so often keeps what
// publishers put inside it: ad labels, share bars, newsletter pitches, "Related" link lists,
// photo credits and trailing credit lines. Each rule only removes short blocks whose whole text
// matches, or link lists, so a real paragraph is never dropped; credit lines are kept in
// `credits` rather than thrown away.
import { inDocumentOrder } from './dom.js';
import { roughWords } from './text.js';
import { isPageNotice } from './notices.js';

// Ad labels in the languages of the real pages (anzeige, reklam, annonse, publicidad, реклама…).
const AD_LABEL =
  /^(advertisement|advertising|ad|ad feedback|story continues|article continues below|anzeige|werbung|reklam|reklame|annonse|annons|publicidad|publicité|pubblicità|advertentie|реклама:?|広告|광고|广告|quảng cáo|iklan|listen to (this )?(article|story)|artikel (vor)?(an)?hören|écouter (cet )?article|escuchar (este )?(artículo|noticia)|ascolta( l'articolo| questo articolo)?|記事を読み上げる|有料記事|会員(限定)?記事|動画を再生(する)?|ログインする|今すぐ登録|ajouter à vos sélections|offrir (cet )?article|passer la publicité|publicidade|annonce|annonces|auglýsing|reklama|sponsorizzato|contenido patrocinado|contenu sponsorisé|pr|【pr】|スポンサーリンク|広告の後に(も)?続きます|weiter nach der anzeige|(der )?artikel (wird )?(geht )?(nach der anzeige|unter der anzeige) (weiter|fortgesetzt)|la suite après (cette )?(la )?publicité|l'article continue après la publicité|continúa (después|tras) (de )?la publicidad|continua dopo la pubblicità|artiklen fortsætter under annoncen|saken fortsetter under annonsen|artikeln fortsätter under annonsen|iniciar sesión|se connecter|connexion|accedi|log ind|logg inn|logga in|войти|ログイン|会員登録|로그인|đăng nhập|déjà abonné\s?\??|ya eres suscriptor\??|sei già abbonato\??|skip to (main )?content|subscribe( now| today)?!?|jetzt (abonnieren|weiterlesen|freischalten|testen)|weiterlesen|zum abo|artikel freischalten|already a subscriber\??|bereits abonnent(in)?\??|sign in|log ?in|anmelden|einloggen|google play|app store|download (the|our) app|sponsored( content)?|paid (content|post)|(story|article) continues (below|after) (this )?(advertisement|ad)|continue reading( the main story| below)?|skip advertisement|scroll (down )?to continue( reading| with content)?)$/i;
const SHARE_WORDS =
  /^(?:(?:\d+|share|sharing|facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|copy|link|copied|reddit|pinterest|flipboard|telegram|messenger|save|gift|comments?|this|article|story|page|on|via|tweet|options|teilen|drucken|senden|zitieren|merken|kommentare|forum|postings?|artikel|del|dela|partager|compartir|condividi|delen|udostępnij|compartilhar|chia sẻ|シェア|ツイート|ブックマーク|印刷|保存|공유|공유하기|스크랩|comentarios|commentaires|commenti|startseite|home|inhalt|imprimir|imprimer|stampa|deila|dalintis|bagikan|поделиться|共有|ポスト|いいね|コピー|メール|line|mail|x（旧twitter）|はてなブックマーク|はてブ|メールで送る|リンクをコピー(する)?|記事を保存|この記事をシェア|印刷する|保存する|en|sur|su|auf|per|por|par|kopieren|link kopieren|enlace|copiar|copier|lien|copia|commenta|commenter|comentar|kommentieren)[\s,|·•:]*)+$/i;
const FOLLOW =
  /^(follow|like) (us|@?[\w.]+(\s[\w.]+){0,3}) on (twitter|x|facebook|instagram|threads|bluesky|tiktok|linkedin|youtube|mastodon|whatsapp|telegram|google news)\b/i;
const NEWSLETTER =
  /(sign up|subscribe|get|receive|join)\b.{0,80}\b(newsletters?|briefings?|inbox|alerts?)\b|\bnewsletter\b.{0,40}\b(sign[ -]?up|subscribe)|delivered (straight |directly )?to your inbox|enter your email/i;
const PHOTO_CREDIT =
  /^(拡大する$|(写真|画像)を拡大|写真・図版|[（(]?写真[:：／/]|\[?사진\s*[=:]|\(?(photo|photograph|image|picture|video|graphic|illustration|file photo)s?( credit)?\s*(:|\/|by\b)|credit:|\((ap|afp|reuters|epa)? ?photo\/[^)]*\)$|(getty images|shutterstock|reuters|afp|ap|epa)(\/[\w .]+)?$)/i;
// "Quelle: dpa", "Bron: BELGA", "Источник: …", "（责编：…）": the agency or editor line closing a report.
const SOURCE_LINE =
  /^[（(]?(quelle|quellen|source|fuente|fonte|kilde|källa|kilde|źródło|источник|bron|来源|出典|责编|责任编辑|编辑)\s*[:：]\s*\S/i;
// "Bild 1 av 1", "Image 3 of 12": a gallery's position counter.
const GALLERY_COUNTER =
  /^(bild|bilde|billede|image|photo|foto|picture|kuva)\s+\d+\s+(av|of|von|af|de|di|sur|z|van)\s+\d+$/i;
// An author box's heading; the biography after it goes with it.
const AUTHOR_HEADING =
  /^(about the author|about the authors|die autorin|der autor|die autoren|über (den|die) autor(in)?|sobre el autor|sobre la autora|à propos de l'auteur|sobre la firma|om forfatteren|om skribenten|om författaren|sobre o autor|sull'autore|l'autore|l'auteur|об авторе|著者プロフィール|筆者プロフィール|この記事を書いた人|プロフィール|기자 프로필|tentang penulis|về tác giả|um höfundinn|apie autorių|o autorze)$/i;
const RELATED_HEADING =
  /^(read more|related( stories| articles| coverage| content| links| reading| topics| news)?|more on this (story|topic)|more (stories|coverage) (on|about|from) .{1,40}|recommended( for you| reading| stories)?|you (may|might) also (like|be interested in)|read next|see also|most (read|popular|viewed)|what to read next|trending( now)?|top stories|more from [\w .'’]{1,40}|latest (news|stories)|more in [\w .'’]{1,40}|editor'?s picks|also read|watch( next)?|listen|mehr zum thema|mehr dazu|lesen sie (auch|mehr)( zum thema)?|lest auch|das könnte sie auch interessieren|weitere artikel|meistgelesen|les også|läs också|læs også|lue myös|czytaj (więcej|też)|lee también|leer más|lire aussi|à lire aussi|sur le même sujet|leggi anche|lees ook|quellen?|sources?|next article|next story|up next|nächster artikel|weitere nachrichten|noticias relacionadas|te puede interesar|lo más leído|más noticias|à lire également|les plus lus|potrebbe interessarti|i più letti|relaterede artikler|relaterte artikler|baca juga|berita terkait|tin liên quan|xem thêm|читайте также|по теме|taip pat skaitykite|関連記事|関連ニュース|あわせて読みたい|おすすめ記事|次の記事|관련기사|관련 기사|많이 본 뉴스|相关新闻|相关阅读|延伸阅读|more (news|stories|articles|videos)|related posts|most shared|don'?t miss|in other news|in case you missed it|tags|topics|keywords|filed under|mehr (aus|zu|von|über|vom|zum|zur) [\p{L}\d .'’-]{1,40}|(auch|ebenfalls) interessant|empfehlungen( der redaktion)?|unsere empfehlung(en)?|zum thema|themen|schlagworte|schlagwörter|weitere themen|das könnte dich auch interessieren|top-themen|beliebte artikel|mehr artikel|auch lesenswert|passend zum thema|links zum thema|más información|te recomendamos|también te puede interesar|puede interesarte|lea también|leer también|sigue leyendo|temas|etiquetas|más leídas|lo último|contenido relacionado|artículos relacionados|otras noticias|voir aussi|à voir aussi|sur le même thème|nos articles|articles liés|dans la même rubrique|mots-clés|sujets|thèmes|vous aimerez aussi|à découvrir( aussi)?|articoli correlati|ti potrebbe interessare|argomenti|altre notizie|notizie correlate|più letti|ultime notizie|leia também|leia mais|veja também|notícias relacionadas|mais lidas|lees meer|meer over [\p{L}\d .'’-]{1,40}|gerelateerd|meest gelezen|læs mere|les mer|läs mer|mest læste|mest lest|mest lästa|emner|ämnen|flere nyheder|flere nyheter|fler nyheter|lestu (einnig|líka)|tengdar fréttir|fleiri fréttir|mest lesið|tengt efni|susiję straipsniai|susijusios naujienos|skaitykite daugiau|daugiau naujienų|skaitomiausi|populiariausi|temos|žymės|tin cùng chuyên mục|tin khác|đọc thêm|tin mới|tin nổi bật|bài liên quan|có thể bạn quan tâm|từ khóa|artikel terkait|simak juga|lihat juga|baca selengkapnya|berita lainnya|terpopuler|topik|pilihan redaksi|rekomendasi|новости по теме|материалы по теме|ещ[её] по теме|читайте ещ[её]|популярное|самое читаемое|теги|другие новости|последние новости|смотрите также|こちらもおすすめ|おすすめ|注目記事|人気記事|(アクセス)?ランキング|最新記事|新着記事|関連リンク|関連キーワード|キーワード|トピックス|前の記事|もっと見る|あなたへのおすすめ|よく読まれている記事|こんな記事も読まれています|合わせて読みたい|オススメ|관련 뉴스|인기 기사|주요 뉴스|최신 뉴스|추천 기사|많이 본 기사|태그|키워드|相关文章|推荐阅读|热门新闻|更多新闻|次に読みたい|おすすめ情報|(この記事の)?特集・連載|この記事の関連ニュース|ニュース一覧|注目ニュース|最新ニュース|主要ニュース|archivado en|ver más|seguir leyendo|lo más visto|nos abonnés ont lu|komentarai|bình luận)\s*[:：]?$/iu;
const INLINE_RELATED =
  /^[【[]\s*(関連|関連記事|関連ニュース|写真特集|動画|相关|관련기사)\s*[】\]]|^[▼▽■◆]\s*関連|^(read more|related|see also|more|read next|also read|read also|watch|listen|related coverage|recommended|zum artikel|lesen sie (auch|mehr)|lest auch|mehr zum thema|les også|läs också|læs også|czytaj (więcej|też)|lee también|lire aussi|leggi anche|lees ook|baca juga|xem thêm|читайте также|関連記事|관련기사|相关阅读)\s*[:|»›：]/i;
const FOOTER_LINE =
  /^(copyright|©|ⓒ)\s|(all rights reserved|riproduzione riservata|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|tutti i diritti riservati|все права защищены|版权所有)\.?$|무단\s*전재|재배포\s*금지|저작권자|^our standards:|trust principles\.?$|^the post .{1,200} appeared first on .{1,100}$|無断転載|^_{3,}$|^-{3,}$|^get in touch with (our|the) .{1,40} (team|desk)\b|^for more (stories|news|articles|updates) like this\b/i;
// Class and id tokens of furniture. Learnt from the tune half of the real pages (share of a
// token's words that are not in the expected body, over several publishers): captions, credits,
// media players, consent and sign-in prompts, author boxes, labels and date lines, menus.
const BOILERPLATE_HINT =
  /(^|[\s_-])(share|sharing|social|newsletter|related|advert|advertisement|ad-slot|ad-container|ad-wrapper|promo|promotional|signup|subscribe|outbrain|taboola|recirc|read-more|more-stories|inline-ad|standfirst|byline|dek|timestamp|tag-list|tags|links-block|caption|credit|credits|copyright|media|video|player|gallery|lightbox|photos?|pictures?|images?|consent|disclaimer|bio|author|authors|label|more-topic|identity|comments?|signin|sign-in|kicker|eyebrow|breadcrumbs?|nav|menu|sidebar|date|published|premium|register|registration|account|bookmark|popover|hidden|visually-hidden|sr-only|embed|tweet|twitter-tweet|instagram-media|whatsapp|telegram|similar|biography|prev[_-]next)([\s_-]|$)/i;
// Tokens that mark furniture however long it is (a sign-up pitch with its feature list, an author
// box with a biography, a "more on this topic" rail): removed unless the box holds most of the text.
const FURNITURE_HINT =
  /(^|[\s_-])(hidden|consent|premium|register|registration|identity|signin|sign-in|newsletter|related|recirc|outbrain|taboola|promo|promotional|author|authors|bio|biography|more-topic|more-stories|comments?|disclaimer|embed|tweet|twitter-tweet|instagram-media|similar)([\s_-]|$)/i;
const MAX_FURNITURE_SHARE = 0.5;
// A link that asks the reader to act ("Subscribe Now!", "Jetzt unterstützen", "Hier geht's zur
// Anmeldung"): the paragraph it closes is a subscription, donation or sign-up pitch.
const CALL_TO_ACTION =
  /^(subscribe|sign up|register|donate|support us|join us|become a (member|supporter)|jetzt (abonnieren|anmelden|registrieren|spenden|unterstützen|testen)|hier geht[’']?s zur anmeldung|zur anmeldung|abonnieren|s'abonner|je m'abonne|abonnez-vous|inscrivez-vous|suscríbete|suscríbase|regístrate|abbonati|iscriviti|abonner|abonnér|tilmeld dig|meld deg på|prenumerera|подписаться|подпишитесь|登録|購読|구독|đăng ký|berlangganan|langganan)( now| today| here| hier)?\s*[!.»›→]*$/i;
const MAX_PITCH_CHARS = 1000;
// Publisher-specific markers that name a block's role (Guardian, BBC, Reuters, CNN).
const ROLE_ATTRIBUTES = ['class', 'id', 'data-component', 'data-gu-name', 'data-testid'];

const CREDIT_LINE = [
  /^(with files from|mit material (von|der|des)|con información de)\s/i,
  /^\(?[\p{L} .'’-]{2,30} avec (l[’']?)?(afp|reuters|ap|belga|ats)\)?$/iu,
  /^[–—-]?\s*\(?(additional )?(reporting|writing|editing|compiled|edited|research|graphics) by\b/i,
  /\bcontributed (to )?(this )?(report|story|article|reporting)\b\.?\)?$/i,
  /\b(writers?|correspondents?|reporters?|journalists?|producers?)\b.{0,120}\bcontributed\.?$/i,
];

// Words a credit line is built from besides names; prose has many other lowercase words.
const CREDIT_WORDS = new Set(
  'files material información avec by and in with from for of the to this report reporting story article contributed writer writers correspondent correspondents reporter reporters journalist journalists producer producers editing writing additional compiled edited research graphics also at de van von da'.split(
    ' ',
  ),
);

export function isCreditLine(text: string): boolean {
  if (!CREDIT_LINE.some((re) => re.test(text))) return false;
  const prose = text.match(/(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]*/gu)?.filter((w) => !CREDIT_WORDS.has(w)) ?? [];
  return prose.length <= 2;
}

// A reporter's contact address closing the story.
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const MAX_LABEL_CHARS = 200;
const MAX_CREDIT_CHARS = 300;
// A box marked "newsletter" or "share" may hold a pitch plus its small print, never a story.
const MAX_HINTED_CHARS = 300;
const LEAF_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, div, aside, section, blockquote, figcaption, dt, dd';

// Menus, forms and what the page hides never belong to the story, whatever their size.
const NEVER_BODY = 'nav, form, [hidden], [aria-hidden="true"], [role="navigation"], [role="complementary"]';
// A list or box that is mostly links, with several of them, is navigation or "more stories".
const LINK_LIST = 'ul, ol, div, section, aside, footer, header';
const MIN_LIST_LINKS = 3;
const MAX_TEASER_CHARS = 200;
const TEASER_LINK_DENSITY = 0.9;
const PIPE_KICKER = /^[\p{Lu}\d][\p{Lu}\d ]{2,40} \| \S/u;
const LINK_LIST_DENSITY = 0.6;

/** `pictureTexts`: the page's picture descriptions (`describePictures`), read before Readability. */
export function removeBoilerplate(root: Element, pictureTexts: Set<string> = describePictures(root)): void {
  for (const el of [...root.querySelectorAll(NEVER_BODY)]) el.remove();
  removeHintedFurniture(root);
  // A short <article> with a link inside the story is a teaser card for another story, never
  // most of the text (300 characters are a whole short story in Chinese or Japanese).
  const total = textLength(root);
  for (const el of [...root.querySelectorAll('article')]) {
    const length = textLength(el);
    if (el !== root && el.querySelector('a[href]') && length < MAX_HINTED_CHARS && length < total / 2) el.remove();
  }
  for (const el of [...root.querySelectorAll(LINK_LIST)]) {
    if (!root.contains(el)) continue;
    if (el.querySelectorAll('a').length >= MIN_LIST_LINKS && linkDensity(el) >= LINK_LIST_DENSITY) el.remove();
  }
  for (const el of leafBlocks(root)) {
    if (!root.contains(el)) continue;
    const text = normalized(el);
    if (!text) continue;
    if (text.length <= MAX_LABEL_CHARS && isLabel(text)) {
      if (/newsletter/i.test(text)) removeWithBox(el, root);
      else el.remove();
    } else if (text.length <= MAX_PITCH_CHARS && endsWithCallToAction(el)) {
      removeWithBox(el, root);
    } else if (isPageNotice(el, text)) {
      el.remove();
    } else if (text.length <= MAX_CAPTION_CHARS && (CAPTION_CREDIT.test(text) || CJK_CAPTION.test(text))) {
      el.remove();
    } else if (text.length <= MAX_CAPTION_CHARS && (isImageCaption(el, text) || pictureTexts.has(text))) {
      el.remove();
    } else if (text.length <= MAX_DATE_LINE_CHARS && DATE_LINE.test(text) && !/[.!?。]$/.test(text)) {
      el.remove();
    } else if (AUTHOR_HEADING.test(text)) {
      const bio = el.nextElementSibling;
      if (bio && textLength(bio) <= MAX_CREDIT_CHARS * 2) bio.remove();
      el.remove();
    } else if (text.length <= 60 && RELATED_HEADING.test(text)) {
      removeRelatedBlock(el);
    } else if (INLINE_RELATED.test(text) && linkDensity(el) >= 0.5) {
      el.remove();
    } else if (PIPE_KICKER.test(text) && text.length <= MAX_TEASER_CHARS) {
      // "WATCH | …", "READ MORE HERE | …": an all-caps label and a pipe lead a teaser.
      el.remove();
    } else if (el.tagName !== 'LI' && text.length <= MAX_TEASER_CHARS && linkDensity(el) >= TEASER_LINK_DENSITY) {
      // A block that is one link, headline-long: a teaser for another story.
      el.remove();
    }
  }
}

/**
 * Removes what class and id tokens mark as furniture. Also run on the whole page before
 * Readability, which renames and flattens elements (a `div.caption` holding one <p> becomes that
 * <p>) and so loses the marks. `small`: only boxes under 300 characters, for the whole page,
 * where a long marked box may be the article's own container.
 */
export function removeHintedFurniture(root: Element, small = false): void {
  const total = textLength(root);
  for (const el of [...root.querySelectorAll('*')]) {
    if (el === root || !root.contains(el)) continue;
    // camelCase tokens ("similarLinks", "shareBar") split like kebab-case ones.
    // A box's aria-label names its role in words ("Newsletter Anmeldung"); a link's names its target.
    const label = /^(SECTION|ASIDE|DIV)$/.test(el.tagName.toUpperCase()) ? el.getAttribute('aria-label') : '';
    const hint = [...ROLE_ATTRIBUTES.map((name) => el.getAttribute(name) ?? ''), label ?? '']
      .join(' ')
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
    if (!hint.trim() || !BOILERPLATE_HINT.test(hint)) continue;
    const length = textLength(el);
    if (small) {
      // Readability reads the byline from these; body.ts drops them after it has.
      if (length < MAX_HINTED_CHARS && !/byline|author/i.test(hint)) el.remove();
    } else if (
      length < MAX_HINTED_CHARS ||
      linkDensity(el) > 0.5 ||
      (FURNITURE_HINT.test(hint) && length < total * MAX_FURNITURE_SHARE)
    ) {
      el.remove();
    }
  }
}

/**
 * Teaser cards for other stories: a short <article> holding a link, on a page with a bigger
 * <article>. Run on the whole page before Readability, which drops a card's link once its text
 * (often screen-reader only) is gone and so leaves a headline that looks like story text.
 */
export function removeTeaserCards(body: Element): void {
  const articles = [...body.querySelectorAll('article')];
  if (articles.length < 2) return;
  const lengths = articles.map(textLength);
  const main = articles[lengths.indexOf(Math.max(...lengths))];
  articles.forEach((el, i) => {
    if (el.contains(main) || lengths[i] >= MAX_HINTED_CHARS || !el.querySelector('a[href]')) return;
    el.remove();
  });
}

// A caption that ends with its picture credit ("… © Gemeinde X", "… (Image: Getty)", "… Foto: dpa"),
// or a bare agency credit ("Noel Celis/Getty Images", "imago images/Pemax").
const CAPTION_CREDIT =
  /(©\s*[^.!?]{1,80}|\b(foto|fotos|bild|photo|image|picture|kuva|billede|bilde)s?( credit)?( \[m\])?\s*[:©]\s*[^.!?]{1,80}|\((image|photo|picture|foto|bild)s?:[^)]{1,80}\)|— picture by [^.]{1,60}|\b(getty images|shutterstock|imago( images)?|picture alliance|keystone|afp via getty images)(\/[\w .-]{1,40})?|(撮影|提供)[)）]?)\.?$/i;
const MAX_CAPTION_CHARS = 400;
// A Japanese caption hangs its date, place or agency on a full-width equals sign and, unlike the
// story's sentences, has no closing 。 ("会見する首相＝3日午前、首相官邸", "…＝ロイター"). A dateline
// in brackets ("【ソウル＝小池和樹】…") opens a sentence that does close.
const CJK_CAPTION =
  /^(?![【［[])(?=[^＝]*[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])[^。！？]{2,150}＝[^。！？＝]{1,60}$/u;
// "Stand: 24.04.2024 22:58 Uhr", "Publisert 05.08.2024, kl. 13.05": a time stamp, not a sentence.
const MAX_DATE_LINE_CHARS = 60;

const DATE_LINE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}[./]\d{1,2}[./]\d{1,2}\b|\b\d{1,2}\.?\s+\p{L}{3,10}\.?\s+\d{4}\b|\b\d{1,2}[:.]\d{2}\s*(uhr|h|am|pm)\b|\b\d+\s+min(ute)?s?\s+read\b|\b(lecture|lectura|lesezeit|tempo di lettura)\s*:?\s*\d+\s*min|\b\d+\s*min(utes?|utos?|uti)?\.?\s+(de lecture|de lectura|di lettura)\b|\b\d+\s+(minutes?|hours?|days?|mins?|hrs?)\s+ago(\b|(?=\d))|\blesedauer\b|\d{1,2}月\d{1,2}日|\d{1,2}時\d{1,2}分|^(입력|수정|更新|配信|公開|发布时间|updated|published|posted|last updated|stand|publisert|oppdatert|publicado|actualizado|publié|mis à jour|aktualisiert|veröffentlicht|online seit)\b/iu;
const MAX_LEAD_IN_WORDS = 15;
const TITLE_SEPARATOR = / [|–—-] /;
const MIN_TITLE_LETTERS = 8;
const MAX_LABEL_WORDS = 4;

/**
 * Readability often starts the article at a container that also holds the byline, the
 * timestamp and a truncated teaser. Before the first real paragraph only, drop short blocks
 * that are one of those: the byline ("By …" or an author's name), a date line, the
 * publisher's name, or a teaser that the next block repeats in full.
 */
export function removeLeadIn(root: Element, names: string[]): void {
  const known = names.map((n) => n.toLowerCase()).filter((n) => n.length > 2);
  const blocks = leafBlocks(root).filter((el) => normalized(el));
  // What stands above a repeated headline (section label, kicker, breadcrumb) is page furniture.
  // A heading may carry its kicker glued on ("Entwurf des GesetzesEin bisschen Fortschritt").
  // Only above the story's first paragraph: further down, a subheading may end with the title.
  const firstParagraph = blocks.findIndex((el) => roughWords(normalized(el)) > MAX_LEAD_IN_WORDS * 2);
  // A heading may wrap its parts in blocks (`<h2><span>kicker</span><p>title</p></h2>`): judge it whole.
  const headingOf = (el: Element) => {
    const heading = el.closest('h1, h2, h3, h4, h5, h6');
    return heading && root.contains(heading) ? heading : el;
  };
  const isHeadline = (el: Element, i: number) => {
    const heading = headingOf(el);
    const text = normalized(heading).toLowerCase();
    if (known.includes(text)) return true;
    if (firstParagraph >= 0 && i >= firstParagraph) return false;
    if (!/^H[1-6]$/.test(heading.tagName.toUpperCase())) return false;
    // Letters only, so "Kicker: Title" in the page title matches a heading "KickerTitle".
    const key = letters(text);
    // The page title may carry the site's name after the headline ("Headline | Site").
    const titled = (n: string) => key.length >= MIN_TITLE_LETTERS && letters(n.split(TITLE_SEPARATOR)[0]) === key;
    return known.some(
      (n) =>
        letters(n) === key ||
        titled(n) ||
        (n.split(' ').length >= 3 && text.endsWith(n) && text.length <= n.length + 80),
    );
  };
  const headline = blocks.slice(0, 8).findIndex(isHeadline);
  for (const el of blocks.slice(0, headline + 1)) headingOf(el).remove();
  blocks.splice(0, headline + 1);
  for (let i = 0; i < blocks.length; i++) {
    const text = normalized(blocks[i]);
    const words = roughWords(text);
    if (words > MAX_LEAD_IN_WORDS * 2) return;
    const lower = text.toLowerCase();
    const next = blocks[i + 1] ? normalized(blocks[i + 1]) : '';
    const teaser = /(…|\.\.\.)$/.test(text) && next.startsWith(text.replace(/\s*(…|\.\.\.)$/, ''));
    // A short opening sentence ("The storm hit on March 5.") is story, not a date line.
    const sentence = words > 8 && /[.!?"”。！？」]$/.test(text);
    // A section label or kicker: a few words with no sentence ending, above the story.
    const label =
      words <= MAX_LABEL_WORDS &&
      text.length <= MAX_LABEL_WORDS * 12 &&
      !/[.!?:;"”…。！？」]$/.test(text) &&
      !blocks[i].closest('ul, ol');
    const leadIn =
      label ||
      (!sentence &&
        words <= MAX_LEAD_IN_WORDS &&
        (/^by\s+\S/i.test(text) ||
          DATE_LINE.test(text) ||
          known.some((n) => lower.includes(n)) ||
          (words <= 3 && /^(the )?(associated press|reuters|afp|ap|bloomberg|staff)$/i.test(text))));
    // A standfirst: a paragraph-sized line that, unlike the story's sentences, has no end mark.
    const standfirst =
      blocks[i].tagName.toUpperCase() === 'P' &&
      words >= 6 &&
      !/[.!?"”’)。！？」』）]$/.test(text) &&
      !/[.!?]\s/.test(text) &&
      !blocks[i].querySelector('a');
    if (leadIn || teaser || standfirst) blocks[i].remove();
    else if (words > MAX_LEAD_IN_WORDS) return;
  }
}

// "Jane Doe is a producer…", "Manuela Conrad ist ZDF-Reporterin…": an author's biography.
const BIO_VERB =
  /^(is|was|has|covers|writes|reports|joined|ist|war|hat|schreibt|berichtet|arbeitet|lebt|est|es|är|er|jest|è)(?=\s)/iu;
const MAX_BIO_CHARS = 600;
const MAX_BIO_BLOCKS = 3;

/** Drops an author biography among the last blocks: it opens with a declared author's name. */
export function removeAuthorBio(root: Element, names: string[]): void {
  const authors = names.filter((n) => /^\S+(\s\S+){1,3}$/.test(n.trim())).map((n) => n.trim().toLowerCase());
  if (!authors.length) return;
  const blocks = leafBlocks(root).filter((el) => normalized(el));
  for (const el of blocks.slice(-MAX_BIO_BLOCKS)) {
    const text = normalized(el);
    if (text.length > MAX_BIO_CHARS) continue;
    const lower = text.toLowerCase();
    // The name opens the block or follows a role word or two ("Korrespondent Ulrich Exner ist …").
    const at = (n: string) => lower.indexOf(n);
    const name = authors.find((n) => at(n) >= 0 && lower.slice(0, at(n)).split(' ').length <= 3);
    if (name && BIO_VERB.test(text.slice(at(name) + name.length).trim())) el.remove();
  }
}

/** Moves trailing credit lines ("Reporting by …", "… contributed to this report") out. */
export function takeCredits(root: Element): string[] {
  const credits: string[] = [];
  const blocks = leafBlocks(root).filter((el) => normalized(el));
  for (let i = blocks.length - 1; i >= 0 && credits.length < 4; i--) {
    const text = normalized(blocks[i]);
    if (text.length > MAX_CREDIT_CHARS) break;
    if (isCreditLine(text)) {
      credits.unshift(text.replace(/^\((.*)\)$/, '$1'));
      blocks[i].remove();
    } else if (FOOTER_LINE.test(text) || (text.length <= 100 && (linkDensity(blocks[i]) > 0.8 || EMAIL.test(text)))) {
      blocks[i].remove();
    } else {
      break;
    }
  }
  return credits;
}

function isLabel(text: string): boolean {
  return (
    AD_LABEL.test(text) ||
    (text.length <= 80 && SHARE_WORDS.test(text)) ||
    FOLLOW.test(text) ||
    NEWSLETTER.test(text) ||
    // In any language, a one-line mention of a newsletter is a sign-up prompt.
    (text.length <= 80 && /newsletter/i.test(text)) ||
    PHOTO_CREDIT.test(text) ||
    (text.length <= 80 && SOURCE_LINE.test(text)) ||
    GALLERY_COUNTER.test(text) ||
    FOOTER_LINE.test(text)
  );
}

// A sign-up or donation box is a heading ("Newsletter: Sport inside", "Links lesen, Rechts
// bekämpfen") and its pitch: when one of them goes, a small box left with the other alone goes too.
function removeWithBox(el: Element, root: Element): void {
  const box = el.parentElement;
  el.remove();
  if (!box || box === root || !root.contains(box) || !/^(DIV|SECTION|ASIDE)$/.test(box.tagName.toUpperCase())) return;
  if (box.children.length === 1 && textLength(box) <= MAX_HINTED_CHARS) box.remove();
}

function endsWithCallToAction(el: Element): boolean {
  const links = el.querySelectorAll('a');
  const last = links[links.length - 1];
  return !!last && CALL_TO_ACTION.test(normalized(last)) && normalized(el).endsWith(normalized(last));
}

// A "Related" heading and the link list that follows it; when both sit alone in a box, the box.
function removeRelatedBlock(heading: Element): void {
  const parent = heading.parentElement;
  const next = heading.nextElementSibling;
  if (next && (/^(UL|OL)$/i.test(next.tagName) || linkDensity(next) > 0.5)) next.remove();
  heading.remove();
  if (parent && parent.tagName !== 'BODY' && normalized(parent) && linkDensity(parent) > 0.7) parent.remove();
}

// Blocks with no block children, so a rule judges one label or paragraph at a time.
function leafBlocks(root: Element): Element[] {
  return inDocumentOrder(root.querySelectorAll(LEAF_BLOCKS)).filter(
    (el) => !el.querySelector('p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, section, blockquote, figure, table'),
  );
}

// The only text in a box with a picture is that picture's caption, whatever its markup.
function isImageCaption(el: Element, text: string): boolean {
  const box = el.parentElement;
  return !!box && !!box.querySelector('img, picture') && normalized(box) === text;
}

// A caption often repeats its picture's alt text or title ("… | Getty Images/Naomi Baker").
const MIN_PICTURE_TEXT = 20;
/** The alt texts and titles of the pictures under `root`: a block repeating one is a caption. */
export function describePictures(root: Element): Set<string> {
  const texts = new Set<string>();
  for (const img of root.querySelectorAll('img')) {
    for (const name of ['alt', 'title']) {
      const text = (img.getAttribute(name) ?? '').replace(/\s+/g, ' ').trim();
      for (const part of [text, text.split(' | ')[0].trim()]) if (part.length >= MIN_PICTURE_TEXT) texts.add(part);
    }
  }
  return texts;
}

function letters(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '');
}

function normalized(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function textLength(el: Element): number {
  return normalized(el).length;
}

function linkDensity(el: Element): number {
  const total = textLength(el);
  if (!total) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += textLength(a);
  return linked / total;
}
