"""Learning and improvement pages. Thin: access, selectors, services, render."""

from lscp.assurance.views.action_pages import (
    action_change,
    action_detail,
    action_edit,
    action_new,
    action_withdraw,
    extension_decide,
    extension_new,
    recommendation_edit,
    recommendation_new,
    recommendation_withdraw,
)
from lscp.assurance.views.audit_pages import (
    audit_edit,
    audit_new,
    audit_withdraw,
    finding_edit,
    finding_move,
    finding_new,
    finding_withdraw,
)
from lscp.assurance.views.challenge_pages import (
    challenge_answer,
    challenge_edit,
    challenge_new,
    challenge_respond,
    challenge_withdraw,
)
from lscp.assurance.views.registers import (
    actions,
    audits,
    challenges,
    child_deaths,
    index,
    reviews,
    risks,
)
from lscp.assurance.views.review_pages import (
    learning_edit,
    learning_move,
    learning_new,
    learning_withdraw,
    review_detail,
    review_edit,
    review_new,
    review_withdraw,
)
from lscp.assurance.views.risk_pages import (
    child_deaths_edit,
    risk_edit,
    risk_new,
    risk_review,
    risk_withdraw,
)

__all__ = [
    "action_change", "action_detail", "action_edit", "action_new", "action_withdraw",
    "actions", "audit_edit", "audit_new", "audit_withdraw", "audits", "challenge_answer",
    "challenge_edit", "challenge_new", "challenge_respond", "challenge_withdraw", "challenges",
    "child_deaths", "child_deaths_edit", "extension_decide", "extension_new", "finding_edit",
    "finding_move", "finding_new", "finding_withdraw", "index", "learning_edit",
    "learning_move", "learning_new", "learning_withdraw", "recommendation_edit",
    "recommendation_new", "recommendation_withdraw", "review_detail", "review_edit",
    "review_new", "review_withdraw", "reviews", "risk_edit", "risk_new", "risk_review",
    "risk_withdraw", "risks",
]
