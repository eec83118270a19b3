# Texts of the interactive decision trees, in Japanese (translated from the French source).
# The trees themselves are described in content/decision-trees/*.toml: those files only
# hold the ids below, never the text.
# Japanese punctuation (、。「」（）？) is written as is: no typographic rewriting applies.

## Answers shared by both trees

# Answer labels shared by every yes/no question of both trees.
# They are shown as choices (radio buttons) under the question.
answer-yes = はい
answer-no = いいえ

## "Which priority should I choose?" tree (page 優先度の選び方, priorites.md)

# Tree title, shown above the first question.
priority-title = どの優先度を選べばよいですか？
# Introductory sentence, shown under the tree title.
priority-intro = いくつかの質問に答えると、状況に合った優先度をご案内します。

# Question 1. The help text under the question explains what counts as production.
priority-production = 問題は本番環境に影響していますか？
priority-production-help = 本番環境とは、顧客や社内のチームが実際に利用しているサービスのことです。テスト環境、検証環境、ステージング環境は含まれません。

# Asked when production is affected. The three labels that follow are the possible answers:
# keep them short, and make them read as answers to the question.
priority-situation = 本番環境のサービスはどのような状態ですか？
priority-situation-down = 停止している、または使用できない
priority-situation-degraded = 性能が低下している、または重要な機能に支障がある
priority-situation-minor = 軽微な支障はあるが、業務は継続できている

# Asked when the service is down: it separates P1 from P2. Answers: Yes / No.
# The help text gives examples of critical impact.
priority-business = この停止は、ただちに対応が必要なほど重大な影響をビジネスに与えていますか？
priority-business-help = たとえば、顧客が操作を進められない、売上が失われている、データが危険にさらされている、といった状況です。停止しているサービスが補助的なものやあまり使われていないもので、業務が数時間待てる場合は「いいえ」を選択してください。

# Asked when the service is degraded: it separates P2 from P3. Answers: Yes / No.
priority-workaround = 業務を継続できる、許容可能な回避策はありますか？

# Asked when production is not affected: it separates P3 from P4.
# The two labels that follow are the possible answers.
priority-request = どのような種類のリクエストですか？
priority-request-malfunction = 修正が必要な不具合
priority-request-question = 質問または機能改善の要望

# Outcome explanations. The widget already shows "優先度P1", "優先度P2", etc. right
# above them, so the text doesn't restate the level at the start: it explains why this
# priority is recommended and what to do next (2 to 3 sentences).

# P1 outcome: production down, critical business impact.
priority-p1-critical = 本番環境が停止し、ビジネスに直接影響が出ています。最も高い優先度は、まさにこのような緊急事態のために用意されています。ケースには、ビジネスへの影響（誰が影響を受けているか、いつからか、どれだけの損失が出ているか）を数行で記載し、連絡のつく担当者を明記してください。ただちにエキスパートに通知され、ライブ診断セッションが提案されます。セッションは通常15〜30分以内に始まるため、すぐに対応できる状態を保ってください。
# P2 outcome: service down, but the business impact is contained.
priority-p2-contained = サービスは停止していますが、業務は現状のままでも持ちこたえられます。ほかのすべてを後回しにしてエキスパートを動員するほどの状況ではありません。ケースには、影響を受けているものと、現時点で影響が限定的である理由を記載してください。状況が悪化した場合は、いつでもケースをP1に引き上げられます。
# P2 outcome: production degraded, no workaround.
priority-p2-degraded = 本番環境は稼働していますが、性能や機能が低下しており、代わりの手段もありません。実際に影響が出ているため、迅速な対応が必要です。症状とその具体的な影響（処理の遅延、エラー、バッチ処理の遅れなど）を、可能であれば数値を添えて記載してください。サービスが停止に至った場合は、ただちにケースをP1に引き上げてください。
# P3 outcome: production degraded, but a workaround keeps the business going.
priority-p3-workaround = 回避策によって業務は継続できているため、根本的な問題の修正は必要であるものの、緊急性はなくなっています。何によってサービスが維持されているかをエキスパートが把握し、分析に反映できるよう、回避策の内容をケースに記載してください。回避策だけでは対応しきれなくなった場合は、優先度を引き上げてください。
# P3 outcome: minor impact on production.
priority-p3-minor = 問題は本番環境で発生していますが、支障は限定的で、業務の妨げにはなっていません。可能であれば再現手順を添えて、問題を正確に記載してください。エキスパートが影響に見合ったペースで調査します。影響を受けるユーザーが増えたり、重要な機能に支障が及んだりした場合は、優先度を引き上げてください。
# P3 outcome: something isn't working outside production.
priority-p3-non-production = 問題はテスト環境、検証環境、ステージング環境に限定されており、ビジネスが直接脅かされているわけではありません。影響を受けている環境と、問題の再現方法を記載してください。業務を左右する本番リリースが間近に迫っていて、この問題がその妨げになっている場合は、その旨を伝えてください。本番環境に影響が出る前でも、ケースをP1に引き上げることができます。
# P4 outcome: general question, how-to, documentation or feature request.
priority-p4-question = このリクエストは、進行中のインシデントに関するものではありません。質問、ドキュメントに関する指摘、機能改善のアイデアは、急がずに対応できます。完全な回答を得るために、内容をできるだけ具体的に記載し、背景情報（バージョン、設定、実現したいこと）を添えてください。どれほど専門的な質問でも、優先度はこのレベルのままです。優先度が表すのは影響の大きさであり、難しさではありません。

