"""Who may see and change what (DESIGN.md §1). Every view asks here; nothing else decides.

| role               | may                                                               |
| business unit      | everything in their partnership                                   |
| chair / scrutineer | read all; raise challenges; approve reports                       |
| agency contributor | read the partnership's pages; edit only their own agency's data   |
| board member       | read dashboards, registers, drafts                                |
| public             | the published report                                              |
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lscp.partnership.models import Agency, Membership, Role
from lscp.partnership.workflow import Status, is_editable


def membership_of(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership  # type: ignore[no-any-return]
    except Membership.DoesNotExist:
        return None


def can_read(user: Any) -> bool:
    """Dashboards, registers, drafts: every member role."""
    return membership_of(user) is not None


def can_manage(user: Any) -> bool:
    """Record meetings and attendance, budget, priorities: the business unit only."""
    m = membership_of(user)
    return m is not None and m.role == Role.BUSINESS_UNIT


def can_manage_people(user: Any) -> bool:
    """Invite members, change their role or agency, disable leavers: the business unit, within
    its own partnership (lscp/partnership/accounts.py keeps superusers out of reach)."""
    return can_manage(user)


def can_view_budget(user: Any) -> bool:
    """Agency contributions are the Executive's business: not shown to agency contributors."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.BOARD_MEMBER)


def can_approve_reports(user: Any) -> bool:
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


def can_edit_report_cover(user: Any) -> bool:
    """The logo and contact printed on report covers: the business unit keeps them."""
    return can_manage(user)


# Publishing the yearly report (docs/publication.md) ------------------------------------------


def can_read_publication(user: Any) -> bool:
    """The readiness checklist, sign-offs and distribution log: every member reads them."""
    return can_read(user)


def can_record_sign_offs(user: Any) -> bool:
    """Partners' sign-offs are recorded by the business unit on their behalf, or the chair."""
    return can_approve_reports(user)


def can_override_readiness(user: Any) -> bool:
    """Only the chair lets a missing item through, with a written reason."""
    m = membership_of(user)
    return m is not None and m.role == Role.CHAIR


def can_record_distribution(user: Any) -> bool:
    """The business unit sends the published report and keeps the log."""
    return can_manage(user)


def can_read_feedback(user: Any) -> bool:
    """Readers' feedback may hold whatever a reader typed: the business unit only."""
    return can_manage(user)


def can_give_feedback(year: Any) -> bool:
    """Anyone, signed in or not, on a report that is published; on nothing else."""
    return bool(getattr(year, "report_published", False))


def can_raise_challenges(user: Any) -> bool:
    """The Independent Chair and scrutineers raise challenges; so does the business unit."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


def own_agency(user: Any) -> Agency | None:
    """The agency whose records this user edits: set only for agency contributors."""
    m = membership_of(user)
    return m.agency if m is not None and m.role == Role.AGENCY_CONTRIBUTOR else None


# Agency submissions ----------------------------------------------------------------------


def submissions_visible_to(user: Any, submissions: QuerySet[Any]) -> QuerySet[Any]:
    """The business unit sees every submission; an agency its own, drafts included; the
    chair and Board members only approved ones, since a draft is the agency's business."""
    m = membership_of(user)
    if m is None:
        return submissions.none()
    found = submissions.filter(partnership=m.partnership)
    if m.role == Role.BUSINESS_UNIT:
        return found
    if m.role == Role.AGENCY_CONTRIBUTOR:
        return found.filter(agency=m.agency)
    return found.filter(status=Status.APPROVED)


def can_start_submission(user: Any) -> bool:
    """Only an agency's own contributor opens its submission for a period."""
    return own_agency(user) is not None


def can_edit_submission(user: Any, submission: Any) -> bool:
    """The agency's contributor, while the submission is a draft or has been returned."""
    agency = own_agency(user)
    return agency is not None and agency.pk == submission.agency_id and is_editable(submission)


# Actions ------------------------------------------------------------------------------------


