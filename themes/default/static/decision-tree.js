// Folio decision trees: turns the static markup (every question a section, answers
// as links) into one question at a time. Questions, answers, outcomes and strings are
// all read from that markup, so the widget and the no-script version always agree.
// The path lives in the URL query (?<tree>=<node>:<answer>/...), so it can be shared,
// reloaded and walked with the browser's back button.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function readTree(root) {
    var nodes = {};
    root.querySelectorAll(".tree-node").forEach(function (section) {
      var id = section.getAttribute("data-node");
      if (section.classList.contains("tree-node-question")) {
        var help = section.querySelector(".tree-help");
        nodes[id] = {
          kind: "question",
          text: section.querySelector(".tree-text").textContent,
          help: help ? help.textContent : "",
          answers: Array.prototype.map.call(section.querySelectorAll(".tree-answers a"), function (a) {
            return { id: a.getAttribute("data-answer"), label: a.textContent, next: a.getAttribute("data-next") };
          })
        };
      } else {
        nodes[id] = { kind: "outcome", section: section };
      }
    });
    return nodes;
  }

  function Tree(root) {
    this.root = root;
    this.id = root.getAttribute("data-tree");
    this.start = root.getAttribute("data-start");
    this.nodes = readTree(root);
    this.title = root.querySelector(".tree-title").textContent;
    this.remembered = [];
    this.uid = "dt-" + this.id + "-w";
    root.querySelector(".tree-static").hidden = true;
    root.classList.add("is-interactive");
    this.live = el("p", { "class": "visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    this.view = el("div", { "class": "tree-widget" });
    // The flowchart's disclosure stays after the widget it maps.
    this.diagram = root.querySelector(".tree-diagram-panel");
    root.insertBefore(this.view, this.diagram);
    root.appendChild(this.live);
    this.linkDiagram();
  }

  // A box of the flowchart opens its step in the widget instead of reloading the page.
  Tree.prototype.linkDiagram = function () {
    var self = this;
    if (!this.diagram) return;
    this.diagram.addEventListener("toggle", function () { self.showCurrent(); });
    this.diagram.querySelectorAll(".tree-diagram-node").forEach(function (box) {
      box.addEventListener("click", function (event) {
        var raw = box.getAttribute("data-path");
        var path = raw ? raw.split("/").map(function (step) {
          var parts = step.split(":");
          return { node: parts[0], answer: parts[1] };
        }) : [];
        event.preventDefault();
        self.go(path);
      });
    });
  };

  // The reader's way so far on the flowchart: the boxes and arrows of the path, and
  // the box where they are now.
  Tree.prototype.markDiagram = function (path, nodeId) {
    if (!this.diagram) return;
    var nodes = {};
    var edges = {};
    path.forEach(function (step) {
      nodes[step.node] = true;
      edges[step.node + ":" + step.answer] = true;
    });
    nodes[nodeId] = true;
    this.diagram.querySelectorAll(".tree-diagram-node").forEach(function (box) {
      var id = box.getAttribute("data-node");
      box.classList.toggle("is-on-path", !!nodes[id]);
      box.classList.toggle("is-current", id === nodeId);
      if (id === nodeId) box.setAttribute("aria-current", "step");
      else box.removeAttribute("aria-current");
    });
    this.diagram.querySelectorAll(".tree-diagram-arrow").forEach(function (arrow) {
      arrow.classList.toggle("is-on-path", !!edges[arrow.getAttribute("data-edge")]);
    });
    this.showCurrent();
  };

  // A chart wider than its frame scrolls to keep the reader's box in sight.
  Tree.prototype.showCurrent = function () {
    var frame = this.diagram && this.diagram.querySelector(".tree-diagram-scroll");
    var box = frame && frame.querySelector(".tree-diagram-node.is-current");
    if (!box || !this.diagram.open || frame.scrollWidth <= frame.clientWidth) return;
    var f = frame.getBoundingClientRect();
    var b = box.getBoundingClientRect();
    if (b.left < f.left || b.right > f.right) {
      frame.scrollLeft += (b.left + b.width / 2) - (f.left + f.width / 2);
    }
  };

  Tree.prototype.t = function (key) {
    return this.root.getAttribute("data-t-" + key) || "";
  };

  // The path in the URL, kept only as far as it is a valid walk from the start.
  Tree.prototype.readPath = function () {
    var raw = new URLSearchParams(window.location.search).get(this.id) || "";
    var path = [];
    var current = this.start;
    var steps = raw ? raw.split("/") : [];
    for (var i = 0; i < steps.length; i++) {
      var parts = steps[i].split(":");
      var node = this.nodes[current];
      if (!node || node.kind !== "question" || parts[0] !== current) break;
      var answer = node.answers.filter(function (a) { return a.id === parts[1]; })[0];
      if (!answer || !this.nodes[answer.next]) break;
      path.push({ node: current, answer: answer.id });
      current = answer.next;
    }
    return path;
  };

  Tree.prototype.urlFor = function (path) {
    var params = new URLSearchParams(window.location.search);
    params.delete(this.id);
    var query = params.toString();
    if (path.length) {
      var value = path.map(function (step) { return step.node + ":" + step.answer; }).join("/");
      query = (query ? query + "&" : "") + this.id + "=" + value;
    }
    return window.location.pathname + (query ? "?" + query : "") + "#" + this.root.id;
  };

  Tree.prototype.go = function (path) {
    try {
      window.history.pushState({ folioTree: this.id }, "", this.urlFor(path));
    } catch (error) {
      // Some file:// contexts refuse history changes; the widget still works.
      this.fallbackPath = path;
    }
    this.render(path, true);
  };

  Tree.prototype.currentPath = function () {
    return this.fallbackPath || this.readPath();
  };

  Tree.prototype.nodeAfter = function (path) {
    if (!path.length) return this.start;
    var last = path[path.length - 1];
    return this.nodes[last.node].answers.filter(function (a) { return a.id === last.answer; })[0].next;
  };

  Tree.prototype.render = function (path, moveFocus) {
    var nodeId = this.nodeAfter(path);
    var node = this.nodes[nodeId];
    // Remember answers beyond this step, so going back keeps them selected.
    if (path.length >= this.remembered.length || !sameStart(path, this.remembered)) {
      this.remembered = path.slice();
    }
    this.shownUrl = this.urlFor(path);
    this.markDiagram(path, nodeId);
    this.view.textContent = "";
    var heading = node.kind === "question" ? this.renderQuestion(path, nodeId, node) : this.renderOutcome(path, node);
    if (path.length) this.view.appendChild(this.renderSummary(path));
    if (moveFocus) {
      heading.focus();
      this.live.textContent = heading.textContent;
    }
  };

  function sameStart(path, longer) {
    for (var i = 0; i < path.length; i++) {
      if (!longer[i] || longer[i].node !== path[i].node || longer[i].answer !== path[i].answer) return false;
    }
    return true;
  }

  Tree.prototype.renderQuestion = function (path, nodeId, node) {
    var self = this;
    var name = this.uid + "-" + nodeId;
    var previous = this.remembered[path.length];
    var chosen = previous && previous.node === nodeId ? previous.answer : null;
    var heading = el("h4", { "class": "tree-question", tabindex: "-1", id: name + "-q" }, [
      el("span", { "class": "tree-step", text: this.t("step").replace("{n}", String(path.length + 1)) }),
      document.createTextNode(" "),
      el("span", { "class": "tree-text", text: node.text })
    ]);
    var help = node.help ? el("p", { "class": "tree-help", id: name + "-help", text: node.help }) : null;
    var error = el("p", { "class": "tree-error", id: name + "-error", text: this.t("choose-answer") });
    error.hidden = true;
    var options = el("div", { "class": "tree-options" }, node.answers.map(function (answer) {
      var input = el("input", { type: "radio", name: name, value: answer.id });
      if (answer.id === chosen) input.checked = true;
      return el("label", { "class": "tree-option" }, [input, el("span", { text: answer.label })]);
    }));
    var fieldset = el("fieldset", { "class": "tree-fieldset" }, [el("legend", {}, [heading]), help, options, error]);
    if (help) fieldset.setAttribute("aria-describedby", help.id);
    var actions = el("div", { "class": "tree-actions" }, [
      el("button", { type: "submit", "class": "tree-button tree-primary", text: this.t("continue") }),
      path.length ? this.button("back", function () { self.go(path.slice(0, -1)); }) : null,
      path.length ? this.button("restart", function () { self.go([]); }, "tree-quiet") : null
    ]);
    var form = el("form", { "class": "tree-form", novalidate: "" }, [fieldset, actions]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = form.querySelector("input:checked");
      if (!picked) {
        error.hidden = false;
        fieldset.setAttribute("aria-invalid", "true");
        form.querySelector("input").focus();
        self.live.textContent = error.textContent;
        return;
      }
      self.go(path.concat([{ node: nodeId, answer: picked.value }]));
    });
    this.view.appendChild(form);
    return heading;
  };

  Tree.prototype.button = function (key, onClick, extra) {
    var button = el("button", { type: "button", "class": "tree-button" + (extra ? " " + extra : ""), text: this.t(key) });
    button.addEventListener("click", onClick);
    return button;
  };

  Tree.prototype.renderOutcome = function (path, node) {
    var self = this;
    var section = node.section;
    var heading = el("h4", { "class": "tree-result-title tree-verdict", tabindex: "-1" });
    Array.prototype.forEach.call(section.querySelector(".tree-verdict").childNodes, function (child) {
      heading.appendChild(child.cloneNode(true));
    });
    var status = el("p", { "class": "tree-copy-status", role: "status" });
    var copy = this.button("copy", function () { self.copy(path, node, status); }, "tree-primary");
    var more = section.querySelector(".tree-more");
    var result = el("div", { "class": "tree-result", "data-verdict": section.getAttribute("data-verdict") }, [
      el("p", { "class": "tree-outcome-label", text: this.t("recommendation") }),
      heading,
      section.querySelector(".tree-why").cloneNode(true),
      more ? more.cloneNode(true) : null,
      el("div", { "class": "tree-actions" }, [
        copy,
        this.button("back", function () { self.go(path.slice(0, -1)); }),
        this.button("restart", function () { self.go([]); }, "tree-quiet")
      ]),
      status
    ]);
    this.view.appendChild(result);
    return heading;
  };

  Tree.prototype.renderSummary = function (path) {
    var self = this;
    var list = el("ol", {}, path.map(function (step) {
      var question = self.nodes[step.node];
      var answer = question.answers.filter(function (a) { return a.id === step.answer; })[0];
      return el("li", {}, [
        el("span", { "class": "tree-summary-question", text: question.text }),
        document.createTextNode(" "),
        el("span", { "class": "tree-summary-answer", text: answer.label })
      ]);
    }));
    return el("div", { "class": "tree-summary" }, [el("p", { "class": "tree-summary-title", text: this.t("your-answers") }), list]);
  };

  // Plain text to paste into a support case, in the page's language.
  Tree.prototype.summaryText = function (path, node) {
    var self = this;
    var section = node.section;
    var lines = [this.title, ""];
    lines.push(this.t("your-answers"));
    path.forEach(function (step) {
      var question = self.nodes[step.node];
      var answer = question.answers.filter(function (a) { return a.id === step.answer; })[0];
      lines.push("- " + question.text + " → " + answer.label);
    });
    lines.push("");
    lines.push(this.t("recommendation") + " — " + section.querySelector(".tree-verdict-text").textContent);
    lines.push(section.querySelector(".tree-why").textContent);
    var link = section.querySelector(".tree-more a");
    if (link) lines.push(link.textContent + " — " + link.href);
    return lines.join("\n");
  };

  Tree.prototype.copy = function (path, node, status) {
    var self = this;
    var text = this.summaryText(path, node);
    var done = function () { status.textContent = self.t("copied"); };
    var failed = function () {
      status.textContent = self.t("copy-failed");
      var area = el("textarea", { "class": "tree-copy-text", readonly: "", rows: "8" });
      area.value = text;
      status.appendChild(area);
      area.select();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  };

  var trees = Array.prototype.map.call(document.querySelectorAll(".decision-tree"), function (root) {
    var tree = new Tree(root);
    tree.render(tree.readPath(), false);
    return tree;
  });

  window.addEventListener("popstate", function () {
    trees.forEach(function (tree) {
      tree.fallbackPath = null;
      var path = tree.readPath();
      // Only the tree whose path changed takes the focus.
      if (tree.urlFor(path) !== tree.shownUrl) tree.render(path, true);
    });
  });
})();
