/** The 15-minute circle on a schematic SVG of Qingdao's district centres (equirectangular, km scale). */
import { DISTRICTS } from './districts.js';

const NS = 'http://www.w3.org/2000/svg';
const BOUNDS = { minLon: 119.85, maxLon: 120.75, minLat: 35.85, maxLat: 36.98 };
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = 111.2 * Math.cos((36.3 * Math.PI) / 180);
const W = (BOUNDS.maxLon - BOUNDS.minLon) * KM_PER_DEG_LON; // the SVG's units are kilometres
const H = (BOUNDS.maxLat - BOUNDS.minLat) * KM_PER_DEG_LAT;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text) e.textContent = text;
  return e;
}

export const toXY = (lat: number, lon: number) => ({ x: (lon - BOUNDS.minLon) * KM_PER_DEG_LON, y: (BOUNDS.maxLat - lat) * KM_PER_DEG_LAT });
export const toLatLon = (x: number, y: number) => ({ lat: +(BOUNDS.maxLat - y / KM_PER_DEG_LAT).toFixed(5), lon: +(BOUNDS.minLon + x / KM_PER_DEG_LON).toFixed(5) });

export interface MapPoint { lat: number; lon: number; label: string }

/** Draws the map; clicking it (or Enter on a district) moves the centre. */
export function drawMap(center: { lat: number; lon: number }, radiusKm: number, points: MapPoint[], onPick: (c: { lat: number; lon: number }) => void): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${W.toFixed(1)} ${H.toFixed(1)}`, class: 'map', role: 'img', 'aria-label': `示意图：青岛各区位置，以 ${center.lat}, ${center.lon} 为中心的 ${radiusKm} 公里（15分钟）就业服务圈，圈内 ${points.length} 个岗位` });
  svg.append(el('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }));
  for (const [name, c] of Object.entries(DISTRICTS)) {
    const { x, y } = toXY(c.lat, c.lon);
    const g = el('g', { class: 'map-district', tabindex: 0, role: 'button', 'aria-label': `以${name}中心为圆心` });
    g.append(el('circle', { cx: x, cy: y, r: 1.6 }), el('text', { x: x + 2.4, y: y + 1.2 }, name));
    g.addEventListener('click', (ev) => { ev.stopPropagation(); onPick({ lat: c.lat, lon: c.lon }); });
    g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onPick({ lat: c.lat, lon: c.lon }); } });
    svg.append(g);
  }
  const cc = toXY(center.lat, center.lon);
  svg.append(el('circle', { cx: cc.x, cy: cc.y, r: radiusKm, class: 'map-circle', 'data-radius-km': radiusKm }));
  svg.append(el('circle', { cx: cc.x, cy: cc.y, r: 0.8, class: 'map-center' }));
  for (const p of points) {
    const { x, y } = toXY(p.lat, p.lon);
    const dot = el('circle', { cx: x, cy: y, r: 0.7, class: 'map-hit' });
    dot.append(el('title', {}, p.label));
    svg.append(dot);
  }
  svg.append(el('text', { x: 2, y: H - 2, class: 'map-note' }, '示意图（区中心位置，比例 1 单位 = 1 公里），点击选择圆心'));
  svg.addEventListener('click', (ev) => {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    const m = svg.getScreenCTM();
    if (!m) return;
    const p = pt.matrixTransform(m.inverse());
    onPick(toLatLon(p.x, p.y));
  });
  return svg;
}
