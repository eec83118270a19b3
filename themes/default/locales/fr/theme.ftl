# Textes de l'interface du thème par défaut de Folio, en français.
# Un site peut redéfinir n'importe lequel dans locales/fr/*.ftl.

# Nom de la langue, écrit dans cette langue : il apparaît dans le sélecteur de langue.
language-name = Français

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
footer-generator = Publié avec Folio

## Arbres de décision
# Libellé affiché au-dessus de chaque question ; $number est le numéro de la question (1, 2, 3…).
tree-step = Question { $number }
# Bouton qui valide la réponse choisie et passe à la question suivante.
tree-continue = Continuer
# Bouton qui revient à la question précédente.
tree-back = Question précédente
# Bouton qui efface les réponses et reprend l'arbre depuis la première question.
tree-restart = Recommencer
# Titre de la liste des réponses déjà données.
tree-your-answers = Vos réponses
# Libellé affiché au-dessus de la recommandation finale.
tree-recommendation = Notre recommandation
# Message d'erreur quand on appuie sur « Continuer » sans avoir choisi de réponse.
tree-choose-answer = Choisissez une réponse pour continuer.
# Lien vers la page du guide liée au résultat ; $page est le titre de cette page.
tree-read-more = En savoir plus : { $page }
# Bouton qui copie un résumé en texte brut, à coller dans un dossier de support.
tree-copy = Copier le résumé pour votre dossier
# Confirmation affichée après la copie.
tree-copied = Résumé copié. Vous pouvez le coller dans votre dossier.
# Message affiché quand le navigateur refuse la copie.
tree-copy-failed = La copie automatique n'a pas fonctionné. Sélectionnez le résumé et copiez-le manuellement.
# Libellé court de l'étape finale dans la liste des réponses et dans le résumé copié.
tree-outcome = Résultat
# Libellés des résultats intégrés que `priority = "P1"` … désigne dans les fichiers de règles.
tree-priority-p1 = Priorité P1
tree-priority-p2 = Priorité P2
tree-priority-p3 = Priorité P3
tree-priority-p4 = Priorité P4
# Actions recommandées par l'arbre « Faut-il escalader ? ». Formulations courtes, à l'infinitif.
tree-action-escalate = Escalader le dossier
tree-action-raise-to-p1 = Passer le dossier en P1
tree-action-do-not-escalate = Ne pas escalader pour l'instant
# Volet sous un arbre de décision qui montre tout l'arbre en organigramme.
tree-diagram-show = Voir tout l'arbre
# Nom accessible de l'organigramme ; { $title } est le titre de l'arbre.
tree-diagram-title = Organigramme : { $title }
# Description accessible de l'organigramme, lue avant les étapes numérotées qu'elle annonce.
tree-diagram-desc = Chaque case est une question ou un résultat, chaque flèche une réponse. Choisissez une case pour aller à cette étape. Les étapes numérotées qui suivent donnent le même arbre en texte.
tree-diagram-file-desc = Chaque case est une question ou un résultat, chaque flèche une réponse qui mène à la case suivante.
pdf-contents = Table des matières
# Pied de page : { $page } est le numéro de la page, { $total } le nombre de pages du guide.
pdf-page-footer = Page { $page } sur { $total }
pdf-version = Version { $version }
# Arbres de décision imprimés : les questions sont des étapes numérotées…
pdf-tree-step = Étape { $number }
# … et les résultats sont désignés par une lettre.
pdf-tree-outcome = Résultat { $letter }
pdf-tree-page = page { $page }
# Lien vers une autre partie du guide, imprimé : la page où elle se trouve.
pdf-page-ref = (page { $page })
# Index des termes : à la fin du guide imprimé, et une page du site.
index-title = Index
# Segment d'adresse de la page d'index du site (minuscules, tirets, sans espace).
index-slug = index-termes
index-lead = Les termes du guide, par ordre alphabétique, avec les pages où ils sont expliqués.

## Traductions
# Bandeau d'une page qui n'existe pas encore dans cette langue : la page d'origine est affichée.
l10n-fallback-notice = Cette page n'est pas encore traduite dans votre langue ; vous lisez la version d'origine.
l10n-fallback-link = Voir la page d'origine
# Bandeau d'une traduction dont la page d'origine a changé depuis.
l10n-outdated-notice = La page d'origine a changé depuis cette traduction.
l10n-outdated-link = Lire la version d'origine
# Après les liens du bandeau d'une traduction dépassée : combien de passages de la page sont en
# retard sur l'original (chacun est marqué dans la marge du site, pas dans le PDF).
l10n-changed-blocks = { $count ->
    [one] Un passage de cette traduction est en retard sur l'original.
   *[other] { $count } passages de cette traduction sont en retard sur l'original.
}
# folio serve --translator : au-dessus du texte de l'original d'un passage en retard.
l10n-source-changed = L'original dit maintenant :
l10n-source-new = L'original a ajouté, à côté de ce passage :
l10n-source-removed = L'original n'a plus ce passage. Il disait :

## Recherche
search-label = Rechercher dans le guide
search-placeholder = Rechercher
# Au-dessus des résultats : $count est le nombre de pages trouvées, $query le texte saisi.
search-results = { $count ->
    [one] Une page correspond à « { $query } »
   *[other] { $count } pages correspondent à « { $query } »
}
search-none = Aucune page ne correspond à « { $query } ».
# Affiché quand l'index est inaccessible, le plus souvent pour un guide ouvert depuis le disque.
search-unavailable = La recherche a besoin que le guide soit servi par un serveur web ; elle ne fonctionne pas sur des fichiers ouverts depuis le disque.
