# Oberflächentexte des Standard-Themes von Folio, auf Deutsch.
# Eine Website kann jeden davon in locales/de/*.ftl neu definieren.

# Name der Sprache, in dieser Sprache geschrieben: Er erscheint in der Sprachauswahl.
language-name = Deutsch

## Navigation
skip-to-content = Zum Inhalt springen
nav-label = Inhaltsverzeichnis des Leitfadens
nav-menu = Inhalt
pager-label = Vorherige und nächste Seite
nav-previous = Vorherige Seite
nav-next = Nächste Seite
toc-title = Auf dieser Seite
language-switcher-label = Sprache wählen
all-languages = Alle Sprachen
heading-anchor = Link zu diesem Abschnitt

## Seiteninhalt
callout-note = Hinweis
callout-tip = Tipp
callout-important = Wichtig
callout-warning = Warnung
callout-caution = Vorsicht
footnotes-title = Fußnoten
footnote-back = Zurück zum Text

## PDF-Leitfaden
pdf-download = Leitfaden als PDF herunterladen

## Seite nicht gefunden
not-found-title = Seite nicht gefunden
not-found-text = Die angeforderte Adresse gehört zu keiner Seite dieses Leitfadens. Möglicherweise hat sie sich geändert, oder der Link, dem Sie gefolgt sind, enthält einen Tippfehler.
not-found-home = Zurück zur Startseite des Leitfadens
footer-generator = Veröffentlicht mit Folio

## Entscheidungsbäume
# Beschriftung über jeder Frage; $number ist die Nummer der Frage (1, 2, 3 …).
tree-step = Frage { $number }
# Schaltfläche, die die gewählte Antwort bestätigt und zur nächsten Frage wechselt.
tree-continue = Weiter
# Schaltfläche, die zur vorherigen Frage zurückkehrt.
tree-back = Vorherige Frage
# Schaltfläche, die die Antworten löscht und den Entscheidungsbaum wieder bei der ersten Frage beginnt.
tree-restart = Neu beginnen
# Überschrift der Liste mit den bisher gegebenen Antworten.
tree-your-answers = Ihre Antworten
# Beschriftung über der abschließenden Empfehlung.
tree-recommendation = Unsere Empfehlung
# Fehlermeldung, wenn „Weiter“ gedrückt wird, ohne dass eine Antwort gewählt wurde.
tree-choose-answer = Wählen Sie eine Antwort aus, um fortzufahren.
# Link zur Seite des Leitfadens, die zum Ergebnis passt; $page ist der Titel dieser Seite.
tree-read-more = Mehr dazu: { $page }
# Schaltfläche, die eine Zusammenfassung als reinen Text kopiert, zum Einfügen in einen Supportfall.
tree-copy = Zusammenfassung für Ihren Supportfall kopieren
# Bestätigung nach dem Kopieren.
tree-copied = Zusammenfassung kopiert. Sie können sie jetzt in Ihren Supportfall einfügen.
# Meldung, wenn der Browser das Kopieren verweigert.
tree-copy-failed = Das automatische Kopieren hat nicht funktioniert. Markieren Sie die Zusammenfassung und kopieren Sie sie manuell.
# Kurze Beschriftung des letzten Schritts in der Liste der Antworten und in der kopierten Zusammenfassung.
tree-outcome = Ergebnis
# Labels der eingebauten Ergebnisse, die `priority = "P1"` … in Regeldateien benennt.
tree-priority-p1 = Priorität P1
tree-priority-p2 = Priorität P2
tree-priority-p3 = Priorität P3
tree-priority-p4 = Priorität P4
# Vom Entscheidungsbaum „Sollten Sie Ihren Supportfall eskalieren?“ empfohlene Aktionen. Kurz formulieren, im Infinitiv.
tree-action-escalate = Supportfall eskalieren
tree-action-raise-to-p1 = Supportfall auf P1 hochstufen
tree-action-do-not-escalate = Vorerst nicht eskalieren
# Aufklappbereich unter einem Entscheidungsbaum, der den ganzen Baum als Flussdiagramm zeigt.
tree-diagram-show = Den ganzen Baum ansehen
# Zugänglicher Name des Flussdiagramms; { $title } ist der Titel des Baums.
tree-diagram-title = Flussdiagramm: { $title }
# Zugängliche Beschreibung des Flussdiagramms, vor den nummerierten Schritten gelesen.
tree-diagram-desc = Jedes Kästchen ist eine Frage oder ein Ergebnis, jeder Pfeil eine Antwort. Wählen Sie ein Kästchen, um zu diesem Schritt zu gehen. Die folgenden nummerierten Schritte geben denselben Baum als Text wieder.
tree-diagram-file-desc = Jedes Kästchen ist eine Frage oder ein Ergebnis, jeder Pfeil eine Antwort, die zum nächsten Kästchen führt.
pdf-contents = Inhaltsverzeichnis
# Fußzeile: { $page } ist die Seitennummer, { $total } die Seitenzahl des Leitfadens.
pdf-page-footer = Seite { $page } von { $total }
pdf-version = Version { $version }
# Gedruckte Entscheidungsbäume: Die Fragen sind nummerierte Schritte …
pdf-tree-step = Schritt { $number }
# … und die Ergebnisse werden mit einem Buchstaben bezeichnet.
pdf-tree-outcome = Ergebnis { $letter }
pdf-tree-page = Seite { $page }
# Verweis auf eine andere Stelle des Leitfadens, gedruckt: die Seite, auf der sie steht.
pdf-page-ref = (S. { $page })
# Stichwortverzeichnis: am Ende des gedruckten Leitfadens und als Seite der Website.
index-title = Stichwortverzeichnis
# Adressteil der Seite auf der Website (Kleinbuchstaben, Bindestriche, keine Leerzeichen).
index-slug = stichwortverzeichnis
index-lead = Die Begriffe des Leitfadens in alphabetischer Reihenfolge, mit den Seiten, die sie erklären.