## "Should I escalate my case?" tree (page ケースのエスカレーション, escalade.md)

# Tree title, shown above the first question.
escalation-title = ケースをエスカレーションすべきですか？
# Introductory sentence, shown under the tree title.
escalation-intro = いくつかの質問に答えると、ケースをエスカレーションすべきか、P1に引き上げるべきか、それともこのまま対応を見守ればよいかがわかります。

# Question 1. Answers: Yes / No. The help text under the question gives examples.
escalation-production = 本番環境に影響が出ている、または影響が出る寸前ですか？
escalation-production-help = たとえば、本番環境のサービスが停止している、または著しく遅くなっている場合や、数時間後に予定されている本番リリースが問題によって妨げられている場合です。テスト環境や検証環境に限定されたインシデントは該当しません。

# Asked when production is affected. Answers: Yes / No.
escalation-already-p1 = ケースの優先度はすでにP1ですか？

# Question about how the business impact has changed. Answers: Yes / No.
escalation-impact = ケースの作成以降、ビジネスへの影響は拡大しましたか？

# Question about missing updates. Answers: Yes / No.
# The help text under the question explains where the agreed time comes from.
escalation-silence = 次の進捗報告について合意した期限を過ぎていますか？
escalation-silence-help = この期限は、ケース内で決めたもの（「次回の報告は14:00」など）の場合もあれば、契約で定められている場合もあります。たとえば、4時間ごとに報告を受ける予定だったのに、最後の報告が前日だった場合です。

# Question about a case that has stalled. Answers: Yes / No.
escalation-stalled = やり取りばかりが増えて、実質的な進展がない状態ですか？

# Outcome explanations. The widget already shows the recommended action right above them
# ("ケースをP1に引き上げる", "ケースをエスカレーションする" or "現時点ではエスカレーションしない"),
# so the text doesn't restate it at the start: it explains why, and what to do next.

# "Raise the case to P1" outcome: production affected, case not yet a P1.
escalation-raise = 本番環境に影響が出ている、または出ようとしているのに、ケースはまだP1になっていません。エスカレーションを検討する前に、まず優先度を見直す必要があります。新しいケースを作成するのではなく、既存のケース内で優先度の変更を依頼してください。その際は、何が変わったのか、現在の、または差し迫ったビジネスへの影響、そして本番環境にまだ影響が出ていない場合は影響が出る時刻を明記してください。その後は、エキスパートがほかのケースを並行して扱うことなく、お客様のケースを担当します。
# "Escalate the case" outcome: the business impact has grown.
escalation-escalate-impact = ケースの作成以降に事態の重大さが増し、現在の対応ではもはや十分とはいえません。ケース内で、または契約で定められた窓口を通じてエスカレーションを依頼し、何が変わったのかを、日時を添えた事実と、可能であれば数値を用いて説明してください。あわせて、エキスパートとの通話、決まった時刻での進捗報告、スペシャリストの参加など、期待する対応も伝えてください。
# "Escalate the case" outcome: no update within the agreed time.
escalation-escalate-silence = 合意した期限を過ぎても連絡がなく、ケースのフォローが想定どおりに機能していません。エスカレーションを依頼する際は、最後の進捗報告の日時と、合意していた報告の頻度を伝えてください。解決するまで決まった時刻に進捗報告を受けるなど、今後期待する対応も明記してください。
# "Escalate the case" outcome: many exchanges without progress.
escalation-escalate-stalled = ケースが堂々巡りになっており、同じ質問や仮説が繰り返されるばかりで、新たな手がかりが見つかっていません。エスカレーションすることで現状を整理し、新たな視点で問題に取り組み直すことができます。これまでに試したことをまとめたうえで、スペシャリストとの通話など、期待する対応を明確に伝えてください。
# "Don't escalate yet" outcome: the case is progressing normally.
escalation-wait = ケースが行き詰まっている兆候はありません。ケースは通常どおり進んでおり、エスカレーションしても進行が早まることはありません。引き続きエキスパートの質問に回答し、求められた情報を提供してください。影響が拡大したり、ケースの進行が止まったりした場合は、改めてこれらの質問に答えてください。

## Outcomes

# Names of the priorities, declared in content/decision-trees/_outcomes.toml. The widget shows
# them beside the P1…P4 badge, above the outcome explanation.
outcome-p1 = 優先度P1
outcome-p2 = 優先度P2
outcome-p3 = 優先度P3
outcome-p4 = 優先度P4

# Outcomes of the escalation tree, declared in content/decision-trees/escalation.toml.
# Short, in the dictionary form (〜する).
escalation-outcome-escalate = ケースをエスカレーションする
escalation-outcome-raise-to-p1 = ケースをP1に引き上げる
escalation-outcome-do-not-escalate = 現時点ではエスカレーションしない
