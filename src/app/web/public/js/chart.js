// @ts-check
/** Bar charts drawn as inline SVG (no library): one or two series per label, values as titles. */
const SVG = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * @typedef {object} Series
 * @property {string} name
 * @property {number[]} values one per label
 * @property {(value: number) => string} [format] how a value reads in its title and the legend
 */

/**
 * barChart({ labels, series: [{ name, values, format? }], title })
 * Each series gets its own scale (tokens and dollars differ by orders of magnitude).
 * @param {{ labels: string[], series: Series[], title: string }} chart
 * @returns {SVGElement}
 */
export function barChart({ labels, series, title }) {
  const width = Math.max(320, labels.length * 28 * series.length + 60);
  const height = 220;
  const top = 24;
  const bottom = 40;
  const left = 12;
  const plot = height - top - bottom;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'bar-chart', preserveAspectRatio: 'xMinYMin meet' });
  root.append(svg('title', {}, title));
  const slot = (width - left * 2) / Math.max(labels.length, 1);
  const barWidth = Math.max(4, Math.min(28, (slot - 6) / series.length));
  series.forEach((serie, s) => {
    const max = Math.max(...serie.values, 0) || 1;
    serie.values.forEach((value, i) => {
      const barHeight = (value / max) * plot;
      const x = left + i * slot + (slot - barWidth * series.length) / 2 + s * barWidth;
      const rect = svg('rect', { x, y: top + plot - barHeight, width: barWidth - 1, height: Math.max(barHeight, value > 0 ? 1 : 0), class: `series-${s}`, rx: 2 });
      rect.append(svg('title', {}, `${labels[i]} — ${serie.name}: ${serie.format ? serie.format(value) : value}`));
      root.append(rect);
    });
  });
  const every = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    root.append(svg('text', { x: left + i * slot + slot / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis-label' }, label));
  });
  root.append(svg('line', { x1: left, x2: width - left, y1: top + plot, y2: top + plot, class: 'axis' }));
  const legend = svg('g', { class: 'legend' });
  series.forEach((serie, s) => {
    legend.append(svg('rect', { x: left + s * 160, y: 4, width: 12, height: 12, class: `series-${s}`, rx: 2 }));
    legend.append(svg('text', { x: left + s * 160 + 18, y: 14, class: 'axis-label' }, `${serie.name} (max ${serie.format ? serie.format(Math.max(...serie.values, 0)) : Math.max(...serie.values, 0)})`));
  });
  root.append(legend);
  return root;
}
