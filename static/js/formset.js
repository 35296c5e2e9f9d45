// "Add a row" in an edit form's inline rows, at once: copies the formset's empty row from its <template>, numbers it
// (Django's __prefix__) and counts it in TOTAL_FORMS. Without JavaScript the same button posts the form back and the
// page returns with one more row; nothing is saved either way until "Save".
(function () {
  "use strict";

  function renumber(element, index) {
    element.querySelectorAll("*").forEach(function (node) {
      Array.from(node.attributes).forEach(function (attribute) {
        if (attribute.value.indexOf("__prefix__") !== -1) {
          node.setAttribute(attribute.name, attribute.value.split("__prefix__").join(String(index)));
        }
      });
    });
    element.querySelectorAll("legend").forEach(function (legend) {
      legend.textContent = legend.textContent.split("__number__").join(String(index + 1));
    });
  }

  function addRow(section, button) {
    const total = section.querySelector("input[name$='-TOTAL_FORMS']");
    const max = section.querySelector("input[name$='-MAX_NUM_FORMS']");
    const template = section.querySelector("template[data-formset-template]");
    const rows = section.querySelector("[data-formset-rows]");
    const index = Number(total.value);
    const row = template.content.firstElementChild.cloneNode(true);
    renumber(row, index);
    rows.appendChild(row);
    total.value = String(index + 1);
    if (max && index + 1 >= Number(max.value)) {
      button.hidden = true;
    }
    const first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  }

  document.querySelectorAll("[data-formset]").forEach(function (section) {
    const button = section.querySelector("[data-formset-add]");
    if (button && section.querySelector("template[data-formset-template]")) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        addRow(section, button);
      });
    }
  });
})();
