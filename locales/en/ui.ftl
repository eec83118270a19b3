# Interface strings of the site, in English.

## Site identity
site-title = Premium Support Guide
site-description = Best practices for choosing the priority of your cases, following a critical incident, and knowing when to escalate.
chooser-prompt = Read the guide in English

## Footer
footer-note = This guide describes best practices for Premium Support. Your contractual commitments always take precedence.

## Printable PDF guide
# The PDF's file name, without extension: letters, digits and hyphens.
pdf-file-name = premium-support-guide
