/* Folio language switcher: a reader who came to a section (the URL's fragment) stays
   at that section in the other language. Every page of every locale answers to the
   source page's heading ids (a translated heading carries its source's id on an
   empty span.anchor-alias), and each switcher link lists the ids its page has
   (data-anchors): the link gets the fragment when its page has that section. */
(function () {
  "use strict";
  var links = document.querySelectorAll("nav.languages a[data-anchors]");
  if (!links.length) return;
  /* The id of the section in the source's terms: an alias is one; a heading gives its
     alias when it has one, else its own id. */
  function portable(id) {
    var element = id && document.getElementById(id);
    if (!element) return "";
    if (element.classList.contains("anchor-alias")) return id;
    var alias = element.querySelector(".anchor-alias");
    return alias ? alias.id : id;
  }
  function update() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { id = ""; }
    var wanted = portable(id);
    Array.prototype.forEach.call(links, function (link) {
      var base = link.getAttribute("href").split("#")[0];
      var has = wanted && link.getAttribute("data-anchors").split(" ").indexOf(wanted) >= 0;
      link.setAttribute("href", has ? base + "#" + encodeURIComponent(wanted) : base);
    });
  }
  update();
  window.addEventListener("hashchange", update);
})();
