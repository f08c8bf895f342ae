// Filter and sort the measure tables. The page is complete without this script:
// it only reveals the filter box and makes the column headers clickable.
(function () {
  "use strict";
  var tools = document.getElementById("tools");
  var box = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.measures"));
  var rows = [];
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tBodies[0].rows, function (r) { rows.push(r); });
  });
  tools.hidden = false;
  function applyFilter() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { count += 1; }
    });
    tables.forEach(function (t) {
      var any = Array.prototype.some.call(t.tBodies[0].rows, function (r) { return !r.hidden; });
      t.parentNode.hidden = !any;
    });
    shown.textContent = count + " of " + rows.length + " measures shown";
  }
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }
  function sortBy(index, direction) {
    tables.forEach(function (t) {
      var body = t.tBodies[0];
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x = key(a.cells[index]), y = key(b.cells[index]);
        var c = x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) { c = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); }
        return direction === "descending" ? -c : c;
      });
      list.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th, i) {
        if (i === index) { th.setAttribute("aria-sort", direction); } else { th.removeAttribute("aria-sort"); }
      });
    });
  }
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(index, next);
      });
    });
  });
  document.getElementById("plan-order").addEventListener("click", function () {
    tables.forEach(function (t) {
      var body = t.tBodies[0];
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) { return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); });
      list.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    });
  });
  box.addEventListener("input", applyFilter);
  applyFilter();
})();
