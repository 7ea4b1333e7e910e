import { addDays } from '../../shared/time.ts';
import { Rng } from '../rng.ts';
import type { ColumnClass, DemoItem } from '../types.ts';
import { personName } from '../words.ts';
import { cnDate, esc } from './html.ts';

/**
 * Article text. Every body carries dates that are NOT the publication date (a meeting day, a deadline,
 * an effective date, a signature date, a reporting period), as real articles do.
 */
export function articleBody(seed: number, item: DemoItem, cls: ColumnClass, unitName: string): string {
  const rng = new Rng((seed ^ Math.imul(item.id, 0x9e3779b1)) >>> 0);
  const meeting = addDays(item.publishedAt, -rng.int(1, 5));
  const deadline = addDays(item.publishedAt, rng.int(10, 45));
  const m = cnDate(meeting);
  const d = cnDate(deadline);
  const who = personName(rng);
  const phone = `0798-82${rng.int(10000, 99999)}`;
  const paras: string[] = [];
  switch (cls) {
    case '动态要闻':
      paras.push(
        `${m}上午，${unitName}召开专题会议，围绕“${esc(item.title)}”相关工作进行部署。${who}出席会议并讲话。`,
        `会议指出，要进一步提高政治站位，压实工作责任，坚持问题导向，确保各项工作落地见效。`,
        `会议要求，各责任单位要对照任务清单，于${d}前完成阶段性工作，并将进展情况报送${unitName}办公室。`,
      );
      break;
    case '通知公告':
      paras.push(
        `各有关单位：`,
        `为切实做好相关工作，根据上级有关文件精神，现就有关事项通知如下：`,
        `一、高度重视，精心组织。各单位要明确分管负责同志和具体经办人员，认真抓好落实。`,
        `二、按时报送。请于${d}前将有关材料（加盖公章）报送至${unitName}，逾期不再受理。`,
        `联系人：${who}，联系电话：${phone}。`,
        `<p class="sign">${unitName}</p><p class="sign">${item.documentDate ? cnDate(item.documentDate) : m}</p>`,
      );
      break;
    case '政策文件':
      paras.push(
        `第一条　为进一步规范相关工作，结合我区实际，制定本办法。`,
        `第二条　本办法适用于本区行政区域内的相关管理活动。`,
        `第三条　各有关部门应当按照职责分工，加强协调配合，共同做好相关工作。`,
        `第四条　本办法自${cnDate(addDays(item.publishedAt, 30))}起施行，有效期五年。${rng.chance(0.5) ? `原${cnDate(addDays(item.publishedAt, -900))}印发的有关规定同时废止。` : ''}`,
      );
      break;
    case '人事':
      if (item.title.includes('招聘')) {
        paras.push(
          `根据事业单位公开招聘有关规定，经报名、资格审查、笔试、面试等程序，${unitName}于${m}完成相关环节，现将结果予以公告。`,
          `公示时间：${cnDate(item.publishedAt)}至${cnDate(addDays(item.publishedAt, 7))}。请相关人员于${d}前办理后续手续。`,
          `监督电话：${phone}。`,
        );
        break;
      }
      paras.push(
        `根据干部选拔任用有关规定，经${m}会议研究，现将有关情况予以公示。`,
        `公示时间：${cnDate(item.publishedAt)}至${cnDate(addDays(item.publishedAt, 7))}。`,
        `公示期间，如有异议，请以书面形式向${unitName}反映。联系电话：${phone}。`,
      );
      break;
    case '规划计划':
      paras.push(
        `为全面完成年度目标任务，根据${cnDate(addDays(item.publishedAt, -rng.int(20, 60)))}全区工作会议部署，结合工作实际，制定本计划。`,
        `一、总体目标。围绕中心、服务大局，推动各项工作提质增效。`,
        `二、重点任务。（一）加强统筹协调；（二）强化项目支撑；（三）抓好督促落实，确保${d}前完成阶段目标。`,
      );
      break;
    case '机构信息':
      paras.push(
        `${unitName}是区政府工作部门（派出机构），主要负责贯彻执行党和国家的方针政策及上级决策部署。`,
        `办公地址：珠山区${rng.pick(['新厂西路', '瓷都大道', '珠山中路', '昌江大道'])}${rng.int(1, 300)}号。办公时间：工作日上午8:00—12:00，下午14:30—17:30。`,
        `联系电话：${phone}。`,
      );
      break;
    case '年报':
      paras.push(
        `本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限为${Number(item.publishedAt.slice(0, 4)) - 1}年1月1日至${Number(item.publishedAt.slice(0, 4)) - 1}年12月31日。`,
        `一、总体情况。${unitName}坚持以公开为常态、不公开为例外，全年主动公开政府信息${rng.int(80, 400)}条。`,
        `二、收到和处理政府信息公开申请情况。全年共收到政府信息公开申请${rng.int(0, 12)}件，均在法定期限内答复。`,
      );
      break;
  }
  return paras.map((p) => (p.startsWith('<p') ? p : `<p>${p}</p>`)).join('\n');
}
