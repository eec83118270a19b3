# Interface strings of the site, in Japanese (translated from the French source).
# Japanese punctuation (、。「」（）：) is written as is: no typographic rewriting applies.

## Site identity
site-title = プレミアムサポートガイド
site-description = ケースの優先度の選び方、重大なインシデントへの対応の進め方、エスカレーションすべきタイミングについてのベストプラクティスを紹介します。
chooser-prompt = 日本語でガイドを読む

## Footer
footer-note = このガイドでは、プレミアムサポートのベストプラクティスについて説明しています。お客様の契約内容が常に優先されます。

## Printable PDF guide
# The PDF's file name, without extension: letters, digits and hyphens.
pdf-file-name = premium-support-guide-ja
