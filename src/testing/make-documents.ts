/**
 * Test helper: builds real DOCX, EPUB and HTML sample files from their XML, so the format tests do
 * not depend on binary fixtures. The DOCX is a minimal valid WordprocessingML package (Heading
 * styles and a numbered list); the EPUB is an EPUB 3 package with a nav document and chapters.
 */
import JSZip from 'jszip';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export type DocxBlock = { heading: 1 | 2 | 3; text: string } | { listItem: string } | { paragraph: string };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function docxParagraph(block: DocxBlock): string {
  const run = (text: string): string => `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  if ('heading' in block) return `<w:p><w:pPr><w:pStyle w:val="Heading${block.heading}"/></w:pPr>${run(block.text)}</w:p>`;
  if ('listItem' in block) {
    return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(block.listItem)}</w:p>`;
  }
  return `<w:p>${run(block.paragraph)}</w:p>`;
}

/** A .docx with the given blocks (bytes). */
export async function makeDocx(blocks: readonly DocxBlock[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`);
  const style = (id: string, name: string): string => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>${style('Heading1', 'heading 1')}${style('Heading2', 'heading 2')}${style('Heading3', 'heading 3')}${style('ListParagraph', 'List Paragraph')}</w:styles>`);
  zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`);
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${blocks.map(docxParagraph).join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

export interface EpubChapter { title: string; paragraphs: readonly string[] }

/** An EPUB 3 with a cover page without text, a nav document and one XHTML file per chapter (bytes). */
export async function makeEpub(title: string, chapters: readonly EpubChapter[], options: { encryptChapters?: boolean } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`);
  const xhtml = (heading: string, body: string): string => `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escapeXml(heading)}</title><style>p{margin:0}</style></head><body>${body}</body></html>`;
  zip.file('OEBPS/cover.xhtml', xhtml('Cover', '<div><img src="cover.png" alt=""/></div>'));
  zip.file('OEBPS/nav.xhtml', xhtml('Contents', `<nav epub:type="toc" xmlns:epub="http://www.idpf.org/2007/ops"><ol>${chapters.map((c, i) => `<li><a href="text/ch${i + 1}.xhtml">${escapeXml(c.title)}</a></li>`).join('')}</ol></nav>`));
  chapters.forEach((chapter, index) => {
    zip.file(`OEBPS/text/ch${index + 1}.xhtml`, xhtml(chapter.title, `<h1>${escapeXml(chapter.title)}</h1>${chapter.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}`));
  });
  const items = chapters.map((_, i) => `<item id="ch${i + 1}" href="text/ch${i + 1}.xhtml" media-type="application/xhtml+xml"/>`).join('');
  const refs = chapters.map((_, i) => `<itemref idref="ch${i + 1}"/>`).join('');
  zip.file('OEBPS/content.opf', `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:identifier id="id">urn:test</dc:identifier></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>${items}</manifest>
<spine><itemref idref="cover"/><itemref idref="nav" linear="no"/>${refs}</spine></package>`);
  if (options.encryptChapters === true) {
    zip.file('META-INF/encryption.xml', `<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:CipherData><enc:CipherReference URI="OEBPS/text/ch1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`);
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/** A blog-style HTML page: navigation, scripts, a sidebar and a footer around an article. */
export function makeHtmlPage(title: string, sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[]; list?: readonly string[] }>): string {
  const body = sections.map((section) => `<h2>${escapeXml(section.heading)}</h2>\n${section.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}${
    section.list === undefined ? '' : `<ul>${section.list.map((item) => `<li>${escapeXml(item)}</li>`).join('')}</ul>`}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<script>window.trackingSecret = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script><style>.x{color:red}</style></head>
<body><header><nav><a href="/">Home</a> | <a href="/archive">Archive NAVIGATION-LINK</a> | <a href="/about">About</a></nav></header>
<main><article><h1>${escapeXml(title)}</h1>
${body}
</article></main>
<aside><h3>Related</h3><ul><li><a href="/x">Other post</a></li></ul></aside>
<footer>Copyright 2026 FOOTER-TEXT</footer><script>console.log("SCRIPT-TEXT-MUST-NOT-APPEAR")</script></body></html>`;
}
