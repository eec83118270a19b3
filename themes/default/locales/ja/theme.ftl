# Folio の標準テーマのインターフェース文字列（日本語）。
# サイトは locales/ja/*.ftl でどれでも再定義できます。

# The language's name in the language itself: shown in the language switcher.
language-name = 日本語

## Navigation
skip-to-content = 本文へスキップ
nav-label = ガイドの目次
nav-menu = 目次
pager-label = 前後のページ
nav-previous = 前のページ
nav-next = 次のページ
toc-title = このページの内容
language-switcher-label = 言語を選択
all-languages = すべての言語
heading-anchor = このセクションへのリンク

## Page content
callout-note = 注記
callout-tip = ヒント
callout-important = 重要
callout-warning = 警告
callout-caution = 注意
footnotes-title = 注
footnote-back = 本文に戻る

## PDF guide
pdf-download = ガイドをPDFでダウンロード

## Page not found
not-found-title = ページが見つかりません
not-found-text = 指定されたアドレスに該当するページは、このガイドにありません。ページが移動したか、たどったリンクのアドレスに誤りがある可能性があります。
not-found-home = ガイドのホームに戻る
footer-generator = Folioで公開

## Decision trees
# Label shown above each question; $number is the question's number (1, 2, 3...).
tree-step = 質問{ $number }
# Button that confirms the chosen answer and moves on to the next question.
tree-continue = 次へ
# Button that goes back one question.
tree-back = 前の質問
# Button that clears the answers and starts the tree again from the first question.
tree-restart = 最初からやり直す
# Heading of the list of answers given so far.
tree-your-answers = これまでの回答
# Label shown above the final recommendation.
tree-recommendation = 推奨される対応
# Error shown when the "Continue" button (次へ) is pressed with no answer selected.
tree-choose-answer = 次に進むには、回答を選択してください。
# Link to the guide page related to the result; $page is that page's title.
tree-read-more = 詳細：{ $page }
# Button that copies a plain-text summary, to paste into a support case.
tree-copy = ケースに貼り付ける概要をコピー
# Confirmation shown after copying.
tree-copied = 概要をコピーしました。ケースに貼り付けてご利用ください。
# Message shown when the browser refuses to copy.
tree-copy-failed = 自動コピーに失敗しました。概要を選択して、手動でコピーしてください。
# Short label for the final step, in the list of answers and in the copied summary.
tree-outcome = 結果
# Labels of the built-in outcomes that `priority = "P1"` … names in rules files.
tree-priority-p1 = 優先度P1
tree-priority-p2 = 優先度P2
tree-priority-p3 = 優先度P3
tree-priority-p4 = 優先度P4
# Actions recommended by the "Should I escalate my case?" tree. Short, in the dictionary form (〜する).
tree-action-escalate = ケースをエスカレーションする
tree-action-raise-to-p1 = ケースをP1に引き上げる
tree-action-do-not-escalate = 現時点ではエスカレーションしない
# 決定木の下にある、木全体をフローチャートで表示する折りたたみ部分。
tree-diagram-show = 全体の流れを見る
# フローチャートのアクセシブルな名前。{ $title } は決定木のタイトル。
tree-diagram-title = フローチャート：{ $title }
# フローチャートのアクセシブルな説明。番号付きの手順の前に読み上げられます。
tree-diagram-desc = 各ボックスは質問または結果、各矢印は回答です。ボックスを選ぶとその手順に移動します。続く番号付きの手順は同じ内容をテキストで示します。
tree-diagram-file-desc = 各ボックスは質問または結果、各矢印は次のボックスへ進む回答です。
pdf-contents = 目次
# Footer: { $page } is the page number, { $total } the guide's page count.
pdf-page-footer = { $page } / { $total }ページ
pdf-version = バージョン{ $version }
# Printed decision trees: questions are numbered steps…
pdf-tree-step = ステップ{ $number }
# … and outcomes are lettered.
pdf-tree-outcome = 結果{ $letter }
# Page reference after an outcome, shown in parentheses: "結果B (12ページ)".
pdf-tree-page = { $page }ページ
# ガイド内の別の箇所へのリンク（印刷時）：その箇所のページ。
pdf-page-ref = （{ $page }ページ）
# 索引：印刷版ガイドの巻末と、サイトのページ。
index-title = 索引
# サイトの索引ページのアドレス（半角英小文字とハイフン、空白なし）。
index-slug = sakuin
index-lead = このガイドの用語を五十音順に並べ、説明しているページへのリンクを付けました。

## Translations
# Banner of a page not yet translated into this language: the original page is shown.
l10n-fallback-notice = このページはまだ日本語に翻訳されていません。原文を表示しています。
l10n-fallback-link = 原文のページを見る
# Banner of a translation whose original has changed since.
l10n-outdated-notice = このページの翻訳後に、原文が更新されています。
l10n-outdated-link = 原文を読む
# After the outdated banner's links: how many passages of the page are behind the
# original (each is marked in the margin of the site, not in the PDF).
l10n-changed-blocks = この翻訳には、原文の更新に追いついていない箇所が{ $count }か所あります。
# folio serve --translator: above the original's text of a passage marked as behind.
l10n-source-changed = 現在の原文：
l10n-source-new = この箇所の近くに原文で追加された内容：
l10n-source-removed = この箇所は原文から削除されました。削除前の原文：

## 検索
search-label = ガイド内を検索
search-placeholder = 検索
# 検索結果の上に表示：$count は一致したページ数、$query は入力された語句。
search-results = 「{ $query }」に一致するページ：{ $count } 件
search-none = 「{ $query }」に一致するページはありません。
# 索引を読み込めないとき（多くはディスク上のファイルを直接開いたとき）に表示。
search-unavailable = 検索はウェブサーバーから配信されたガイドでのみ使えます。ディスク上のファイルを直接開いた場合は利用できません。
