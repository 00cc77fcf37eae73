import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const d = new JSDOM(`<body><div id="r">${readFileSync('/tmp/ex/min.html', 'utf8')}</div></body>`).window.document;
const r = d.getElementById('r')!;
console.log([...r.querySelectorAll('p, h2')].map((e) => e.tagName).join(' '));
