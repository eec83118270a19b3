# Textes de l'interface du site, en français (langue source).
# Les espaces fines insécables devant ; ! ? et dans « » sont ajoutées à la publication.

## Identité du site
site-title = Guide du support Premium
site-description = Les bonnes pratiques pour choisir la priorité de vos dossiers, suivre un incident critique et savoir quand escalader.
# Nom de la langue, écrit dans cette langue : il apparaît dans le sélecteur de langue.
language-name = Français
chooser-prompt = Lire le guide en français

## Navigation
skip-to-content = Aller au contenu
nav-label = Sommaire du guide
nav-menu = Sommaire
pager-label = Pages précédente et suivante
nav-previous = Page précédente
nav-next = Page suivante
toc-title = Sur cette page
language-switcher-label = Choisir la langue
all-languages = Toutes les langues
heading-anchor = Lien vers cette section

## Contenu des pages
callout-note = Remarque
callout-tip = Conseil
callout-important = Important
callout-warning = Attention
callout-caution = Prudence
footnotes-title = Notes
footnote-back = Revenir au texte

## Guide PDF
pdf-download = Télécharger le guide en PDF

## Page introuvable
not-found-title = Page introuvable
not-found-text = L'adresse demandée ne correspond à aucune page du guide. Elle a peut-être changé, ou le lien que vous avez suivi contient une faute de frappe.
not-found-home = Retourner à l'accueil du guide

## Pied de page
footer-note = Ce guide décrit les bonnes pratiques du support Premium. Les engagements contractuels qui vous lient font foi.
footer-generator = Publié avec Folio
