# Textes des arbres de décision interactifs, en français (langue source).
# Les arbres sont décrits dans content/decision-trees/*.toml : ces fichiers ne contiennent
# que les identifiants ci-dessous, jamais le texte lui-même.
# Les espaces fines insécables devant ; : ! ? et dans « » sont ajoutées à la publication :
# écrivez une espace normale. Écrivez les apostrophes droites ('), elles sont courbées à la publication.

## Réponses communes aux deux arbres

# Libellés de réponse partagés par toutes les questions fermées des deux arbres.
# Ils apparaissent sous forme de choix (boutons radio) sous la question.
answer-yes = Oui
answer-no = Non

## Arbre « Quelle priorité choisir ? » (page Choisir la priorité)

# Titre de l'arbre, affiché au-dessus de la première question.
priority-title = Quelle priorité choisir ?
# Phrase d'introduction, affichée sous le titre de l'arbre.
priority-intro = Répondez à quelques questions : nous vous indiquerons la priorité qui correspond à votre situation.

# Question 1. Le texte d'aide, sous la question, précise ce qui compte comme production.
priority-production = Le problème touche-t-il un environnement de production ?
priority-production-help = La production, c'est le service réellement utilisé par vos clients ou vos équipes. Un environnement de test, de recette ou de préproduction n'en fait pas partie.

# Question posée si la production est touchée. Les trois libellés qui suivent sont les réponses
# possibles : ils doivent rester courts et se lire comme la suite de la question.
priority-situation = Dans quel état se trouve le service de production ?
priority-situation-down = Arrêté ou inutilisable
priority-situation-degraded = Dégradé, ou fonction importante altérée
priority-situation-minor = Gêne mineure, l'activité continue

# Question posée si le service est arrêté : elle sépare P1 et P2. Réponses : Oui / Non.
# Le texte d'aide donne des exemples d'impact critique.
priority-business = Cet arrêt a-t-il un impact critique sur votre activité, qui exige d'agir immédiatement ?
priority-business-help = Par exemple : clients bloqués, chiffre d'affaires perdu, données menacées. Si le service arrêté est secondaire ou peu utilisé et que l'activité peut attendre quelques heures, répondez non.

# Question posée si le service est dégradé : elle sépare P2 et P3. Réponses : Oui / Non.
priority-workaround = Un contournement acceptable vous permet-il de poursuivre votre activité ?

# Question posée si la production n'est pas touchée : elle sépare P3 et P4.
# Les deux libellés qui suivent sont les réponses possibles.
priority-request = Quelle est la nature de votre demande ?
priority-request-malfunction = Un dysfonctionnement à corriger
priority-request-question = Une question ou une demande d'évolution

# Explications des résultats. Le widget affiche déjà « Priorité P1 », « Priorité P2 », etc.
# juste au-dessus : le texte ne répète pas le niveau au début, il explique pourquoi
# cette priorité est recommandée et ce qu'il faut faire ensuite (2 à 3 phrases).

# Résultat P1 : production arrêtée, impact critique sur l'activité.
priority-p1-critical = Votre production est à l'arrêt et votre activité en subit directement les conséquences : c'est précisément pour ce type d'urgence que le niveau le plus élevé existe. Dans le dossier, décrivez l'impact métier en quelques lignes (qui est touché, depuis quand, ce que cela coûte) et indiquez un contact joignable. Un expert est alerté sur-le-champ et vous proposera une session de diagnostic en direct, qui démarre en général dans les 15 à 30 minutes : restez disponible.
# Résultat P2 : service arrêté, mais impact sur l'activité contenu.
priority-p2-contained = Le service est arrêté, mais votre activité peut tenir en l'état : rien n'impose de mobiliser un expert toutes affaires cessantes. Précisez dans le dossier ce qui est touché et pourquoi l'impact reste limité pour le moment. Si la situation s'aggrave, vous pourrez à tout moment passer le dossier en P1.
# Résultat P2 : production dégradée, sans contournement.
priority-p2-degraded = Votre production fonctionne encore, mais en mode dégradé et sans solution de repli : l'impact est réel et justifie un traitement rapide. Décrivez les symptômes et leurs effets concrets (lenteurs, erreurs, traitements en retard), chiffrés si possible. Si le service finit par s'arrêter, passez le dossier en P1 sans attendre.
# Résultat P3 : production dégradée, mais un contournement permet de continuer.
priority-p3-workaround = Grâce au contournement, votre activité continue : l'urgence est passée, même si le problème de fond reste à corriger. Décrivez ce contournement dans le dossier, pour que l'expert sache ce qui maintient le service et en tienne compte dans son analyse. S'il cesse de suffire, relevez la priorité.
# Résultat P3 : impact mineur en production.
priority-p3-minor = Le problème touche bien la production, mais la gêne reste limitée et votre activité n'est pas entravée. Décrivez-le précisément, avec les étapes pour le reproduire si possible : l'expert l'analysera à un rythme adapté à son impact. Si la gêne s'étend à davantage d'utilisateurs ou à une fonction importante, relevez la priorité.
# Résultat P3 : dysfonctionnement hors production.
priority-p3-non-production = Le problème se limite à un environnement de test, de recette ou de préproduction : votre activité n'est pas directement menacée. Indiquez l'environnement concerné et la façon de reproduire le problème. S'il bloque une mise en production imminente dont dépend votre activité, dites-le : le dossier pourra passer en P1 avant même que la production ne soit touchée.
# Résultat P4 : question générale, mode d'emploi, documentation ou demande d'évolution.
priority-p4-question = Votre demande ne porte pas sur un incident en cours : une question, un point de documentation ou une idée d'évolution se traitent sans urgence. Formulez-la avec précision et donnez le contexte (version, configuration, objectif recherché) pour obtenir une réponse complète. Même très pointue, une question reste à ce niveau : la priorité mesure l'impact, pas la difficulté.

