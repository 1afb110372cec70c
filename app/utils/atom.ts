/**
 * An Atom 1.0 feed (RFC 4287) as text. Every value is escaped here, so callers pass plain
 * strings; entry content is HTML that the caller has already sanitised, sent escaped as
 * type="html" as the RFC describes.
 */

export interface AtomEntry {
  /** A permanent, unique address for the entry (its page). */
  id: string
  title: string
  url: string
  published: Date
  updated: Date
  summary: string
  html: string
  category?: { term: string; label: string }
  lang?: string
}

export interface AtomFeed {
  id: string
  title: string
  subtitle?: string
  /** The feed's own address. */
  self: string
  /** The page the feed belongs to. */
  alternate: string
  author: string
  lang: string
  updated: Date
  entries: AtomEntry[]
}

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

export function renderAtomFeed(feed: AtomFeed): string {
  const entries = feed.entries.map((entry) =>
    [
      `  <entry${entry.lang ? ` xml:lang="${escapeXml(entry.lang)}"` : ''}>`,
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      entry.category
        ? `    <category term="${escapeXml(entry.category.term)}" label="${escapeXml(entry.category.label)}"/>`
        : null,
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      `    <content type="html">${escapeXml(entry.html)}</content>`,
      '  </entry>',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  )
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>` : null,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n')
}
