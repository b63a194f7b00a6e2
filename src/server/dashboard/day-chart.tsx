/** One day of a day-by-day chart: its date ('YYYY-MM-DD'), its value, and the text of its tooltip. */
export interface DayPoint {
  day: string;
  value: number;
  title: string;
}

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 70;
const RIGHT = 10;
const TOP = 12;
const BOTTOM = 26;

/**
 * The days of a month as server-rendered SVG (no script, no chart library): `bars` draws one column per day
 * (turnover), `line` a line through the days (compliance). Each day's mark carries its exact value in
 * `data-value` and a <title> shown on hover; the axis names the first, every fifth and the last day.
 */
export function DayChart(p: {
  title: string;
  id: string;
  kind: 'bars' | 'line';
  points: readonly DayPoint[];
  max?: number;
  format: (n: number) => string;
}) {
  const n = Math.max(1, p.points.length);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const max = Math.max(p.max ?? 0, ...p.points.map((x) => x.value), 1);
  const step = plotW / n;
  const y = (v: number) => TOP + plotH - (Math.max(0, v) / max) * plotH;
  const x = (i: number) => LEFT + i * step + step / 2;
  const dayNo = (d: string) => Number(d.slice(8, 10));
  return (
    <svg
      class="chart"
      id={p.id}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={p.title}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{p.title}</title>
      <line x1={LEFT} y1={TOP + plotH} x2={WIDTH - RIGHT} y2={TOP + plotH} stroke="#999" stroke-width="1" />
      <text x={LEFT - 6} y={TOP + 10} text-anchor="end">
        {p.format(max)}
      </text>
      <text x={LEFT - 6} y={TOP + plotH} text-anchor="end">
        {p.format(0)}
      </text>
      {p.kind === 'line' && p.points.length > 0 ? (
        <polyline
          fill="none"
          stroke="#1f6f5c"
          stroke-width="2"
          points={p.points.map((pt, i) => `${x(i).toFixed(1)},${y(pt.value).toFixed(1)}`).join(' ')}
        />
      ) : null}
      {p.points.map((pt, i) => (
        <g>
          {p.kind === 'bars' ? (
            <rect
              class="bar day"
              x={(LEFT + i * step + 1).toFixed(1)}
              y={y(pt.value).toFixed(1)}
              width={Math.max(1, step - 2).toFixed(1)}
              height={(TOP + plotH - y(pt.value)).toFixed(1)}
              data-day={pt.day}
              data-value={String(pt.value)}
            >
              <title>{pt.title}</title>
            </rect>
          ) : (
            <circle
              class="point day"
              cx={x(i).toFixed(1)}
              cy={y(pt.value).toFixed(1)}
              r="3"
              fill="#1f6f5c"
              data-day={pt.day}
              data-value={String(pt.value)}
            >
              <title>{pt.title}</title>
            </circle>
          )}
          {i === 0 || i === n - 1 || dayNo(pt.day) % 5 === 0 ? (
            <text x={x(i).toFixed(1)} y={HEIGHT - 8} text-anchor="middle">
              {String(dayNo(pt.day))}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
