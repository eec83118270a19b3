# Texte der interaktiven Entscheidungsbäume, auf Deutsch.
# Die Bäume selbst sind in content/decision-trees/*.toml beschrieben: Diese Dateien enthalten
# nur die unten stehenden IDs, nie den Text selbst.
# Deutsche Anführungszeichen („…“) und Gedankenstriche (–) direkt schreiben:
# Bei der Veröffentlichung wird für Deutsch keine Typografie ergänzt.

## Gemeinsame Antworten beider Bäume

# Antwortbeschriftungen, die alle Ja-/Nein-Fragen beider Bäume gemeinsam nutzen.
# Sie erscheinen als Auswahlmöglichkeiten (Optionsfelder) unter der Frage.
answer-yes = Ja
answer-no = Nein

## Baum „Welche Priorität sollten Sie wählen?“ (Seite „Priorität wählen“)

# Titel des Baums, über der ersten Frage angezeigt.
priority-title = Welche Priorität sollten Sie wählen?
# Einleitungssatz, unter dem Titel des Baums angezeigt.
priority-intro = Beantworten Sie ein paar Fragen, und wir nennen Ihnen die Priorität, die zu Ihrer Situation passt.

# Frage 1. Der Hilfetext unter der Frage erklärt, was als Produktion gilt.
priority-production = Betrifft das Problem eine Produktionsumgebung?
priority-production-help = Die Produktion ist der Dienst, den Ihre Kunden oder Teams tatsächlich nutzen. Test-, Staging- und Präproduktionsumgebungen gehören nicht dazu.

# Frage, wenn die Produktion betroffen ist. Die drei folgenden Beschriftungen sind die möglichen
# Antworten: Sie sollen kurz bleiben und sich wie eine Fortsetzung der Frage lesen.
priority-situation = In welchem Zustand ist der Produktionsdienst?
priority-situation-down = Ausgefallen oder nicht nutzbar
priority-situation-degraded = Eingeschränkt oder wichtige Funktion beeinträchtigt
priority-situation-minor = Geringfügige Störung, der Geschäftsbetrieb läuft weiter

# Frage, wenn der Dienst ausgefallen ist: Sie trennt P1 von P2. Antworten: Ja / Nein.
# Der Hilfetext nennt Beispiele für kritische Auswirkungen.
priority-business = Hat dieser Ausfall kritische Auswirkungen auf Ihren Geschäftsbetrieb, die sofortiges Handeln erfordern?
priority-business-help = Zum Beispiel: Kunden sind blockiert, Umsatz geht verloren, Daten sind gefährdet. Ist der ausgefallene Dienst nebensächlich oder wird er kaum genutzt und kann der Geschäftsbetrieb einige Stunden warten, antworten Sie mit Nein.

# Frage, wenn der Dienst eingeschränkt ist: Sie trennt P2 von P3. Antworten: Ja / Nein.
priority-workaround = Können Sie Ihren Geschäftsbetrieb mit einem akzeptablen Workaround fortführen?

# Frage, wenn die Produktion nicht betroffen ist: Sie trennt P3 von P4.
# Die beiden folgenden Beschriftungen sind die möglichen Antworten.
priority-request = Worum geht es bei Ihrer Anfrage?
priority-request-malfunction = Eine Fehlfunktion, die behoben werden muss
priority-request-question = Eine Frage oder ein Funktionswunsch

# Erläuterungen zu den Ergebnissen. Das Widget zeigt direkt darüber bereits „Priorität P1“, „Priorität P2“ usw. an:
# Der Text wiederholt die Stufe nicht am Anfang, sondern erklärt, warum diese Priorität
# empfohlen wird und was als Nächstes zu tun ist (2 bis 3 Sätze).