## Übersetzungen
# Hinweisbanner auf einer Seite, die es in dieser Sprache noch nicht gibt: Die Originalseite wird angezeigt.
l10n-fallback-notice = Diese Seite ist noch nicht ins Deutsche übersetzt. Sie lesen die Originalfassung.
l10n-fallback-link = Originalseite anzeigen
# Hinweisbanner auf einer Übersetzung, deren Originalseite sich seitdem geändert hat.
l10n-outdated-notice = Die Originalseite wurde seit dieser Übersetzung geändert.
l10n-outdated-link = Originalfassung lesen
# Nach den Links des Hinweisbanners: wie viele Textstellen der Seite nicht mehr dem Original
# entsprechen (jede ist auf der Website am Rand markiert, nicht im PDF).
l10n-changed-blocks = { $count ->
    [one] Eine Textstelle dieser Übersetzung entspricht nicht mehr dem Original.
   *[other] { $count } Textstellen dieser Übersetzung entsprechen nicht mehr dem Original.
}
# folio serve --translator: über dem Text des Originals einer markierten Textstelle.
l10n-source-changed = Im Original steht jetzt:
l10n-source-new = Das Original hat neben dieser Textstelle ergänzt:
l10n-source-removed = Das Original enthält diese Textstelle nicht mehr. Sie lautete:

## Suche
search-label = Im Leitfaden suchen
search-placeholder = Suchen
# Über den Treffern: $count ist die Zahl der passenden Seiten, $query der eingegebene Text.
search-results = { $count ->
    [one] Eine Seite passt zu „{ $query }“
   *[other] { $count } Seiten passen zu „{ $query }“
}
search-none = Keine Seite passt zu „{ $query }“.
# Erscheint, wenn der Index nicht geladen werden kann, meist bei einem lokal geöffneten Leitfaden.
search-unavailable = Die Suche setzt voraus, dass der Leitfaden von einem Webserver ausgeliefert wird; mit lokal geöffneten Dateien funktioniert sie nicht.
