# Texts of the decision trees. Each question, answer and outcome is one message.
answer-yes = Yes
answer-no = No

## Tree "choose"
choose-title = How urgent is it?
choose-intro = Answer one question to see what to do.
choose-urgent = Is something broken right now?
choose-now = It cannot wait: treat it as a first priority and act at once.
choose-later = It can wait: plan it with your other work.
choose-outcome-now = Act now
choose-outcome-later = Plan it
