/** The summary's stylesheet: screen, and print (everything expanded, no controls). */
export const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24}header{background:#f4f6f8;padding:16px 24px;border-bottom:1px solid #d0d7de}
main{padding:8px 24px 40px}h1{margin:0 0 4px;font-size:22px}h2{margin:20px 0 4px}.meta,.t{color:#57606a;font-size:12px}.headline{font-size:18px;font-weight:600;margin:6px 0}
.good{color:#1a7f37}.bad{color:#cf222e}table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border-bottom:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
.tallies{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}table.levels{width:auto;margin:0}table.levels td{text-align:center;min-width:40px}
tr.spec th{background:#f6f8fa;font-size:13px}.matrix td{font-size:12px}.matrix thead th:first-child{width:34%}
table.checks{table-layout:fixed}table.checks td{overflow-wrap:anywhere}table.checks th:nth-child(1){width:56px}table.checks th:nth-child(2){width:22%}table.checks th:nth-child(3){width:64px}
.v{display:inline-block;min-width:40px;text-align:center;border-radius:10px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.v-pass{background:#1a7f37}.v-fail{background:#cf222e}.v-warn{background:#bf8700}.v-skip{background:#8c959f}.v-error{background:#8250df}
details{border:1px solid #d0d7de;border-radius:6px;margin:4px 0;padding:4px 10px}summary{cursor:pointer}code,pre{font:12px ui-monospace,monospace;word-break:break-all;white-space:pre-wrap}
.ev{border-left:3px solid #d0d7de;padding-left:10px;margin:8px 0}.deviation{background:#fff8c5;padding:6px;border-radius:4px}.error{background:#fbefff;padding:8px;border-radius:4px}.shot{max-width:480px;border:1px solid #d0d7de;display:block;margin:6px 0}
blockquote{margin:0;padding:4px 10px;border-left:3px solid #8c959f;color:#424a53;font-style:italic;white-space:pre-wrap}blockquote cite{font-style:normal}
.source h4{margin:8px 0 2px}pre.src{background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;padding:6px 0;white-space:pre;overflow-x:auto}
pre.src .line{display:block;padding:0 8px}pre.src .no{color:#8c959f;margin-right:12px;user-select:none}
pre.src .mark-fail,pre.src .mark-error{background:#ffebe9;border-left:3px solid #cf222e}pre.src .mark-warn{background:#fff8c5;border-left:3px solid #bf8700}
ol.timeline{list-style:none;padding:0;margin:6px 0;border-left:2px solid #d0d7de}ol.timeline .hop{display:flex;gap:8px;margin:0 0 6px -9px}
ol.timeline .when{flex:none;width:16px;height:16px;border-radius:8px;background:#57606a;color:#fff;font-size:10px;text-align:center;line-height:16px}
ul.timeline{list-style:none;padding:0;margin:6px 0}li.hops-folded{margin:0 0 6px 8px}ol.timeline .at-stub .when{background:#bf8700}ol.timeline .end .when{background:#1b1f24}mark.secret{background:#ddf4ff}
.controls{margin:8px 0;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
details.fold{border-style:dashed;background:#f6f8fa}details.fold[open]{background:none}details.fold>summary{color:#57606a}
details.rows,details.ids,details.more,details.long{border:none;border-radius:0;margin:0;padding:0}details.ids>summary,details.more>summary{color:#0969da;font-size:12px}
details.ev{border:none;border-radius:0;border-left:3px solid #d0d7de;padding:0 0 0 10px;margin:8px 0}details.ev>summary h4{display:inline;margin:0}
details.long>summary{list-style:none}details.long>summary::-webkit-details-marker{display:none}details.long[open] .fold-more{display:none}
code.pre{display:block}table.scenarios{table-layout:fixed}table.scenarios th:nth-child(1){width:56px}table.scenarios th:nth-child(2){width:32%}table.scenarios th:nth-child(3){width:96px}table.scenarios th:nth-child(4){width:64px}table.scenarios td{overflow-wrap:anywhere}
tr.folded>td{padding:2px 0}.matrix td:first-child{width:34%}ul.projects{padding-left:18px}section.project{border-top:2px solid #d0d7de;margin-top:24px}
button.filter{border:1px solid #d0d7de;background:#fff;border-radius:12px;padding:2px 8px;cursor:pointer}button.filter.on{background:#ddf4ff}
@media print{.controls,button.filter[data-v="all"]{display:none}button.filter{border:none;background:none;padding:0}header{background:none}details{break-inside:avoid;border:none;padding:0}
details::details-content{content-visibility:visible;display:contents}a{color:inherit}}`;
