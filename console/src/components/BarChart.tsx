/** Horizontal stacked bars in plain SVG: one row per label, its parts side by side, with a text alternative. */
export interface Bar {
  label: string;
  parts: { name: string; value: number; className: string }[];
}

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
  const row = 28;
  const labelWidth = 60;
  const width = 560;
  const height = bars.length * row + 8;
  return (
    <figure className="chart">
      <svg role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.parts.map((p) => `${p.value} ${p.name}`).join(', ')}`).join('; ')}`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        {bars.map((b, i) => {
          let x = labelWidth;
          return (
            <g key={b.label} transform={`translate(0, ${i * row + 4})`}>
              <text x={0} y={17} className="chart-label">{b.label}</text>
              {b.parts.map((p) => {
                const w = ((width - labelWidth - 80) * p.value) / max;
                const rect = <rect key={p.name} x={x} y={2} width={Math.max(0, w)} height={20} className={p.className} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={17} className="chart-value">{b.parts.map((p) => p.value).join(' / ')}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
