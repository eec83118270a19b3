# Textes de l'interface du site, en français (langue source).
# Les espaces fines insécables devant ; ! ? et dans « » sont ajoutées à la publication.

## Identité du site
site-title = Guide du support Premium
site-description = Les bonnes pratiques pour choisir la priorité de vos dossiers, suivre un incident critique et savoir quand escalader.
chooser-prompt = Lire le guide en français

## Pied de page
footer-note = Ce guide décrit les bonnes pratiques du support Premium. Les engagements contractuels qui vous lient font foi.

## Guide PDF imprimable
# Nom du fichier PDF, sans extension : lettres, chiffres et tirets.
pdf-file-name = guide-support-premium
