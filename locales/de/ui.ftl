# Oberflächentexte der Website, auf Deutsch.
# Deutsche Anführungszeichen („…“) und Gedankenstriche (–) direkt schreiben: Bei der Veröffentlichung wird für Deutsch keine Typografie ergänzt.

## Identität der Website
site-title = Leitfaden zum Premium-Support
site-description = Bewährte Verfahren, um die Priorität Ihrer Supportfälle zu wählen, eine kritische Störung zu begleiten und den richtigen Zeitpunkt für eine Eskalation zu erkennen.
chooser-prompt = Leitfaden auf Deutsch lesen

## Fußzeile
footer-note = Dieser Leitfaden beschreibt bewährte Verfahren für den Premium-Support. Maßgeblich sind die für Sie geltenden vertraglichen Vereinbarungen.

## Druckbarer PDF-Leitfaden
# Name der PDF-Datei ohne Endung: Buchstaben, Ziffern und Bindestriche.
pdf-file-name = premium-support-leitfaden