# Ergebnis P1: Produktion ausgefallen, kritische Auswirkungen auf den Geschäftsbetrieb.
priority-p1-critical = Ihre Produktion steht still, und Ihr Geschäftsbetrieb ist unmittelbar betroffen: Genau für solche Notfälle gibt es die höchste Stufe. Beschreiben Sie im Supportfall in wenigen Zeilen die geschäftlichen Auswirkungen (wer betroffen ist, seit wann, was es kostet) und nennen Sie eine erreichbare Ansprechperson. Ein Experte wird sofort alarmiert und bietet Ihnen eine Live-Diagnosesitzung an, die in der Regel innerhalb von 15 bis 30 Minuten beginnt – bleiben Sie also erreichbar.
# Ergebnis P2: Dienst ausgefallen, aber begrenzte Auswirkungen auf den Geschäftsbetrieb.
priority-p2-contained = Der Dienst ist ausgefallen, aber Ihr Geschäftsbetrieb kann vorerst so weiterlaufen: Es besteht kein Grund, einen Experten sofort von allem anderen abzuziehen. Geben Sie im Supportfall an, was betroffen ist und warum die Auswirkungen vorerst begrenzt sind. Verschärft sich die Situation, können Sie den Supportfall jederzeit auf P1 hochstufen.
# Ergebnis P2: Produktion eingeschränkt, kein Workaround.
priority-p2-degraded = Ihre Produktion läuft noch, aber nur eingeschränkt und ohne Ausweichmöglichkeit: Die Auswirkungen sind real und rechtfertigen eine zügige Bearbeitung. Beschreiben Sie die Symptome und ihre konkreten Folgen (lange Antwortzeiten, Fehler, verspätete Batchjobs), nach Möglichkeit mit Zahlen. Fällt der Dienst schließlich ganz aus, stufen Sie den Supportfall umgehend auf P1 hoch.
# Ergebnis P3: Produktion eingeschränkt, aber ein Workaround hält den Geschäftsbetrieb aufrecht.
priority-p3-workaround = Dank des Workarounds läuft Ihr Geschäftsbetrieb weiter: Die akute Dringlichkeit ist vorbei, auch wenn das eigentliche Problem noch behoben werden muss. Beschreiben Sie den Workaround im Supportfall, damit der Experte weiß, was den Dienst am Laufen hält, und dies bei seiner Analyse berücksichtigen kann. Reicht der Workaround nicht mehr aus, heben Sie die Priorität an.
# Ergebnis P3: geringfügige Auswirkungen in der Produktion.
priority-p3-minor = Das Problem betrifft zwar die Produktion, die Beeinträchtigung ist aber begrenzt und Ihr Geschäftsbetrieb wird nicht behindert. Beschreiben Sie das Problem genau, wenn möglich mit den Schritten, mit denen es sich reproduzieren lässt: Der Experte analysiert es in einem Tempo, das seinen Auswirkungen entspricht. Weitet sich die Beeinträchtigung auf mehr Benutzer oder eine wichtige Funktion aus, heben Sie die Priorität an.
# Ergebnis P3: Fehlfunktion außerhalb der Produktion.
priority-p3-non-production = Das Problem beschränkt sich auf eine Test-, Staging- oder Präproduktionsumgebung: Ihr Geschäftsbetrieb ist nicht unmittelbar gefährdet. Geben Sie die betroffene Umgebung an und beschreiben Sie, wie sich das Problem reproduzieren lässt. Blockiert es ein bevorstehendes Release, von dem Ihr Geschäftsbetrieb abhängt, sagen Sie das: Der Supportfall kann dann auf P1 hochgestuft werden, noch bevor die Produktion betroffen ist.
# Ergebnis P4: allgemeine Frage, Frage zur Bedienung, Dokumentation oder Funktionswunsch.
priority-p4-question = Ihre Anfrage betrifft keine laufende Störung: Eine Frage, ein Hinweis zur Dokumentation oder eine Idee für eine neue Funktion lässt sich ohne Zeitdruck bearbeiten. Formulieren Sie Ihr Anliegen präzise und liefern Sie den Kontext mit (Version, Konfiguration, angestrebtes Ziel), damit Sie eine vollständige Antwort erhalten. Auch eine sehr spezielle Frage bleibt auf dieser Stufe: Die Priorität misst die Auswirkungen, nicht die Schwierigkeit.

## Baum „Sollten Sie Ihren Supportfall eskalieren?“ (Seite „Supportfall eskalieren“)

# Titel des Baums, über der ersten Frage angezeigt.
escalation-title = Sollten Sie Ihren Supportfall eskalieren?
# Einleitungssatz, unter dem Titel des Baums angezeigt.
escalation-intro = Beantworten Sie ein paar Fragen, um herauszufinden, ob Sie Ihren Supportfall eskalieren, auf P1 hochstufen oder einfach weiter verfolgen sollten.

# Frage 1. Antworten: Ja / Nein. Der Hilfetext unter der Frage nennt Beispiele.
escalation-production = Ist die Produktion betroffen oder wird sie es in Kürze sein?
escalation-production-help = Zum Beispiel: Ein Produktionsdienst ist ausgefallen oder stark verlangsamt, oder ein Problem blockiert ein Release, das in wenigen Stunden geplant ist. Eine Störung, die sich auf eine Test- oder Staging-Umgebung beschränkt, zählt nicht.

# Frage, wenn die Produktion betroffen ist. Antworten: Ja / Nein.
escalation-already-p1 = Hat der Supportfall bereits die Priorität P1?

# Frage zur Entwicklung der geschäftlichen Auswirkungen. Antworten: Ja / Nein.
escalation-impact = Haben sich die Auswirkungen auf Ihren Geschäftsbetrieb seit der Eröffnung des Supportfalls verschärft?

