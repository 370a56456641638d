import type { Sector } from './roles.js';
import { MANUFACTURING_AND_OCEAN_SECTORS } from './industries-manufacturing.js';
import { DIGITAL_AND_MATERIALS_SECTORS } from './industries-digital.js';
import { SERVICE_AND_AGRICULTURE_SECTORS } from './industries-services.js';

/**
 * The key industries named in the Qingdao and 西海岸新区 employment plans (集成电路, 新型显示, 船舶海工, 智能家电,
 * 海洋经济, 新一代信息技术, 人工智能, 高端化工与新材料, 智能网联新能源汽车, 现代服务业, 现代农业, 康养), with the
 * jobs their employers post. Sentences carry no requirement on gender, age, origin or any other protected trait.
 */
export const KEY_SECTORS: readonly Sector[] = [...MANUFACTURING_AND_OCEAN_SECTORS, ...DIGITAL_AND_MATERIALS_SECTORS, ...SERVICE_AND_AGRICULTURE_SECTORS];
