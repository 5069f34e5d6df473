// Searchable pickers for long selects (units as a tree, people): see fazhi/core/widgets.py.
// A static file (the CSP forbids inline scripts); the plain <select> stays in the form and keeps the value.
(function () {
  "use strict";

  function text(option) { return option.textContent.replace(/^[\s\u3000]+/, ""); }

  function enhance(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    var multiple = select.multiple;
    var options = Array.prototype.slice.call(select.options);
    var wrap = document.createElement("div");
    wrap.className = "picker";
    var chips = document.createElement("div");
    chips.className = "picker-chips";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control picker-search";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-label", "输入名称查找");
    input.placeholder = "输入名称查找……";
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    if (multiple) { list.setAttribute("aria-multiselectable", "true"); }
    list.hidden = true;

    var items = options.map(function (option, index) {
      var li = document.createElement("li");
      li.className = "picker-item";
      li.setAttribute("role", "option");
      li.dataset.index = String(index);
      var depth = parseInt(option.getAttribute("data-depth") || "0", 10);
      li.classList.add("picker-depth-" + Math.min(depth, 6));
      li.textContent = option.value === "" ? text(option) || "（不选）" : text(option);
      if (option.disabled) { li.classList.add("disabled"); }
      list.appendChild(li);
      return {option: option, li: li, depth: depth, key: text(option).toLowerCase()};
    });

    function current() {
      var chosen = items.filter(function (it) { return it.option.selected && it.option.value !== ""; });
      return chosen.map(function (it) { return text(it.option); });
    }

    function refresh() {
      items.forEach(function (it) { it.li.setAttribute("aria-selected", it.option.selected ? "true" : "false"); });
      if (multiple) {
        chips.textContent = "";
        items.forEach(function (it) {
          if (!it.option.selected) { return; }
          var chip = document.createElement("button");
          chip.type = "button";
          chip.className = "picker-chip";
          chip.textContent = text(it.option) + " ×";
          chip.title = "移除";
          chip.addEventListener("click", function () { it.option.selected = false; changed(); });
          chips.appendChild(chip);
        });
      } else if (document.activeElement !== input) {
        input.value = current().join("、");
      }
    }

    function changed() {
      refresh();
      select.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function filter(query) {
      query = query.trim().toLowerCase();
      var shown = items.map(function () { return !query; });
      if (query) {
        items.forEach(function (it, i) {
          if (it.key.indexOf(query) === -1) { return; }
          shown[i] = true;
          var depth = it.depth;  // keep the ancestors of a match visible: the tree stays readable
          for (var j = i - 1; j >= 0 && depth > 0; j--) {
            if (items[j].depth < depth) { shown[j] = true; depth = items[j].depth; }
          }
        });
      }
      var any = false;
      items.forEach(function (it, i) { it.li.hidden = !shown[i]; any = any || shown[i]; });
      list.classList.toggle("picker-empty", !any);
    }

    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var li = event.target.closest(".picker-item");
      if (!li || li.classList.contains("disabled")) { return; }
      var it = items[parseInt(li.dataset.index, 10)];
      if (multiple) {
        it.option.selected = !it.option.selected;
      } else {
        select.value = it.option.value;
        list.hidden = true;
        input.blur();
      }
      changed();
    });
    input.addEventListener("focus", function () {
      if (!multiple) { input.select(); }
      filter("");
      list.hidden = false;
    });
    input.addEventListener("input", function () { filter(input.value); list.hidden = false; });
    input.addEventListener("blur", function () { list.hidden = true; refresh(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
      if (event.key === "Enter") {
        event.preventDefault();  // Enter picks the first visible match instead of submitting the form
        var first = items.filter(function (it) { return !it.li.hidden && it.option.value !== ""; })[0];
        if (first) { first.li.click(); }
      }
    });

    select.addEventListener("change", refresh);  // a value set on the select itself shows in the picker
    select.classList.add("picker-source");
    select.setAttribute("tabindex", "-1");
    select.setAttribute("aria-hidden", "true");
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(select);
    if (multiple) { wrap.appendChild(chips); }
    wrap.appendChild(input);
    wrap.appendChild(list);
    if (select.id) { input.id = select.id + "-search"; }
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    if (label) { label.setAttribute("for", input.id); }
    if (select.classList.contains("is-invalid")) { input.classList.add("is-invalid"); }
    refresh();
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[data-picker]"), enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.target); });
})();
