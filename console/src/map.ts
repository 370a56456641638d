/**
 * The 15-minute circle on a plain SVG map of Qingdao: the districts' coarse hand-drawn outlines (district-outlines.ts),
 * their centres as labels, the circle and the hits on top (equirectangular, km scale). No tiles, nothing fetched.
 */
import { DISTRICTS } from '../../src/domain/districts.js';
import { DISTRICT_OUTLINES } from './district-outlines.js';

const NS = 'http://www.w3.org/2000/svg';
const BOUNDS = { minLon: 119.45, maxLon: 121.05, minLat: 35.55, maxLat: 37.2 };
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

/** Draws the map around the circle (a window of VIEW_KM); clicking it moves the centre (the keyboard uses the district buttons below it). */
const VIEW_KM = { w: 36, h: 24 };
export function drawMap(center: { lat: number; lon: number }, radiusKm: number, points: MapPoint[], onPick: (c: { lat: number; lon: number }) => void): SVGSVGElement {
  const c0 = toXY(center.lat, center.lon);
  const vx = Math.min(Math.max(0, c0.x - VIEW_KM.w / 2), W - VIEW_KM.w);
  const vy = Math.min(Math.max(0, c0.y - VIEW_KM.h / 2), H - VIEW_KM.h);
  const svg = el('svg', { viewBox: `${vx.toFixed(2)} ${vy.toFixed(2)} ${VIEW_KM.w} ${VIEW_KM.h}`, class: 'map', role: 'img', 'aria-label': `示意图：以 ${center.lat}, ${center.lon} 为中心的 ${radiusKm} 公里（15分钟）就业服务圈，圈内 ${points.length} 个岗位` });
  svg.append(el('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }));
  for (const [name, corners] of Object.entries(DISTRICT_OUTLINES)) {
    const pts = corners.map(([lon, lat]) => { const p = toXY(lat, lon); return `${p.x.toFixed(2)},${p.y.toFixed(2)}`; }).join(' ');
    svg.append(el('polygon', { points: pts, class: 'map-area', 'data-district': name }));
  }
  for (let gx = Math.ceil(vx / 5) * 5; gx < vx + VIEW_KM.w; gx += 5) svg.append(el('line', { x1: gx, y1: vy, x2: gx, y2: vy + VIEW_KM.h, class: 'map-grid' }));
  for (let gy = Math.ceil(vy / 5) * 5; gy < vy + VIEW_KM.h; gy += 5) svg.append(el('line', { x1: vx, y1: gy, x2: vx + VIEW_KM.w, y2: gy, class: 'map-grid' }));
  for (const [name, c] of Object.entries(DISTRICTS)) {
    const { x, y } = toXY(c.lat, c.lon);
    svg.append(el('circle', { cx: x, cy: y, r: 0.45, class: 'map-district-centre' }), el('text', { x: x + 0.7, y: y + 0.45, class: 'map-label' }, name));
  }
  const cc = toXY(center.lat, center.lon);
  svg.append(el('circle', { cx: cc.x, cy: cc.y, r: radiusKm, class: 'map-circle', 'data-radius-km': radiusKm }));
  svg.append(el('circle', { cx: cc.x, cy: cc.y, r: 0.4, class: 'map-center' }));
  for (const p of points) {
    const { x, y } = toXY(p.lat, p.lon);
    const dot = el('circle', { cx: x, cy: y, r: 0.35, class: 'map-hit' });
    dot.append(el('title', {}, p.label));
    svg.append(dot);
  }
  svg.append(el('text', { x: vx + 0.6, y: vy + VIEW_KM.h - 0.7, class: 'map-note' }, '示意图：区界为手绘近似轮廓，网格 5 公里，圆点为区中心，橙点为圈内岗位；点击地图选择圆心'));
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
