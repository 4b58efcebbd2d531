/**
 * Reads an EPUB's reading order: META-INF/container.xml → the OPF package → manifest + spine.
 * Returns the XHTML content documents in spine order (non-linear items last, as readers do).
 */
import { posix } from 'node:path';
import type JSZip from 'jszip';
import { DOMParser } from 'linkedom';

export interface SpineItem { path: string; mediaType: string }

interface XmlElement { localName: string; getAttribute(name: string): string | null; children: ArrayLike<XmlElement> }

/** Elements named `localName` in any namespace (linkedom keeps prefixes such as `enc:` in localName). */
function elements(root: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    if (element.localName.split(':').pop() === localName) out.push(element);
    for (const child of Array.from(element.children)) visit(child);
  };
  visit(root);
  return out;
}

function parseXml(xml: string): XmlElement {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  return document.documentElement as unknown as XmlElement;
}

/** A zip entry's text, or null when the entry is missing. */
export async function readEntry(zip: JSZip, path: string): Promise<string | null> {
  const entry = zip.file(path);
  return entry === null ? null : entry.async('string');
}

/** The spine of the EPUB in `zip`; throws a plain Error naming what is missing (the parser types it). */
export async function readEpubSpine(zip: JSZip): Promise<SpineItem[]> {
  const container = await readEntry(zip, 'META-INF/container.xml');
  if (container === null) throw new Error('META-INF/container.xml is missing');
  const rootfile = elements(parseXml(container), 'rootfile')[0]?.getAttribute('full-path');
  if (rootfile == null || rootfile === '') throw new Error('container.xml names no package document');
  const opf = await readEntry(zip, rootfile);
  if (opf === null) throw new Error(`the package document ${rootfile} is missing`);
  const pkg = parseXml(opf);
  const base = posix.dirname(rootfile);
  const manifest = new Map<string, SpineItem>();
  for (const item of elements(pkg, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (id === null || href === null) continue;
    const path = posix.normalize(posix.join(base === '.' ? '' : base, decodeURIComponent(href.split('#')[0] ?? '')));
    manifest.set(id, { path, mediaType: item.getAttribute('media-type') ?? '' });
  }
  const linear: SpineItem[] = [];
  const nonLinear: SpineItem[] = [];
  for (const itemref of elements(pkg, 'itemref')) {
    const item = manifest.get(itemref.getAttribute('idref') ?? '');
    if (item === undefined || !/html/i.test(item.mediaType)) continue;
    (itemref.getAttribute('linear') === 'no' ? nonLinear : linear).push(item);
  }
  if (linear.length + nonLinear.length === 0) throw new Error('the spine lists no XHTML chapters');
  return [...linear, ...nonLinear];
}

/** Content paths that META-INF/encryption.xml declares encrypted (DRM); font obfuscation is ignored by the caller. */
export async function readEncryptedPaths(zip: JSZip): Promise<Set<string>> {
  const xml = await readEntry(zip, 'META-INF/encryption.xml');
  if (xml === null) return new Set();
  return new Set(elements(parseXml(xml), 'CipherReference').map((reference) => decodeURIComponent(reference.getAttribute('URI') ?? '')));
}
