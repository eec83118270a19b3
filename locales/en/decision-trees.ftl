# Texts of the interactive decision trees, in English.
# The trees themselves are described in content/decision-trees/*.toml: those files only
# hold the ids below, never the text.

## Answers shared by both trees

# Answer labels shared by every yes/no question of both trees.
# They are shown as choices (radio buttons) under the question.
answer-yes = Yes
answer-no = No

## "Which priority should I choose?" tree (Choosing a priority page)

# Tree title, shown above the first question.
priority-title = Which priority should I choose?
# Introductory sentence, shown under the tree title.
priority-intro = Answer a few quick questions and we'll suggest the priority that fits your situation.

# Question 1. The help text under the question explains what counts as production.
priority-production = Does the problem affect a production environment?
priority-production-help = Production is the service your customers or teams actually use. Test, staging and pre-production environments don't count.

# Asked when production is affected. The three labels that follow are the possible answers:
# keep them short, and make them read as answers to the question.
priority-situation = What state is the production service in?
priority-situation-down = Down or unusable
priority-situation-degraded = Degraded, or an important feature impaired
priority-situation-minor = Minor issue, business carries on

# Asked when the service is down: it separates P1 from P2. Answers: Yes / No.
# The help text gives examples of critical impact.
priority-business = Is this outage hurting your business critically enough to need action right now?
priority-business-help = For example: customers blocked, revenue being lost, data at risk. If the service that is down is secondary or rarely used and the business can wait a few hours, answer no.

# Asked when the service is degraded: it separates P2 from P3. Answers: Yes / No.
priority-workaround = Do you have an acceptable workaround that keeps the business running?

# Asked when production is not affected: it separates P3 from P4.
# The two labels that follow are the possible answers.
priority-request = What kind of request is it?
priority-request-malfunction = Something isn't working
priority-request-question = A question or feature request

# Outcome explanations. The widget already shows "Priority P1", "Priority P2", etc. right
# above them, so the text doesn't restate the level at the start: it explains why this
# priority is recommended and what to do next (2 to 3 sentences).

# P1 outcome: production down, critical business impact.
priority-p1-critical = Production is down and your business is feeling it directly, which is exactly the kind of emergency the top level exists for. In the case, sum up the business impact in a few lines (who is affected, since when, what it is costing you) and give a contact who can be reached. An expert is alerted straight away and will offer a live troubleshooting call, usually starting within 15 to 30 minutes, so stay within reach.
# P2 outcome: service down, but the business impact is contained.
priority-p2-contained = The service is down, but your business can cope for now, so there's no need to pull an expert away from everything else. Explain in the case what is affected and why the impact is limited at this point. If things get worse, you can raise the case to P1 at any time.
# P2 outcome: production degraded, no workaround.
priority-p2-degraded = Production is still running, but it's degraded and you have nothing to fall back on: the impact is real and calls for prompt handling. Describe the symptoms and what they mean in practice (slowdowns, errors, jobs running late), with figures if you have them. If the service goes down completely, raise the case to P1 right away.
# P3 outcome: production degraded, but a workaround keeps the business going.
priority-p3-workaround = The workaround keeps your business going, so the urgency has passed, even though the underlying problem still needs fixing. Describe the workaround in the case so the expert knows what is holding things together and can factor it into the investigation. If it stops being enough, raise the priority.
# P3 outcome: minor impact on production.
priority-p3-minor = The problem is in production, but the inconvenience is limited and your business isn't held back. Describe it precisely, with steps to reproduce it if you can, and the expert will look into it at a pace that matches its impact. If it starts affecting more users or an important feature, raise the priority.
# P3 outcome: something isn't working outside production.
priority-p3-non-production = The problem is confined to a test, staging or pre-production environment, so your business isn't directly at risk. Say which environment is affected and how to reproduce the problem. If it's blocking an imminent release your business depends on, say so: the case can be raised to P1 before production is even hit.
# P4 outcome: general question, how-to, documentation or feature request.
priority-p4-question = Your request isn't about an ongoing incident, and a question, a documentation issue or a feature idea can be handled without any rush. Make it as precise as you can and add some context (version, configuration, what you're trying to achieve) to get a complete answer. Even a highly technical question stays at this level: priority measures impact, not difficulty.

