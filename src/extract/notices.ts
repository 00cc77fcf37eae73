// Short notices a publisher sets into the story's container that are about the page, not the
// story: an ad-blocker warning, a paywall's note, a machine-translation or AI note, a consent
// placeholder for an embedded player, the comment section's label and rules, a pitch for the
// publisher's app or channels. Each is judged on one short block, so a paragraph of the story
// that mentions apps or cookies is never matched whole.

const MAX_NOTICE_CHARS = 300;

// "Ad block users: … please disable your ad blocker", "Bitte deaktivieren Sie Ihren Adblocker".
const AD_BLOCKER =
  /\b(disable|deactivate|turn off|pause|whitelist) (your |the )?ad ?block|\bad ?block(er)? users\b|\b(ihren|deinen|den) (ad|werbe)blocker|désactiv\w* (votre|le) bloqueur|desactiv\w* (tu|su|el) bloqueador/i;

// "Dies ist eine maschinelle Übersetzung…", "This article was machine-translated…".
const TRANSLATION_NOTE =
  /\b(maschinell(e|en)? übersetz|automati(sch|siert)(e|en)? übersetz|machine[- ]translat|automatically translated|translated (automatically|by (ai|a machine))|mit (hilfe )?(von )?ki übersetzt|traduction automatique|traduit automatiquement|traducción automática|traducido automáticamente|traduzione automatica|tradotto automaticamente|maskinoversat|maskinöversatt|maskinoversatt)/i;
// "Lest den Originalartikel auf Englisch hier.", "Read the original article in German."
const ORIGINAL_ARTICLE =
  /^(read|lest|lesen sie|lire|lisez|lea|leggi|läs|les|læs) (the |den |die |l[’']|el |la |il |)(original|originalartikel|originalen|artículo original|article original|articolo originale)/i;

// An embedded player or post that waits for consent: "Link zum YouTube-Inhalt", "Externer Inhalt",
// "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden".
const CONSENT_PLACEHOLDER =
  /^link zu[mr] [\w-]{2,30}[- ]inhalt$|^(empfohlener )?externer inhalt$|^external content$|\b(externe[rn]? inhalte?|inhalte? (von|aus) drittanbietern|external content|third[- ]party content|contenu externe|contenido externo|contenuto esterno)\b.{0,200}\b(anzeigen|angezeigt|laden|geladen|sehen|aktivieren|zulassen|view|load|display|show|enable|allow|accept|afficher|charger|mostrar|cargar|visualizzare|caricare)/i;

// The publisher's own channels; a block pitching them links to them or says "here".
const CHANNELS =
  'news-?app|app|apps|newsletter|whatsapp|instagram|facebook|social media|telegram|tiktok|youtube|threads|bluesky|android|ios|google news|podcast|push-?(nachrichten|mitteilungen|notifications?)';
const CHANNEL = new RegExp(`\\b(${CHANNELS})\\b`, 'giu');
const HERE = /^(hier|here|hier entlang|click here|klicken sie hier|ici|aquí|qui|her|här)$/i;
const CHANNEL_LINK = new RegExp(`^(${CHANNELS}|x|twitter)$`, 'iu');

// The comment section's heading and house rules: "Ihre Meinung zählt", "Join the conversation",
// "Die Kommentare im Forum geben nicht notwendigerweise die Meinung der Redaktion wieder".
const COMMENTS_LABEL =
  /^(join the conversation|leave a (comment|reply)|comments?|\d+ comments?|kommentare|\d+ kommentare|kommentieren|diskutieren sie mit|ihre meinung( zählt)?|deine meinung|commentaires|réagir|comentarios|comentar|commenti|kommentarer|комментарии|コメント|댓글)\s*[.!:]?$/i;
const COMMENTS_RULES =
  /\b(comments?|kommentare|postings?|forum|commentaires|comentarios|commenti)\b.{0,120}\b(views of|opinion of|meinung der redaktion|avis de la rédaction|opinión de|opinione della|moderat|netiquette|community (guidelines|standards)|gemeinschaftsregeln|forenregeln)/i;
// "At <publisher>, we employ humans…, not AI", "Dieser Text wurde mit KI erstellt".
const AI_NOTE =
  /\b(this (article|story|text|summary)|dieser (artikel|text|beitrag)|we employ|wir (setzen|nutzen))\b.{0,120}\b(ai|ki|artificial intelligence|künstliche[rn]? intelligenz)\b/i;

// What a paywall leaves in place of the rest: "Il vous reste 72 % de cet article à lire",
// "この記事は有料記事です。残り1234文字", "Dieser Artikel ist nur für Abonnenten".
const PAYWALL_NOTE =
  /il vous reste \d+\s?% de cet article|(cet )?article réservé aux abonnés|la suite est réservée aux abonnés|(este|el) (contenido|artículo) es exclusivo para (suscriptores|socios)|contenido exclusivo para suscriptores|suscríbete para (seguir|continuar) leyendo|articolo riservato agli abbonati|abbonati per (continuare a )?leggere|dieser (artikel|beitrag|inhalt) ist (exklusiv |nur )?(für )?(abonnenten|abonnentinnen|abonnierende|plus-leser|zahlende)|this (article|story|content) is (only |exclusively )?(available )?(to|for) (subscribers|members)|subscribe to (continue|keep) reading|この記事は(有料|会員限定|有料会員限定)|残り\d+文字|続きをお読みいただけます|有料会員(になる|登録|限定)|無料会員登録|유료\s*회원|구독자 전용/i;

// "Simak berita lainnya di Google News", "Folgen Sie uns auf WhatsApp": a follow-us line in any language.
const FOLLOW_CHANNEL =
  /^(follow|folgen sie|folge|suivez|sigue|siga|seguici|segui|ikuti|simak|følg|följ|fylgdu|sekite|theo dõi|подписывайтесь|フォロー).{0,120}\b(google news|whatsapp|telegram|instagram|facebook|twitter|tiktok|youtube|threads|bluesky|channel|kanal|canal|saluran)\b/i;

export function isPageNotice(el: Element, text: string): boolean {
  // House rules run longer than a notice.
  if (text.length <= MAX_NOTICE_CHARS * 2 && COMMENTS_RULES.test(text)) return true;
  if (text.length > MAX_NOTICE_CHARS) return false;
  return (
    AD_BLOCKER.test(text) ||
    TRANSLATION_NOTE.test(text) ||
    AI_NOTE.test(text) ||
    PAYWALL_NOTE.test(text) ||
    (text.length <= 200 && FOLLOW_CHANNEL.test(text)) ||
    COMMENTS_LABEL.test(text) ||
    (text.length <= 150 && ORIGINAL_ARTICLE.test(text)) ||
    CONSENT_PLACEHOLDER.test(text) ||
    isChannelPitch(el, text)
  );
}

// "Aktuelle Nachrichten aufs Handy? Hier geht es zur neuen News-App – für Android und iOS.":
// the block names the publisher's channels (two, or one and a "here" link) and links only to them.
function isChannelPitch(el: Element, text: string): boolean {
  const links = [...el.querySelectorAll('a')].map((a) => (a.textContent ?? '').replace(/\s+/g, ' ').trim());
  if (!links.length || !links.every((t) => CHANNEL_LINK.test(t) || HERE.test(t))) return false;
  const channels = new Set((text.match(CHANNEL) ?? []).map((c) => c.toLowerCase()));
  return channels.size >= 2 || (channels.size === 1 && links.some((t) => HERE.test(t)));
}
