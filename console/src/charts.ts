/** ECharts, bundled and tree-shaken: bar charts drawn as SVG (readable by tests and screen readers via aria). */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface Series { name: string; data: Array<number | null>; color: string }

export function barChart(box: HTMLElement, categories: string[], series: Series[], opts: { horizontal?: boolean } = {}): () => void {
  const chart = echarts.init(box, undefined, { renderer: 'svg' });
  const cat = { type: 'category' as const, data: categories, axisLabel: { interval: 0, width: 110, overflow: 'truncate' as const } };
  const val = { type: 'value' as const };
  chart.setOption({
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? val : { ...cat, axisLabel: { ...cat.axisLabel, rotate: 30 } },
    yAxis: opts.horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color } })),
  });
  box.dataset.points = String(series.reduce((n, s) => n + s.data.filter((d) => d !== null && d !== 0).length, 0));
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
}
