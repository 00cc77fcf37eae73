// Body HTML safe to render: DOMPurify drops scripts, handlers, iframes and javascript: URLs; a
// hook makes links and images absolute so the HTML works away from its page. One small jsdom
// window per thread serves DOMPurify for both DOM settings (DOMPurify needs a faithful DOM, and
// bodies are small), so it is created once rather than per page.
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { absoluteUrl } from './urls.js';

let purifier: DOMPurify | undefined;
let baseUrl = 'about:blank';

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const { window } = new JSDOM('');
  const instance = createDOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    for (const attr of ['href', 'src', 'poster']) {
      const value = node.getAttribute?.(attr);
      if (value == null || /^(mailto|tel):/i.test(value)) continue;
      const abs = absoluteUrl(value, baseUrl);
      if (abs) node.setAttribute(attr, abs);
      else node.removeAttribute(attr);
    }
    // srcset candidates would each need resolving; src alone renders everywhere.
    node.removeAttribute?.('srcset');
  });
  purifier = instance;
  return instance;
}

export function sanitizeHtml(html: string, pageUrl: string): string {
  const instance = getPurifier();
  baseUrl = pageUrl;
  return instance
    .sanitize(html, {
      FORBID_TAGS: [
        'iframe',
        'form',
        'input',
        'button',
        'select',
        'textarea',
        'object',
        'embed',
        'style',
        'link',
        'meta',
        'svg',
        'math',
      ],
      FORBID_ATTR: ['class', 'id', 'style'],
      ALLOW_DATA_ATTR: false,
    })
    .trim();
}
