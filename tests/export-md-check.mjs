// export-md-check.mjs: render Markdown reports with micromark (the
// CommonMark + GFM parser that markdownlint uses) and check that no text
// from the model turned into markup.
//
// usage: node export-md-check.mjs NODE_MODULES FILE.md...
// NODE_MODULES holds micromark and its GFM table, literal autolink and
// math extensions (markdownlint-cli2 brings them). Exit 1 on a finding.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [root, ...files] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(`${root}/${name}/index.js`).href);
const { micromark } = await load('micromark');
const { gfmTable, gfmTableHtml } = await load('micromark-extension-gfm-table');
const { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } =
    await load('micromark-extension-gfm-autolink-literal');
const { math, mathHtml } = await load('micromark-extension-math');

let failed = 0;
const fail = (file, msg) => {
  console.error(`${file}: ${msg}`);
  failed = 1;
};
const all = (html, re) => [...html.matchAll(re)].map((m) => m[1]);

for (const file of files) {
  const md = readFileSync(file, 'utf8');
  const html = micromark(md, {
    allowDangerousHtml: true,
    extensions: [gfmTable(), gfmAutolinkLiteral(), math()],
    htmlExtensions: [gfmTableHtml(), gfmAutolinkLiteralHtml(), mathHtml()],
  });
  // Elements only the report itself writes.
  for (const tag of ['a', 'img', 'script', 'b', 'del', 'blockquote', 'hr',
    'ol', 'h5', 'h6', 'span', 'math', 'iframe', 'style']) {
    if (new RegExp(`<${tag}[\\s>]`).test(html)) {
      fail(file, `model text became <${tag}>`);
    }
  }
  if (/<!--/.test(html)) fail(file, 'model text became an HTML comment');
  const count = (re) => (html.match(re) || []).length;
  if (count(/<h1>/g) !== 1) fail(file, 'not exactly one <h1>');
  // The report's sections (markdown.c: export_markdown).
  if (count(/<h2>/g) !== 10) fail(file, 'not exactly ten <h2>');
  if (count(/<pre>/g) !== 1 ||
      count(/<pre><code class="language-mermaid">/g) !== 1) {
    fail(file, 'a code block other than the Mermaid diagram');
  }
  // <br> only inside table cells.
  for (const para of all(html, /<(?:p|li|h\d)>([\s\S]*?)<\/(?:p|li|h\d)>/g)) {
    if (/<br>(?!\n)/.test(para)) fail(file, `<br> outside a table: ${para}`);
  }
  for (const em of all(html, /<em>([\s\S]*?)<\/em>/g)) {
    if (!['Guidelines for secure AI system development', '(blank)']
        .includes(em)) {
      fail(file, `model text became emphasis: ${em}`);
    }
  }
  for (const strong of all(html, /<strong>([\s\S]*?)<\/strong>/g)) {
    if (!/^(R\d+|[A-Z][a-z ]*:|none given|none named|no risk owner)$/.test(strong)) {
      fail(file, `model text became strong: ${strong}`);
    }
  }
  for (const code of all(html, /<code>([\s\S]*?)<\/code>/g)) {
    if (!/^[a-z0-9._@-]+$/.test(code)) {
      fail(file, `model text became code: ${code}`);
    }
  }
  // The hostile model's text shows literally.
  if (file.endsWith('hostile.md')) {
    for (const text of ['&lt;script&gt;alert(1)&lt;/script&gt;',
      '[link](http://x.example)', '![img](http://i.example/i.png)',
      '&lt;http://auto.example&gt;', 'https://bare.example/p',
      'www.example.com mail@example.com', '&lt;!-- comment --&gt;',
      '*emph* _under_ **strong**', '`tick` ``` ~~~', '$x$ =cmd()',
      '<br># heading<br>', '<br>1. list<br>- item<br>+ plus<br>&gt; quote',
      '<br>===<br>---<br>| a | b |<br>', 'esc ^[[31mred^[[0m bel ^G',
      '&amp;amp; &quot;dq&quot;', '\\back\\slash']) {
      if (!html.includes(text)) fail(file, `text not shown literally: ${text}`);
    }
  }
}
process.exit(failed);
