import { describe, expect, test } from 'vitest'
import {
  ANNOUNCEMENT_IMAGE_PREFIX,
  announcementSummary,
  renderAnnouncementMarkdown,
  sanitizeAnnouncementHtml,
} from '#app/utils/markdown.server.ts'
import { xssPayloads } from '#tests/fixtures/xss-payloads.ts'

const allowedTags = new Set([
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
  'span',
])
const allowedAttributes: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'loading'],
  ol: ['start'],
  th: ['align'],
  td: ['align'],
}

/** Every tag of the HTML with its attributes; text `<` is escaped, so each `<` opens a tag. */
function tagsOf(html: string) {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g)].map((match) => ({
    name: match[1]!.toLowerCase(),
    attributes: [...match[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((attribute) => ({
      name: attribute[1]!,
      value: attribute[2]!,
    })),
  }))
}

function expectSafe(html: string) {
  // Nothing that looks like a tag is left over outside the ones we could parse.
  const tagCount = (html.match(/</g) ?? []).length
  const tags = tagsOf(html)
  expect(tags.length, `unparsed markup in ${html}`).toBe(tagCount)
  for (const tag of tags) {
    expect(allowedTags.has(tag.name), `tag <${tag.name}> in ${html}`).toBe(true)
    for (const attribute of tag.attributes) {
      expect(allowedAttributes[tag.name] ?? [], `attribute ${attribute.name} on <${tag.name}>`).toContain(
        attribute.name,
      )
      expect(attribute.value).not.toMatch(/javascript|vbscript|data:|&#|&colon;/i)
      if (attribute.name === 'href') expect(attribute.value).toMatch(/^(https?:\/\/|mailto:|\/(?![/\\]))/i)
      if (attribute.name === 'src') expect(attribute.value.startsWith(ANNOUNCEMENT_IMAGE_PREFIX)).toBe(true)
      if (attribute.name === 'src') expect(attribute.value).not.toContain('..')
    }
  }
}

describe('announcement Markdown', () => {
  test('renders what a notice needs', () => {
    const html = renderAnnouncementMarkdown(
      [
        '## 政策要点',
        '- 补助 **20万元**\n- 业主 *表决*',
        '1. one\n2. two',
        '> 引用',
        '详见 [区政府网站](https://www.example.gov.cn/lifts) 或写信 [给我们](mailto:office@linli.example)，也可看 [本中心](/centres/wangjiang)。',
        `![说明会现场](${ANNOUNCEMENT_IMAGE_PREFIX}lift-2026.jpg)`,
        '| 时间 | 地点 |\n|---|---|\n| 19:00 | 2楼 |',
      ].join('\n\n'),
    )
    expect(html).toContain('<h2>政策要点</h2>')
    expect(html).toContain('<strong>20万元</strong>')
    expect(html).toContain('<em>表决</em>')
    expect(html).toContain('<ol>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain(
      '<a href="https://www.example.gov.cn/lifts" rel="noopener noreferrer nofollow">区政府网站</a>',
    )
    expect(html).toContain('<a href="mailto:office@linli.example">给我们</a>')
    expect(html).toContain('<a href="/centres/wangjiang">本中心</a>')
    expect(html).toContain(`<img src="${ANNOUNCEMENT_IMAGE_PREFIX}lift-2026.jpg" alt="说明会现场" loading="lazy" />`)
    expect(html).toContain('<table>')
    expectSafe(html)
  })

  test('shows raw HTML as text', () => {
    const html = renderAnnouncementMarkdown('<b>bold</b> & <script>alert(1)</script>')
    expect(html).toBe('<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n')
  })

  test('keeps the text of an image from elsewhere, without loading it', () => {
    const html = renderAnnouncementMarkdown('![地图](https://maps.example/tile.png)')
    expect(html).toBe('<p><span>地图</span></p>\n')
  })

  test.each(xssPayloads.map((payload, index) => [index, payload]))(
    'payload %i renders harmless: %s',
    (_index, payload) => {
      expectSafe(renderAnnouncementMarkdown(payload))
    },
  )

  test.each(xssPayloads.map((payload, index) => [index, payload]))(
    'payload %i as raw HTML is cleaned by the allowlist alone: %s',
    (_index, payload) => {
      expectSafe(sanitizeAnnouncementHtml(payload))
    },
  )

  test('a summary is plain text, cut at a word count', () => {
    expect(announcementSummary('# 标题\n\n**加装电梯** <b>说明</b>')).toBe('标题 加装电梯 <b>说明</b>')
    expect(announcementSummary('字'.repeat(300), 10)).toBe(`${'字'.repeat(9)}…`)
  })
})