def action_statuses_for(user: Any, action: Any) -> list[str]:
    """What this user may set the action's status to; empty when they may not edit it.

    The owning agency reports progress and evidence; only the business unit accepts the
    evidence (and may return it by setting the action back in progress).
    """
    from lscp.assurance.models import ActionStatus  # the vocabulary only: no rules live there

    m = membership_of(user)
    if m is None or m.partnership_id != action.recommendation.partnership_id:
        return []
    reportable: list[str] = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    if m.role == Role.BUSINESS_UNIT:
        return [*reportable, ActionStatus.EVIDENCE_ACCEPTED]
    if m.role == Role.AGENCY_CONTRIBUTOR and m.agency_id == action.owner_id:
        if action.status == ActionStatus.EVIDENCE_ACCEPTED:
            return []  # accepted evidence is closed to the agency
        return reportable
    return []


def can_request_extension(user: Any, action: Any) -> bool:
    """The owning agency asks for a later due date on an action it has not finished; the
    business unit decides (`can_manage`), and may simply change the date itself."""
    from lscp.assurance.models import OPEN_ACTION_STATUSES

    agency = own_agency(user)
    m = membership_of(user)
    return (agency is not None and m is not None
            and m.partnership_id == action.recommendation.partnership_id
            and agency.pk == action.owner_id and action.withdrawn_on is None
            and action.status in OPEN_ACTION_STATUSES)


def can_answer_challenge(user: Any, challenge: Any) -> bool:
    """The business unit answers any challenge of its partnership; an agency answers the
    challenges addressed to it (its response only: outcome, impact and closing stay with
    the business unit)."""
    m = membership_of(user)
    if m is None or m.partnership_id != challenge.partnership_id:
        return False
    if m.role == Role.BUSINESS_UNIT:
        return True
    return m.role == Role.AGENCY_CONTRIBUTOR and m.agency_id is not None \
        and m.agency_id == challenge.to_agency_id


def can_attach(user: Any, *, partnership_id: int, agency_id: int | None = None) -> bool:
    """Files on a record (evidence, meeting papers): the business unit on any record of its
    partnership; an agency contributor on its own agency's records (`agency_id`, set only for
    what an agency owns: its actions). Withdrawing a file needs the same right."""
    m = membership_of(user)
    if m is None or m.partnership_id != partnership_id:
        return False
    if m.role == Role.BUSINESS_UNIT:
        return True
    return (m.role == Role.AGENCY_CONTRIBUTOR and agency_id is not None
            and m.agency_id == agency_id)


def can_use_admin(user: Any) -> bool:
    """The Django admin is for superuser housekeeping, offered to staff accounts only."""
    return bool(getattr(user, "is_staff", False))


def can_edit_in_admin(user: Any) -> bool:
    """The business unit keeps its registers in the admin until each has pages in the app:
    a staff business-unit account, scoped to its partnership (scoped_admin.py)."""
    return bool(getattr(user, "is_superuser", False)) or (
        bool(getattr(user, "is_staff", False)) and can_manage(user))


def can_use_two_step(user: Any) -> bool:
    """Two-step sign-in is offered to the accounts that can change or approve most."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


def can_read_audit(user: Any) -> bool:
    """The audit trail (who changed what, signed in, published, downloaded): the business
    unit and the chair, of their own partnership."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


# Self-assessment (lscp/selfassessment) ----------------------------------------------------


def can_run_self_assessment(user: Any) -> bool:
    """Open cycles, review evidence, moderate, record challenge days, remind settings: the
    business unit."""
    return can_manage(user)


def can_read_self_assessment_results(user: Any, cycle: Any) -> bool:
    """A cycle's cross-agency grid, its exports and its practitioner survey: the business
    unit, the chair and Board members; and the contributors of the agency leading the
    cycle (the education lead reads the schools' audit). Never another agency."""
    m = membership_of(user)
    if m is None or m.partnership_id != cycle.partnership_id:
        return False
    if m.role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.BOARD_MEMBER):
        return True
    return (m.role == Role.AGENCY_CONTRIBUTOR and cycle.lead_agency_id is not None
            and m.agency_id == cycle.lead_agency_id)


def can_read_assessment(user: Any, assessment: Any) -> bool:
    """One return with its narratives and evidence files: whoever reads the cycle's results,
    and the agency whose return it is."""
    if can_read_self_assessment_results(user, assessment.cycle):
        return True
    agency = own_agency(user)
    return (agency is not None and assessment.agency_id == agency.pk
            and agency.partnership_id == assessment.cycle.partnership_id)


