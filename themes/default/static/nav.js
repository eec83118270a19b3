/* Folio sidebar on large sites: the page carries its own section and its neighbours;
   the full list of sections comes once from the shared nav/<lang>.json (a list of
   [title, link from the site root, section], with a fourth item, "part", "draft" or
   "unnumbered", for a book outline's entries that are no link or have no number) and
   replaces the short one, keeping the current section's pages under its index. */
(function () {
  "use strict";
  var nav = document.querySelector("nav.sidebar[data-nav]");
  if (!nav || !window.fetch) return;
  var list = nav.querySelector("ol");
  var root = nav.getAttribute("data-root");
  var section = nav.getAttribute("data-section");
  var here = window.location.href.split("#")[0].split("?")[0];
  fetch(nav.getAttribute("data-nav")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (entries) {
    var nested = Array.prototype.slice.call(list.querySelectorAll("li.nav-nested"));
    var full = document.createElement("ol");
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      if (entry[3] === "part") {
        // A book's part title: a heading among the chapters, not a link.
        item.className = "nav-part";
        item.textContent = entry[0];
      } else if (entry[3] === "draft") {
        var draft = document.createElement("span");
        draft.className = "nav-draft";
        draft.textContent = entry[0];
        item.appendChild(draft);
      } else {
        if (entry[3] === "unnumbered") item.className = "nav-unnumbered";
        var link = document.createElement("a");
        link.href = root + entry[1];
        link.textContent = entry[0];
        if (link.href === here) link.setAttribute("aria-current", "page");
        item.appendChild(link);
      }
      full.appendChild(item);
      if (section && entry[2] === section) nested.forEach(function (n) { full.appendChild(n); });
    });
    list.parentNode.replaceChild(full, list);
    // The reader's place in a long list: scrolled to, within the sidebar only.
    var current = full.querySelector("[aria-current]");
    if (current && nav.scrollHeight > nav.clientHeight) {
      nav.scrollTop = current.offsetTop - nav.offsetTop - nav.clientHeight / 2;
    }
  }).catch(function () { /* the short list stays */ });
})();
