/* Institution question of a survey: a filter over the checkboxes, and the intensity of each
   chosen institution shown right when it is ticked. Without JS the list and a second view of
   the step (with the intensities of the chosen ones) do the same. */
(function () {
  "use strict";

  function normal(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function setUp(root) {
    var name = root.getAttribute("data-qn-institutions");
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-qn-institution]"));
    var panel = document.querySelector('[data-qn-intensities="' + name + '"]');

    function toggle(item) {
      var box = item.querySelector("input");
      var value = item.getAttribute("data-qn-institution");
      var row = panel && panel.querySelector('[data-qn-intensity="' + value + '"]');
      if (row) {
        row.hidden = !box.checked;
        row.querySelector("select").disabled = !box.checked;
      }
    }

    function refreshPanel() {
      if (panel) {
        panel.hidden = !items.some(function (item) { return item.querySelector("input").checked; });
      }
    }

    items.forEach(function (item) {
      item.querySelector("input").addEventListener("change", function () {
        toggle(item);
        refreshPanel();
      });
    });

    var filter = root.querySelector("[data-qn-filter]");
    if (!filter) {
      return;
    }
    var input = filter.querySelector("input");
    var count = filter.querySelector("[data-qn-count]");
    var text = count.getAttribute("data-text");
    var timer = null;

    function apply() {
      var wanted = normal(input.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || normal(item.textContent).indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      count.textContent = text.replace("{shown}", shown).replace("{total}", items.length);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // Enter filters; it does not send the step.
        apply();
      }
    });
    filter.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-qn-institutions]"), setUp);
})();
