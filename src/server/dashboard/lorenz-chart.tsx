/**
 * A Lorenz curve as server-rendered SVG (no script, no chart library): the share of revenue held by the
 * poorest x of the shops, against the diagonal of perfect equality. Each point of the curve is in the
 * polyline's `data-points` as "x,y" pairs (shares, 0–1), so that a test can read exactly what is drawn.
 */
export function LorenzChart(props: { title: string; points: readonly [number, number][] }) {
  const size = 300;
  const pad = 36;
  const plot = size - 2 * pad;
  const at = ([x, y]: readonly [number, number]) =>
    `${(pad + x * plot).toFixed(1)},${(pad + (1 - y) * plot).toFixed(1)}`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg
      class="chart lorenz"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.title}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{props.title}</title>
      <rect x={pad} y={pad} width={plot} height={plot} fill="none" stroke="#ccc" />
      {ticks.map((t) => (
        <g>
          <text x={pad + t * plot} y={size - pad + 14} text-anchor="middle">{`${t * 100}%`}</text>
          <text x={pad - 4} y={pad + (1 - t) * plot + 4} text-anchor="end">{`${t * 100}%`}</text>
        </g>
      ))}
      <line class="equality" x1={pad} y1={size - pad} x2={size - pad} y2={pad} stroke="#999" stroke-dasharray="4 3" />
      <polyline
        class="curve"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        points={props.points.map(at).join(' ')}
        data-points={props.points.map(([x, y]) => `${x},${y}`).join(' ')}
      />
      <text x={size / 2} y={size - 4} text-anchor="middle">
        toko (dari yang paling sedikit)
      </text>
      <text x={10} y={size / 2} text-anchor="middle" transform={`rotate(-90 10 ${size / 2})`}>
        pendapatan
      </text>
    </svg>
  );
}
