import { useId } from 'react'

/**
 * A horizontal bar chart drawn on the server as SVG. It is one image to assistive
 * technology (role="img", named by its <title> and described by its <desc>, which reads
 * out every bar); the page puts the same numbers in a table beside it.
 */
export function BarChart({
  title,
  description,
  bars,
  max,
}: {
  title: string
  description: string
  bars: Array<{ key: string; label: string; value: number; text: string }>
  /** The value a full-width bar stands for (e.g. 100 for percentages); defaults to the largest value. */
  max?: number
}) {
  const id = useId()
  const rowHeight = 36
  const labelWidth = 200
  const barWidth = 320
  const width = labelWidth + barWidth + 110
  const height = Math.max(bars.length, 1) * rowHeight + 8
  const top = max ?? Math.max(1, ...bars.map((bar) => bar.value))
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((bar, index) => {
        const y = 4 + index * rowHeight
        const length = top > 0 ? Math.min(1, Math.max(0, bar.value / top)) * barWidth : 0
        return (
          <g key={bar.key} aria-hidden="true">
            <text
              x={labelWidth - 8}
              y={y + rowHeight / 2}
              textAnchor="end"
              dominantBaseline="middle"
              className="bar-chart__label"
            >
              {bar.label.length > 14 ? `${bar.label.slice(0, 13)}…` : bar.label}
            </text>
            <rect x={labelWidth} y={y + 6} width={barWidth} height={rowHeight - 12} className="bar-chart__track" />
            <rect x={labelWidth} y={y + 6} width={length} height={rowHeight - 12} className="bar-chart__bar" />
            <text
              x={labelWidth + barWidth + 8}
              y={y + rowHeight / 2}
              dominantBaseline="middle"
              className="bar-chart__value"
            >
              {bar.text}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
