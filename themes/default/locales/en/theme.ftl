# Interface strings of Folio's default theme, in English.
# A site may redefine any of them in locales/en/*.ftl.

# The language's name in the language itself: shown in the language switcher.
language-name = English

## Navigation
skip-to-content = Skip to content
nav-label = Guide contents
nav-menu = Contents
pager-label = Previous and next pages
nav-previous = Previous page
nav-next = Next page
toc-title = On this page
language-switcher-label = Choose a language
all-languages = All languages
heading-anchor = Link to this section

## Page content
callout-note = Note
callout-tip = Tip
callout-important = Important
callout-warning = Warning
callout-caution = Caution
footnotes-title = Notes
footnote-back = Back to the text

## PDF guide
pdf-download = Download the guide as a PDF

## Page not found
not-found-title = Page not found
not-found-text = The address you asked for matches no page of this guide. It may have moved, or the link you followed may contain a typo.
not-found-home = Back to the guide's home page
footer-generator = Published with Folio

## Decision trees
# Label shown above each question; $number is the question's number (1, 2, 3...).
tree-step = Question { $number }
# Button that confirms the chosen answer and moves on to the next question.
tree-continue = Continue
# Button that goes back one question.
tree-back = Previous question
# Button that clears the answers and starts the tree again from the first question.
tree-restart = Start again
# Heading of the list of answers given so far.
tree-your-answers = Your answers
# Label shown above the final recommendation.
tree-recommendation = Our recommendation
# Error shown when "Continue" is pressed with no answer selected.
tree-choose-answer = Choose an answer to continue.
# Link to the guide page related to the result; $page is that page's title.
tree-read-more = Read more: { $page }
# Button that copies a plain-text summary, to paste into a support case.
tree-copy = Copy a summary for your case
# Confirmation shown after copying.
tree-copied = Summary copied. You can now paste it into your case.
# Message shown when the browser refuses to copy.
tree-copy-failed = Automatic copying didn't work. Select the summary and copy it by hand.
# Short label for the final step, in the list of answers and in the copied summary.
tree-outcome = Result
# Labels of the built-in outcomes that `priority = "P1"` … names in rules files.
tree-priority-p1 = Priority P1
tree-priority-p2 = Priority P2
tree-priority-p3 = Priority P3
tree-priority-p4 = Priority P4
# Actions recommended by the "Should I escalate my case?" tree. Keep them short and imperative.
tree-action-escalate = Escalate the case
tree-action-raise-to-p1 = Raise the case to P1
tree-action-do-not-escalate = Don't escalate yet
# Disclosure under a decision tree that shows the whole tree as a flowchart.
tree-diagram-show = See the whole tree
# Accessible name of the flowchart; { $title } is the tree's title.
tree-diagram-title = Flowchart: { $title }
# Accessible description of the flowchart, read before the numbered steps it refers to.
tree-diagram-desc = Each box is a question or a result, each arrow an answer. Choose a box to go to that step. The numbered steps that follow give the same tree as text.
# Description of the flowchart that `folio trees graph` writes as a file of its own (no links, no steps beside it).
tree-diagram-file-desc = Each box is a question or a result, each arrow an answer leading to the next box.
pdf-contents = Contents
# Footer: { $page } is the page number, { $total } the guide's page count.
pdf-page-footer = Page { $page } of { $total }
pdf-version = Version { $version }
# Printed decision trees: questions are numbered steps…
pdf-tree-step = Step { $number }
# … and outcomes are lettered.
pdf-tree-outcome = Outcome { $letter }
pdf-tree-page = page { $page }
# A link to another part of the guide, on paper: the page it leads to.
pdf-page-ref = (p. { $page })
# The index of terms: at the end of the printed guide, and a page of the site.
index-title = Index
# The address segment of the site's index page (lower case, hyphens, no spaces).
index-slug = term-index
index-lead = The guide's terms in alphabetical order, with the pages that explain them.

## Translations
# Banner of a page not yet translated into this language: the original is shown.
l10n-fallback-notice = This page has not been translated into English yet; you are reading the original version.
l10n-fallback-link = See the original page
# Banner of a translation whose original has changed since.
l10n-outdated-notice = The original of this page has changed since it was translated.
l10n-outdated-link = Read the original version
# After the outdated banner's links: how many passages of the page are behind the
# original (each is marked in the margin of the site, not in the PDF).
l10n-changed-blocks = { $count ->
    [one] One passage of this translation is behind the original.
   *[other] { $count } passages of this translation are behind the original.
}
# folio serve --translator: above the original's text of a passage marked as behind.
l10n-source-changed = The original now reads:
l10n-source-new = The original added, next to this passage:
l10n-source-removed = The original no longer has this passage. It read:

## Search
search-label = Search the guide
search-placeholder = Search
# Above the results: $count is how many pages match, $query what the reader typed.
search-results = { $count ->
    [one] One page matches “{ $query }”
   *[other] { $count } pages match “{ $query }”
}
search-none = No page matches “{ $query }”.
# Shown when the index cannot be fetched, typically for a guide opened from disk.
search-unavailable = Search needs the guide to be served by a web server; it does not work on files opened from disk.
