/** One bar: its label, its value, and whether to flag it (e.g. an OPD below half compliance). */
export interface Bar {
  label: string;
  value: number;
  low?: boolean;
}

/**
 * A horizontal bar chart as server-rendered SVG: no script, no chart library, prints and scales on a
 * phone. Each bar is a `rect.bar` with its exact value in a <title> (shown on hover).
 */
export function BarChart(props: { title: string; bars: readonly Bar[]; format: (n: number) => string; max?: number }) {
  const rowH = 22;
  const labelW = 170;
  const valueW = 120;
  const width = 720;
  const plotW = width - labelW - valueW;
  const height = Math.max(1, props.bars.length) * rowH + 10;
  const max = Math.max(props.max ?? 0, ...props.bars.map((b) => b.value), 1);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.title}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{props.title}</title>
      {props.bars.map((b, i) => {
        const y = 5 + i * rowH;
        const w = Math.round((Math.max(0, b.value) / max) * plotW);
        return (
          <g>
            <text x={labelW - 6} y={y + 15} text-anchor="end">
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
            </text>
            <rect
              class={b.low ? 'bar low' : 'bar'}
              x={labelW}
              y={y + 3}
              width={w}
              height={rowH - 6}
              data-value={String(b.value)}
            >
              <title>{`${b.label}: ${props.format(b.value)}`}</title>
            </rect>
            <text x={labelW + w + 6} y={y + 15}>
              {props.format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