## "Should I escalate my case?" tree (Escalating a case page)

# Tree title, shown above the first question.
escalation-title = Should I escalate my case?
# Introductory sentence, shown under the tree title.
escalation-intro = Answer a few quick questions to find out whether to escalate your case, raise it to P1, or simply keep following it.

# Question 1. Answers: Yes / No. The help text under the question gives examples.
escalation-production = Is production affected, or about to be?
escalation-production-help = For example, a production service is down or very slow, or a problem is blocking a release planned in the next few hours. An incident limited to a test or staging environment doesn't count.

# Asked when production is affected. Answers: Yes / No.
escalation-already-p1 = Is the case already a P1?

# Question about how the business impact has changed. Answers: Yes / No.
escalation-impact = Has the impact on your business grown since the case was opened?

# Question about missing updates. Answers: Yes / No.
# The help text under the question explains where the agreed time comes from.
escalation-silence = Has the agreed time for the next progress update gone by without news?
escalation-silence-help = That time may have been set in the case ("next update at 2 p.m.") or come from your contract. For example, you agreed on an update every 4 hours and the last one was yesterday.

# Question about a case that has stalled. Answers: Yes / No.
escalation-stalled = Do the exchanges keep piling up without real progress?

# Outcome explanations. The widget already shows the recommended action right above them
# ("Raise the case to P1", "Escalate the case" or "Don't escalate yet"), so the text doesn't
# restate it at the start: it explains why, and what to do next.

# "Raise the case to P1" outcome: production affected, case not yet a P1.
escalation-raise = Production is affected, or soon will be, and the case isn't a P1 yet: the priority is what needs adjusting first, before any escalation. Ask for the change in the existing case rather than opening a new one, and say what has changed, the current or imminent business impact and, if production isn't hit yet, when it will be. An expert will then take on your case and work on nothing else.
# "Escalate the case" outcome: the business impact has grown.
escalation-escalate-impact = The stakes have risen since the case was opened, and the way it's being handled no longer matches them. Request the escalation in the case or through the channel given in your contract, and explain what has changed with dated facts and, where possible, figures. Also say what you expect: a call with an expert, progress updates at set times, a specialist joining the case.
# "Escalate the case" outcome: no update within the agreed time.
escalation-escalate-silence = The agreed time has passed with no news, so the follow-up on your case isn't working as it should. Request the escalation and mention when the last progress update came and what pace had been agreed. Say what you expect from now on, for example an update at set times until the problem is resolved.
# "Escalate the case" outcome: many exchanges without progress.
escalation-escalate-stalled = The case is going round in circles, with the same questions and hypotheses coming back and no new leads. An escalation is a chance to take stock and start afresh with a new pair of eyes on the problem. Sum up what has already been tried and say clearly what you expect, such as a call with a specialist.
# "Don't escalate yet" outcome: the case is progressing normally.
escalation-wait = Nothing suggests your case is stuck: it's progressing normally, and escalating it wouldn't make it move any faster. Keep answering the expert's questions and providing the information they ask for. If the impact grows or the case stops moving forward, come back to these questions.

## Outcomes

# Names of the priorities, declared in content/decision-trees/_outcomes.toml. The widget shows
# them beside the P1…P4 badge, above the outcome explanation.
outcome-p1 = Priority P1
outcome-p2 = Priority P2
outcome-p3 = Priority P3
outcome-p4 = Priority P4

# Outcomes of the escalation tree, declared in content/decision-trees/escalation.toml.
# Keep them short and imperative.
escalation-outcome-escalate = Escalate the case
escalation-outcome-raise-to-p1 = Raise the case to P1
escalation-outcome-do-not-escalate = Don't escalate yet