# Frage zu ausbleibenden Rückmeldungen. Antworten: Ja / Nein.
# Der Hilfetext unter der Frage erklärt, woher die vereinbarte Frist stammt.
escalation-silence = Ist die vereinbarte Frist für das nächste Statusupdate überschritten?
escalation-silence-help = Diese Frist kann im Supportfall festgelegt worden sein („nächstes Update um 14:00 Uhr“) oder sich aus Ihrem Vertrag ergeben. Zum Beispiel: Vereinbart war ein Update alle 4 Stunden, das letzte stammt jedoch vom Vortag.

# Frage zu einem festgefahrenen Supportfall. Antworten: Ja / Nein.
escalation-stalled = Häufen sich die Nachrichten, ohne dass es echte Fortschritte gibt?

# Erläuterungen zu den Ergebnissen. Das Widget zeigt direkt darüber bereits die empfohlene Aktion an
# („Supportfall auf P1 hochstufen“, „Supportfall eskalieren“ oder „Vorerst nicht eskalieren“):
# Der Text wiederholt sie nicht am Anfang, sondern erklärt, warum, und was als Nächstes zu tun ist.

# Ergebnis „Supportfall auf P1 hochstufen“: Produktion betroffen, Supportfall noch nicht auf P1.
escalation-raise = Ihre Produktion ist betroffen oder wird es bald sein, der Supportfall hat aber noch nicht die Priorität P1: Passen Sie zuerst die Priorität an, bevor Sie über eine Eskalation nachdenken. Beantragen Sie die Änderung im bestehenden Supportfall, statt einen neuen zu eröffnen, und geben Sie an, was sich geändert hat, welche geschäftlichen Auswirkungen aktuell bestehen oder unmittelbar bevorstehen und – falls die Produktion noch nicht betroffen ist – ab wann sie es sein wird. Ein Experte übernimmt dann Ihren Supportfall und bearbeitet parallel keinen anderen.
# Ergebnis „Supportfall eskalieren“: Die geschäftlichen Auswirkungen haben sich verschärft.
escalation-escalate-impact = Seit der Eröffnung des Supportfalls steht mehr auf dem Spiel, und die bisherige Bearbeitung wird dem nicht mehr gerecht. Fordern Sie die Eskalation im Supportfall oder über den in Ihrem Vertrag vorgesehenen Kanal an und erklären Sie anhand von Fakten mit Datum und, wenn möglich, mit Zahlen, was sich geändert hat. Sagen Sie auch, was Sie erwarten: ein Gespräch mit einem Experten, Statusupdates zu festen Zeiten, die Hinzuziehung eines Spezialisten.
# Ergebnis „Supportfall eskalieren“: keine Rückmeldung innerhalb der vereinbarten Frist.
escalation-escalate-silence = Die vereinbarte Frist ist ohne Rückmeldung verstrichen: Die Betreuung Ihres Supportfalls funktioniert nicht mehr wie vorgesehen. Fordern Sie die Eskalation an und nennen Sie dabei das Datum des letzten Statusupdates und den vereinbarten Rhythmus. Geben Sie an, was Sie ab jetzt erwarten, zum Beispiel ein Statusupdate zu festen Zeiten bis zur Lösung.
# Ergebnis „Supportfall eskalieren“: viele Nachrichten ohne Fortschritt.
escalation-escalate-stalled = Der Supportfall dreht sich im Kreis: Dieselben Fragen und Hypothesen tauchen immer wieder auf, neue Ansätze gibt es keine. Eine Eskalation bietet die Gelegenheit, Bilanz zu ziehen und mit einem frischen Blick auf das Problem neu anzusetzen. Fassen Sie zusammen, was bereits versucht wurde, und sagen Sie klar, was Sie erwarten, zum Beispiel ein Gespräch mit einem Spezialisten.
# Ergebnis „Vorerst nicht eskalieren“: Der Supportfall verläuft normal.
escalation-wait = Nichts deutet darauf hin, dass Ihr Supportfall feststeckt: Er verläuft normal, und eine Eskalation würde ihn nicht beschleunigen. Beantworten Sie weiterhin die Fragen des Experten und liefern Sie die angeforderten Informationen. Verschärfen sich die Auswirkungen oder kommt der Supportfall nicht mehr voran, gehen Sie diese Fragen erneut durch.

## Outcomes

# Namen der Prioritäten, deklariert in content/decision-trees/_outcomes.toml. Das Widget zeigt
# sie neben dem Badge P1…P4, über der Erklärung des Ergebnisses.
outcome-p1 = Priorität P1
outcome-p2 = Priorität P2
outcome-p3 = Priorität P3
outcome-p4 = Priorität P4

# Ergebnisse des Eskalationsbaums, deklariert in content/decision-trees/escalation.toml.
# Kurz formulieren, im Infinitiv.
escalation-outcome-escalate = Supportfall eskalieren
escalation-outcome-raise-to-p1 = Supportfall auf P1 hochstufen
escalation-outcome-do-not-escalate = Vorerst nicht eskalieren