def can_edit_assessment(user: Any, assessment: Any) -> bool:
    """The agency's own contributor, while the cycle is open and the return not submitted."""
    from lscp.selfassessment.models import AssessmentStatus  # the vocabulary only

    agency = own_agency(user)
    return (agency is not None and assessment.agency_id == agency.pk
            and assessment.cycle.closed_on is None
            and assessment.status != AssessmentStatus.SUBMITTED)


def answer_open_to_agency(answer: Any) -> bool:
    """Whether the respondent may still change an answer (and attach or withdraw its files):
    while the cycle is open and the return not submitted; after that, only an answer the
    business unit asked more evidence on, until it is given."""
    from lscp.selfassessment.models import AssessmentStatus, EvidenceStatus

    assessment = answer.assessment
    return assessment.cycle.closed_on is None and (
        assessment.status != AssessmentStatus.SUBMITTED
        or answer.evidence_status == EvidenceStatus.MORE_ASKED)


def can_edit_answer(user: Any, answer: Any) -> bool:
    """The agency's own contributor, while the answer is open to it."""
    agency = own_agency(user)
    return (agency is not None and answer.assessment.agency_id == agency.pk
            and answer_open_to_agency(answer))


def link_is_open(assessment: Any) -> bool:
    """An education setting's link (no account: the link is the key) takes answers while the
    cycle is open and the setting has not submitted."""
    from lscp.selfassessment.models import AssessmentStatus

    return (assessment.cycle.closed_on is None
            and assessment.status != AssessmentStatus.SUBMITTED)


# Internal documents: the quarterly pack, the threat assessment, portfolio snapshots --------


def can_read_internal_documents(user: Any) -> bool:
    """The quarterly performance pack, the strategic threat assessment and portfolio
    snapshots show true small numbers and partners' intelligence: the business unit, the
    chair and Board members read them; agency contributors and the public never do."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.BOARD_MEMBER)


def can_keep_intelligence(user: Any) -> bool:
    """Threats, portfolios and what is linked to a theme: the business unit (its analyst)."""
    return can_manage(user)


# The partnership's own words in its yearly report (lscp/contributions) ------------------


def can_draft_statements(user: Any) -> bool:
    """The foreword, key messages and audience messages: drafted by the business unit or
    the chair."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


def can_approve_statements(user: Any) -> bool:
    """Only the chair approves (or returns) what the partnership says in its own voice."""
    m = membership_of(user)
    return m is not None and m.role == Role.CHAIR


def contributions_visible_to(user: Any, records: QuerySet[Any]) -> QuerySet[Any]:
    """Partners' contributions and case stories (each has an `agency`): the business unit,
    the chair and Board members read them all; an agency contributor its own agency's."""
    m = membership_of(user)
    if m is None:
        return records.none()
    if m.role == Role.AGENCY_CONTRIBUTOR:
        return records.filter(agency=m.agency)
    return records


def can_edit_contribution(user: Any, contribution: Any) -> bool:
    """The agency's own contributor while it is a draft or returned; the business unit too,
    for an agency with no one signed up."""
    if not is_editable(contribution):
        return False
    agency = own_agency(user)
    return (agency is not None and agency.pk == contribution.agency_id) or can_manage(user)


def can_write_case_story(user: Any) -> bool:
    """An agency contributor (for its agency) or the business unit writes a case story."""
    return own_agency(user) is not None or can_manage(user)


def can_edit_case_story(user: Any, story: Any) -> bool:
    """Its agency's contributor, or the business unit, while it is a draft or returned."""
    if not is_editable(story):
        return False
    agency = own_agency(user)
    return (agency is not None and agency.pk == story.agency_id) or can_manage(user)


# Training (lscp/workforce) ----------------------------------------------------------------


def can_manage_training(user: Any) -> bool:
    """Courses, sessions, imports, mappings and the charges policy: the business unit."""
    return can_manage(user)


def training_figures_scope(user: Any) -> Agency | None:
    """Whose figures by agency a member sees on the training pages: an agency contributor
    its own agency's; None (every agency's) for the business unit, the chair and the Board."""
    return own_agency(user)


def can_edit_training_return(user: Any, agency: Any) -> bool:
    """An agency's single-agency training return: its own contributor, or the business
    unit (for an agency with no one signed up). Never another agency's."""
    m = membership_of(user)
    if m is None or m.partnership_id != agency.partnership_id:
        return False
    return m.role == Role.BUSINESS_UNIT or (
        m.role == Role.AGENCY_CONTRIBUTOR and m.agency_id == agency.pk)
