#!/usr/bin/env python3
"""One locale of a generated corpus (../shared/bench/gen_corpus.py, folio flavour) as
one Typst document, to time Typst against Folio's PDF stage on the same text and the
same fonts. Not a general Markdown converter: it knows the corpus's constructs only
(front matter titles, headings, paragraphs with emphasis, code spans and links, lists,
block quotes, tables, fenced code).

The document asks Typst for what Folio's guide has: a cover, a table of contents,
each page of the site starting a new page, justified and hyphenated text in Libertinus
Serif with DejaVu Sans Mono for code, and every link inside the guide followed by the
page it leads to (Typst's introspection, which it settles over several layouts, as
Folio's passes do). Typst 0.15 tags its PDF (PDF/UA-ready structure) by default.

    python3 bench/typst/corpus_to_typst.py CORPUS LOCALE OUT.typ
    typst compile --ignore-system-fonts --font-path TYPST_ASSETS/files/fonts OUT.typ OUT.pdf

TYPST_ASSETS is the typst-assets crate in cargo's registry (the fonts Folio embeds).
"""

import os
import re
import sys

LINK = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)]+)\)")
BLOCK_START = re.compile(r"(```|#{2,6} |> |\s*(\d+\.|[-*]) |\|)")


def escape(text):
    return re.sub(r"([\\#$@<>*_`\[\]~/=+-])", r"\\\1", text)


def inline(text):
    out, at = [], 0
    for m in LINK.finditer(text):
        out.append(escape(text[at : m.start()]))
        at = m.end()
        strong, em, code, label, target = m.groups()
        if strong:
            out.append("*" + escape(strong) + "*")
        elif em:
            out.append("_" + escape(em) + "_")
        elif code:
            out.append('#raw("' + code.replace("\\", "\\\\").replace('"', '\\"') + '")')
        else:
            page = re.search(r"(p\d+)\.md", target)
            if page and not target.startswith("http"):
                out.append(f"#link(<{page[1]}>)[{escape(label)}] #pref(<{page[1]}>)")
            else:
                out.append(f'#link("{target}")[{escape(label)}]')
    out.append(escape(text[at:]))
    return "".join(out)


def pages(folder):
    found = []
    for parent, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".md"):
                path = os.path.join(parent, name)
                weight = re.search(r"weight\s*=\s*(\d+)", open(path).read())
                index = 0 if name == "_index.md" else 1
                found.append((parent, index, int(weight[1]) if weight else 0, path))
    return [p[-1] for p in sorted(found)]


def body(lines, out):
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            lang, code = line[3:].strip(), []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                code.append(lines[i])
                i += 1
            i += 1
            ticks = max([len(t) for t in re.findall(r"`+", "\n".join(code))] + [0])
            fence = "`" * max(3, ticks + 1)
            out.write(f"{fence}{lang}\n" + "\n".join(code) + f"\n{fence}\n\n")
        elif m := re.match(r"(#{2,6}) (.*)", line):
            out.write("=" * len(m[1]) + " " + inline(m[2]) + "\n\n")
            i += 1
        elif line.startswith("> "):
            quote = []
            while i < len(lines) and lines[i].startswith(">"):
                quote.append(lines[i][1:].strip())
                i += 1
            out.write("#quote(block: true)[" + inline(" ".join(quote)) + "]\n\n")
        elif m := re.match(r"(\s*)(\d+\.|[-*]) (.*)", line):
            mark = "+" if m[2][0].isdigit() else "-"
            out.write(m[1] + mark + " " + inline(m[3]) + "\n")
            i += 1
            if i < len(lines) and not re.match(r"\s*(\d+\.|[-*]) ", lines[i]):
                out.write("\n")
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.match(r"^:?-+:?$", c) for c in cells):
                    rows.append(cells)
                i += 1
            n = len(rows[0])
            cells = ", ".join("[" + inline(c) + "]" for r in rows for c in (r + [""] * n)[:n])
            out.write(f"#table(columns: {n}, {cells})\n\n")
        elif not line.strip():
            i += 1
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not BLOCK_START.match(lines[i]):
                paragraph.append(lines[i].strip())
                i += 1
            out.write(inline(" ".join(paragraph)) + "\n\n")


def main(root, locale, target):
    with open(target, "w") as out:
        out.write(
            f"""#set document(title: "Bench Docs")
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.5cm), numbering: "1")
#set text(font: "Libertinus Serif", size: 10.8pt, lang: "{locale}")
#set par(justify: true)
#show raw: set text(font: "DejaVu Sans Mono", size: 9pt)
#let pref(l) = context {{ let p = counter(page).at(l).first(); [(page #p)] }}
#align(center + horizon, text(size: 30pt)[Bench Docs])
#pagebreak()
#outline(depth: 2)
"""
        )
        for path in pages(os.path.join(root, "content", locale)):
            text = open(path).read()
            front = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
            title = re.search(r'title\s*=\s*"(.*)"', front[1])[1] if front else path
            name = os.path.basename(path)[:-3]
            label = name if name != "_index" else "sec-" + os.path.basename(os.path.dirname(path))
            out.write(f"\n#pagebreak(weak: true)\n= {escape(title)} <{label}>\n\n")
            body((text[front.end() :] if front else text).split("\n"), out)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
