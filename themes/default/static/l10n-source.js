/* folio serve --translator: the source's text shown over a changed block while it is
   hovered or focused can be dismissed with Escape, without moving either (WCAG 1.4.13,
   content on hover or focus); it comes back once the block is left and reached again. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = document.querySelectorAll(".l10n-changed:hover, .l10n-changed:focus-within");
    Array.prototype.forEach.call(shown, function (block) {
      block.classList.add("l10n-dismissed");
    });
  });
  function leave(event) {
    var block = event.target.closest && event.target.closest(".l10n-dismissed");
    if (block && !block.contains(event.relatedTarget)) block.classList.remove("l10n-dismissed");
  }
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
})();
