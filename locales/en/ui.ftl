# Interface strings of the site, in English.

## Site identity
site-title = Premium Support Guide
site-description = Best practices for choosing the priority of your cases, following a critical incident, and knowing when to escalate.
# The language's name in the language itself: shown in the language switcher.
language-name = English
chooser-prompt = Read the guide in English

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

## Footer
footer-note = This guide describes best practices for Premium Support. Your contractual commitments always take precedence.
footer-generator = Published with Folio
