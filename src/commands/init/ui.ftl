# The site's own interface strings. The theme brings the rest (navigation, buttons…);
# redefine any of them here to change its wording.
site-title = My guide
site-description = Everything our readers need to know, on the web and on paper.
chooser-prompt = Read the guide in English
footer-note = Written with Folio.
# The PDF's file name, without extension.
pdf-file-name = my-guide
