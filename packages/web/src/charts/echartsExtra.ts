import { BarChart, LineChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';

/** Chart types the analytics views add to what EChart.tsx registers (imported by those views, so they load with them). */
echarts.use([BarChart, LineChart, LegendComponent, MarkLineComponent]);
