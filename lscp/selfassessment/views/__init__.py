"""Self-assessment pages. Thin: access, selectors, services, render."""

from lscp.selfassessment.views.answer_pages import (
    answer_edit,
    answer_reply,
    answer_review,
    assessment,
    submit,
)
from lscp.selfassessment.views.cycle_pages import (
    cycle,
    cycle_close,
    cycle_new,
    export,
    index,
    remind,
)
from lscp.selfassessment.views.link_pages import setting_link, survey, survey_thanks
from lscp.selfassessment.views.review_pages import (
    challenge_new,
    moderation,
    moderation_record,
)
from lscp.selfassessment.views.review_pages import survey as survey_results
from lscp.selfassessment.views.setting_pages import setting_new, settings_list

__all__ = [
    "answer_edit", "answer_reply", "answer_review", "assessment", "challenge_new", "cycle",
    "cycle_close", "cycle_new", "export", "index", "moderation", "moderation_record", "remind",
    "setting_link", "setting_new", "settings_list", "submit", "survey", "survey_results",
    "survey_thanks",
]
