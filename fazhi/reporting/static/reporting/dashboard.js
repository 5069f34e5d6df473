// The dashboard's charts (ECharts, served from our own static files). Data comes from the page's
// <script type="application/json" id="dashboard-data"> block (never executed, so the CSP allows it).
// Every chart element drills down to the records behind it: clicking it opens its link.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#a61b1b", "#0b5ed7", "#1e7e34", "#d48806", "#6f42c1", "#20c997"];

  function fmt(v) { return Math.round(v * 100) / 100; }

  data.charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (!el) { return; }
    // The data table under each chart lists the same numbers, each a link to its records.
    document.querySelectorAll('.chart-cell[data-chart="' + chart.id + '"]').forEach(function (cell) {
      var i = parseInt(cell.getAttribute("data-index"), 10);
      var text = chart.values[i] === null ? "无数据" : String(fmt(chart.values[i])) + (chart.unit || "");
      if (chart.links[i]) {
        var a = document.createElement("a");
        a.href = chart.links[i];
        a.textContent = text;
        cell.appendChild(a);
      } else {
        cell.textContent = text;
      }
    });
    var instance = echarts.init(el, null, { renderer: "canvas" });
    var horizontal = !!chart.horizontal;
    var small = !!chart.small;
    // labels never overlap: long ones are cut to the axis width, colliding ones hidden (the table lists them all)
    var category = { type: "category", data: chart.categories,
                     axisLabel: { interval: small ? 0 : "auto", width: horizontal ? 90 : 70, overflow: "truncate", hideOverlap: true } };
    var value = { type: "value", name: chart.unit || "", nameTextStyle: { fontSize: 11 },
                  splitNumber: small ? 2 : 5, axisLabel: { hideOverlap: true } };
    var series = {
      type: chart.kind === "line" ? "line" : "bar",
      data: chart.values.map(function (v, i) {
        var item = { value: v === null ? "-" : fmt(v), link: chart.links[i] || "" };  // "-": no bar
        if (chart.colors) { item.itemStyle = { color: chart.colors[i % chart.colors.length] }; }
        return item;
      }),
      itemStyle: { color: palette[0] },
      label: { show: chart.kind !== "line", position: horizontal ? "right" : "top", fontSize: small ? 10 : 12 },
      labelLayout: { hideOverlap: true },
      barMaxWidth: 36,
      cursor: "pointer"
    };
    if (typeof chart.target === "number") {
      series.markLine = { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#6c757d" },
                          label: { formatter: "目标", fontSize: 10 }, data: [{ yAxis: chart.target }] };
    }
    instance.setOption({
      animation: false,
      grid: small ? { left: 8, right: 36, top: 30, bottom: 4, containLabel: true }
                  : { left: horizontal ? 100 : 40, right: 30, top: 30, bottom: 40, containLabel: !horizontal },
      tooltip: { trigger: "item", renderMode: "richText" },  // no HTML tooltip: its inline styles break the CSP
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [series]
    });
    instance.on("click", function (params) {
      var link = params.data && params.data.link;
      if (link) { window.location.href = link; }
    });
    el.setAttribute("data-ready", "1");
    window.addEventListener("resize", function () { instance.resize(); });
  });
})();
