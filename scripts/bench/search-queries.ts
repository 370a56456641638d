/** The search mix the benchmarks replay: text, filters, geo and sorts as the front-ends send them (facets on). */
export const SEARCH_MIX: Array<Record<string, string>> = [
  { q: 'Java' }, { q: '集成电路', district: '黄岛区' }, { q: '电焊工', education: '高中' }, { q: 'PLC 电气工程师' },
  { q: 'Java开发 青岛', salaryMin: '10k' }, { q: '普工', tag: '妈妈岗' }, { q: '船舶海工', sort: 'newest' },
  { q: '新型显示', industry: '新型显示' }, { q: 'FPGA', salaryMin: '15k', salaryMax: '30k' }, { q: '跨境电商', postedWithinDays: '30' },
  { q: '养老护理员', lat: '36.30', lon: '120.39', radiusKm: '10' }, { district: '城阳区', sort: 'newest' },
  { lat: '36.07', lon: '120.38', circle: '15min', sort: 'distance' }, { q: '厨师', employmentType: '兼职' },
  { q: 'python 数据分析', education: '本科' }, { q: '叉车司机', district: '胶州市' }, { q: '"数字IC"' },
  { q: '销售 -汽车', sort: 'salary' }, { industry: '智能家电', salaryMin: '6000' }, { q: '工程师', page: '3' },
];
