import { Link } from '@remix-run/react'

/** Links to the previous and next pages of a list, when there are any. */
export function Pager({
  label,
  previous,
  next,
}: {
  label: string
  previous: { to: string | null; text: string }
  next: { to: string | null; text: string }
}) {
  if (!previous.to && !next.to) return null
  return (
    <nav aria-label={label} className="pager">
      {previous.to ? (
        <Link to={previous.to} rel="prev">
          {previous.text}
        </Link>
      ) : null}
      {next.to ? (
        <Link to={next.to} rel="next">
          {next.text}
        </Link>
      ) : null}
    </nav>
  )
}
