/**
 * The few scripts and styles the demo pages load, written for the demo: enough for a browser to show
 * the pagers and lists the way the real CMSs do.
 */

/** TRS WCM's pager: a browser renders 首页/上一页/下一页/尾页 from createPageHTML(count, current, name, ext). */
const TRS_PAGE_JS = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  function href(i) { return i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt; }
  var out = [];
  out.push(_nCurrIndex == 0 ? "<span>首页</span>" : "<a href=\\"" + href(0) + "\\">首页</a>");
  out.push(_nCurrIndex == 0 ? "<span>上一页</span>" : "<a href=\\"" + href(_nCurrIndex - 1) + "\\">上一页</a>");
  out.push(_nCurrIndex >= _nPageCount - 1 ? "<span>下一页</span>" : "<a href=\\"" + href(_nCurrIndex + 1) + "\\">下一页</a>");
  out.push(_nCurrIndex >= _nPageCount - 1 ? "<span>尾页</span>" : "<a href=\\"" + href(_nPageCount - 1) + "\\">尾页</a>");
  out.push("<span>共" + _nPageCount + "页 当前第" + (_nCurrIndex + 1) + "页</span>");
  document.write(out.join(" "));
}
`;

/**
 * A small stand-in for Hanweb's jquery.jpage: shows `perPage` records of the inline datastore and
 * fetches later groups from dataproxy.jsp (POST, like the original).
 */
const JPAGE_JS = `function jpage(id, cfg) {
  var box = document.getElementById(id);
  var store = box.querySelector('script[type="text/xml"]').textContent;
  var records = [];
  var page = 1;
  function parse(xml) {
    var out = [];
    xml.replace(/<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>/g, function (_, html) { if (html.indexOf('<li') >= 0) out.push(html); return ''; });
    return out;
  }
  records = parse(store);
  var list = document.createElement('div');
  var bar = document.createElement('div');
  bar.className = 'jpage-bar';
  box.appendChild(list);
  box.appendChild(bar);
  var pages = Math.max(1, Math.ceil(cfg.totalRecord / cfg.perPage));
  function ensure(done) {
    var need = page * cfg.perPage;
    if (records.length >= need || records.length >= cfg.totalRecord) return done();
    var start = records.length + 1;
    var end = start + cfg.perPage * cfg.groupSize - 1;
    var body = new URLSearchParams(cfg.ajaxParam);
    fetch(cfg.proxyUrl + '?startrecord=' + start + '&endrecord=' + end + '&perpage=' + cfg.perPage, { method: 'POST', body: body })
      .then(function (r) { return r.text(); })
      .then(function (t) { records = records.concat(parse(t)); done(); });
  }
  function show() {
    ensure(function () {
      list.innerHTML = cfg.dataBefore + records.slice((page - 1) * cfg.perPage, page * cfg.perPage).join('') + cfg.dataAfter;
      bar.innerHTML = '共' + cfg.totalRecord + '条 ' + page + '/' + pages + '页 ';
      [['首页', 1], ['上页', page - 1], ['下页', page + 1], ['尾页', pages]].forEach(function (b) {
        var a = document.createElement('a');
        a.href = 'javascript:void(0)';
        a.textContent = b[0];
        a.onclick = function () { if (b[1] >= 1 && b[1] <= pages) { page = b[1]; show(); } };
        bar.appendChild(a);
        bar.appendChild(document.createTextNode(' '));
      });
    });
  }
  show();
}
`;

const COMMON_CSS = `body{margin:0;font:14px/1.7 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#333;background:#f4f6f9}
a{color:#1f4e8c;text-decoration:none}a:hover{color:#c00}
.header{background:#b71c1c;color:#fff}.top-bar{font-size:12px;padding:4px 20px;background:#8e1414}.top-bar a{color:#fff;margin-left:12px}
.banner{padding:18px 20px}.site-title{margin:0;font-size:30px;letter-spacing:4px}
.nav ul{margin:0;padding:0 20px;list-style:none;display:flex;background:#9e1a1a}.nav li{padding:8px 22px}.nav a,.nav span{color:#fff}
.container{max-width:1100px;margin:16px auto;background:#fff;padding:16px 24px;overflow:hidden}
.crumbs{font-size:12px;color:#666;border-bottom:1px solid #eee;padding-bottom:8px;margin-bottom:12px}
.side-menu{float:left;width:200px;margin-right:24px}.side-menu ul{list-style:none;padding:0}.side-menu li{border-bottom:1px dashed #ddd;padding:6px}.side-menu li.on a{color:#c00;font-weight:bold}
.list-main{overflow:hidden}.list-title h2{font-size:18px;border-bottom:2px solid #b71c1c;padding-bottom:6px}
.xxgk-list,.column-list,.news-list{list-style:none;padding:0}.xxgk-list li,.column-list li,.news-list li{display:flex;justify-content:space-between;border-bottom:1px dotted #ddd;padding:6px 0}
.xxgk-list li>a,.column-list li>a,.news-list li>a{flex:1;margin-right:12px}
.GroupBlankLine{height:8px;border:none!important}.year-group h4{margin:8px 0 0;color:#b71c1c}
.zhiding,.bt-top{color:#c00;font-style:normal;margin-right:4px}
.xxgk-table{width:100%;border-collapse:collapse}.xxgk-table th,.xxgk-table td{border:1px solid #ddd;padding:6px;font-size:13px}.xxgk-table th{background:#f2f2f2}
.page-box,.pager,.jpage-bar{text-align:center;margin:16px 0}.page-box a,.pager a,.jpage-bar a{margin:0 4px}
.article h1{text-align:center;font-size:22px}.article .info{text-align:center;color:#888;font-size:13px;border-bottom:1px solid #eee;padding-bottom:8px}
.xxgk-head{width:100%;border-collapse:collapse;margin-bottom:16px;font-size:13px}.xxgk-head td{border:1px solid #ddd;padding:6px}.xxgk-head td.label{background:#f7f7f7;width:90px}
.related{margin-top:24px;border-top:1px solid #eee}.footer{text-align:center;font-size:12px;color:#666;padding:16px}
.unit-block{margin:12px 0}.unit-block ul{display:flex;flex-wrap:wrap;list-style:none;padding:0}.unit-block li{width:25%;padding:6px 0}
`;

/** Path → [content type, body] of the static assets. */
export const ASSETS: Record<string, [string, string]> = {
  '/images/trs-page.js': ['application/javascript; charset=utf-8', TRS_PAGE_JS],
  '/module/web/jpage/jpage.js': ['application/javascript; charset=utf-8', JPAGE_JS],
  '/images/common.css': ['text/css; charset=utf-8', COMMON_CSS],
};
