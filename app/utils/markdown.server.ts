import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

/**
 * Announcements are written in Markdown by street-office staff and read by everyone, so
 * their HTML is made in two independent steps, each safe on its own:
 * 1. markdown-it with raw HTML off: any `<tag>` typed into the text comes out as text.
 * 2. sanitize-html with an allowlist: only the elements and attributes Markdown makes,
 *    links only to http(s) and mailto, images only from our own image storage.
 * Step 2 would still hold if step 1 had a bug, and the page's CSP would hold if both had.
 */

/** Where announcement images are served from; the only image source allowed in a body. */
export const ANNOUNCEMENT_IMAGE_PREFIX = '/announcement-images/'

/** The longest body we render (the form refuses longer ones; this guards other callers). */
const MAX_MARKDOWN_LENGTH = 20_000

const markdown = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  breaks: true,
})

// markdown-it already refuses javascript:, vbscript:, file: and most data: links; we
// narrow that to what a notice needs, before the sanitiser checks it again.
markdown.validateLink = (url: string) => isAllowedLink(url) || isAllowedImage(url)

/** Links a notice may carry: web pages, email addresses, and places on our own site. */
function isAllowedLink(url: string): boolean {
  const value = url.trim()
  if (/^(https?:\/\/|mailto:)/i.test(value)) return !/[\s<>"'`]/.test(value)
  // A path on this site ("/centres/wangjiang"), but not a protocol-relative "//host".
  return /^\/(?![/\\])/.test(value) && !/[\s<>"'`\\]/.test(value)
}

/** Images may only come from our own storage, under a fixed path with a plain file name. */
function isAllowedImage(url: string): boolean {
  return new RegExp(`^${ANNOUNCEMENT_IMAGE_PREFIX}[A-Za-z0-9][A-Za-z0-9._-]{0,120}$`).test(url) && !url.includes('..')
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'code',
    'pre',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    // What a refused link or image becomes: its text, without the address.
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Anything not on the list goes, with its content when it could only be code or style.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  transformTags: {
    // Links to other sites open as ordinary links, without handing them our page.
    a: (tagName, attribs) => {
      const href = attribs.href ?? ''
      if (!isAllowedLink(href)) return { tagName: 'span', attribs: {} }
      const external = /^https?:\/\//i.test(href)
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer nofollow' } : attribs,
      }
    },
    img: (tagName, attribs) => {
      const src = attribs.src ?? ''
      // An image from anywhere else is dropped: it could track readers or mislead them.
      if (!isAllowedImage(src)) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' }
      return { tagName, attribs: { ...attribs, loading: 'lazy' } }
    },
  },
}

/** An announcement's Markdown as safe HTML. */
export function renderAnnouncementMarkdown(source: string): string {
  const text = source.slice(0, MAX_MARKDOWN_LENGTH).replaceAll('\u0000', '')
  return sanitizeAnnouncementHtml(markdown.render(text))
}

/** The allowlist on its own, for HTML from anywhere (tested directly with hostile input). */
export function sanitizeAnnouncementHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions)
}

/** The first words of an announcement as plain text, for link previews and feeds. */
export function announcementSummary(source: string, length = 160): string {
  const text = sanitizeHtml(markdown.render(source.slice(0, MAX_MARKDOWN_LENGTH)), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript'],
  })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