## Arbre « Faut-il escalader ? » (page Escalader un dossier)

# Titre de l'arbre, affiché au-dessus de la première question.
escalation-title = Faut-il escalader mon dossier ?
# Phrase d'introduction, affichée sous le titre de l'arbre.
escalation-intro = Répondez à quelques questions pour savoir s'il faut escalader votre dossier, le passer en P1 ou simplement poursuivre son suivi.

# Question 1. Réponses : Oui / Non. Le texte d'aide, sous la question, donne des exemples.
escalation-production = La production est-elle touchée, ou sur le point de l'être ?
escalation-production-help = Par exemple : un service de production est arrêté ou très ralenti, ou un problème bloque une mise en production prévue dans quelques heures. Un incident limité à un environnement de test ou de recette ne compte pas.

# Question posée si la production est touchée. Réponses : Oui / Non.
escalation-already-p1 = Le dossier est-il déjà en priorité P1 ?

# Question sur l'évolution de l'impact métier. Réponses : Oui / Non.
escalation-impact = L'impact sur votre activité s'est-il aggravé depuis l'ouverture du dossier ?

# Question sur l'absence de nouvelles. Réponses : Oui / Non.
# Le texte d'aide, sous la question, explique d'où vient le délai convenu.
escalation-silence = Le délai convenu pour le prochain point d'avancement est-il dépassé ?
escalation-silence-help = Ce délai a pu être fixé dans le dossier (« prochain point à 14 h ») ou découler de votre contrat. Par exemple : un point toutes les 4 heures était prévu, et le dernier date de la veille.

# Question sur l'enlisement du dossier. Réponses : Oui / Non.
escalation-stalled = Les échanges se multiplient-ils sans progrès réel ?

# Explications des résultats. Le widget affiche déjà l'action recommandée juste au-dessus
# (« Passer le dossier en P1 », « Escalader le dossier » ou « Ne pas escalader pour l'instant ») :
# le texte ne la répète pas au début, il explique pourquoi et ce qu'il faut faire ensuite.

# Résultat « Passer le dossier en P1 » : production touchée, dossier pas encore en P1.
escalation-raise = Votre production est touchée, ou va l'être, alors que le dossier n'est pas en P1 : c'est d'abord sa priorité qu'il faut ajuster, avant d'envisager une escalade. Demandez le changement dans le dossier existant plutôt que d'en ouvrir un nouveau, en précisant ce qui a évolué, l'impact métier actuel ou imminent et, si la production n'est pas encore touchée, l'heure à laquelle elle le sera. Un expert prendra alors votre dossier en charge, sans autre dossier en parallèle.
# Résultat « Escalader le dossier » : l'impact métier s'est aggravé.
escalation-escalate-impact = L'enjeu a grandi depuis l'ouverture du dossier, et son traitement actuel ne suffit plus à y répondre. Demandez l'escalade dans le dossier ou par le canal prévu par votre contrat, en expliquant ce qui a changé avec des faits datés et, si possible, chiffrés. Dites aussi ce que vous attendez : un appel avec un expert, des points d'avancement à heure fixe, l'intervention d'un spécialiste.
# Résultat « Escalader le dossier » : aucune nouvelle dans le délai convenu.
escalation-escalate-silence = Le délai convenu est dépassé sans nouvelles : le suivi de votre dossier ne fonctionne plus comme prévu. Demandez l'escalade en rappelant la date du dernier point d'avancement et le rythme qui avait été convenu. Précisez ce que vous attendez désormais, par exemple un point à heure fixe jusqu'à la résolution.
# Résultat « Escalader le dossier » : échanges nombreux sans progrès.
escalation-escalate-stalled = Le dossier tourne en rond : les mêmes questions et les mêmes hypothèses reviennent, sans nouvelle piste. Une escalade permet de faire le point et de repartir sur de bonnes bases, avec un regard neuf sur le problème. Résumez ce qui a déjà été tenté et dites clairement ce que vous attendez, par exemple un appel avec un spécialiste.
# Résultat « Ne pas escalader pour l'instant » : le dossier suit son cours normal.
escalation-wait = Rien n'indique que votre dossier soit bloqué : il suit son cours normal, et une escalade ne le ferait pas avancer plus vite. Continuez à répondre aux questions de l'expert et à fournir les informations demandées. Si l'impact s'aggrave ou si le dossier cesse d'avancer, reprenez ces questions.

## Outcomes

# Noms des priorités, déclarées dans content/decision-trees/_outcomes.toml. Le widget les
# affiche à côté du badge P1…P4, au-dessus de l'explication du résultat.
outcome-p1 = Priorité P1
outcome-p2 = Priorité P2
outcome-p3 = Priorité P3
outcome-p4 = Priorité P4

# Résultats de l'arbre d'escalade, déclarés dans content/decision-trees/escalation.toml.
# Formulations courtes, à l'infinitif.
escalation-outcome-escalate = Escalader le dossier
escalation-outcome-raise-to-p1 = Passer le dossier en P1
escalation-outcome-do-not-escalate = Ne pas escalader pour l'instant
