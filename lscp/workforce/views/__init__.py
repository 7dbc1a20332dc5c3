"""The training pages (urls.py names them)."""

from lscp.workforce.views.imports import imports, mapping_edit, policy
from lscp.workforce.views.programme import (
    course_detail,
    course_edit,
    course_new,
    courses,
    index,
    outcome_edit,
    outcome_new,
    session_detail,
    session_edit,
    session_new,
)
from lscp.workforce.views.returns import line_edit, line_new, line_remove, return_edit, returns

__all__ = ["course_detail", "course_edit", "course_new", "courses", "imports", "index",
           "line_edit", "line_new", "line_remove", "mapping_edit", "outcome_edit", "outcome_new",
           "policy", "return_edit", "returns", "session_detail", "session_edit", "session_new"]
