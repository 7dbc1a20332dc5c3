"""The minimised tables: what is kept of a child's record once read, and nothing more.

This is the contract between the readers (and the synthetic generator's round trip) and the
columnar store. Child IDs are keyed hashes, dates of birth are kept to the month (the first
of the month), and UPNs, names and postcodes are never kept (a placement's postcode is cut
to its outward code, e.g. "BR1"). See docs/returns.md.
"""

from __future__ import annotations

# table -> [(column, DuckDB type)]
TABLES: dict[str, list[tuple[str, str]]] = {
    # CIN census
    "cin_children": [("child", "VARCHAR"), ("birth_month", "DATE"), ("sex", "VARCHAR"),
                     ("ethnicity", "VARCHAR"), ("disabled", "BOOLEAN")],
    "cin_episodes": [("child", "VARCHAR"), ("episode", "INTEGER"), ("referral_date", "DATE"),
                     ("referral_source", "VARCHAR"), ("primary_need", "VARCHAR"),
                     ("closure_date", "DATE"), ("closure_reason", "VARCHAR"),
                     ("referral_nfa", "BOOLEAN")],
    "cin_assessments": [("child", "VARCHAR"), ("episode", "INTEGER"), ("start_date", "DATE"),
                        ("authorisation_date", "DATE"), ("factors", "VARCHAR")],
    "cin_plans": [("child", "VARCHAR"), ("episode", "INTEGER"), ("start_date", "DATE"),
                  ("end_date", "DATE")],
    "cin_s47": [("child", "VARCHAR"), ("episode", "INTEGER"), ("start_date", "DATE"),
                ("icpc_target", "DATE"), ("icpc_date", "DATE"), ("icpc_not_required", "BOOLEAN")],
    "cin_cp_plans": [("child", "VARCHAR"), ("episode", "INTEGER"), ("start_date", "DATE"),
                     ("end_date", "DATE"), ("initial_category", "VARCHAR"),
                     ("latest_category", "VARCHAR"), ("previous_plans", "INTEGER")],
    "cin_cp_reviews": [("child", "VARCHAR"), ("episode", "INTEGER"), ("plan_start", "DATE"),
                       ("review_date", "DATE")],
    # SSDA903
    "lac_header": [("child", "VARCHAR"), ("sex", "VARCHAR"), ("birth_month", "DATE"),
                   ("ethnicity", "VARCHAR")],
    "lac_episodes": [("child", "VARCHAR"), ("start_date", "DATE"), ("reason_new", "VARCHAR"),
                     ("legal_status", "VARCHAR"), ("cin_category", "VARCHAR"),
                     ("placement", "VARCHAR"), ("provider", "VARCHAR"), ("end_date", "DATE"),
                     ("reason_end", "VARCHAR"), ("reason_place_change", "VARCHAR"),
                     ("placement_district", "VARCHAR")],
    "lac_reviews": [("child", "VARCHAR"), ("review_date", "DATE"), ("participation", "VARCHAR")],
    "lac_missing": [("child", "VARCHAR"), ("kind", "VARCHAR"), ("start_date", "DATE"),
                    ("end_date", "DATE")],
    "lac_care_leavers": [("child", "VARCHAR"), ("in_touch", "VARCHAR"), ("activity", "VARCHAR"),
                         ("accommodation", "VARCHAR")],
    "lac_adoption": [("child", "VARCHAR"), ("date_should_be_placed", "DATE"),
                     ("date_matched", "DATE"), ("foster_care", "VARCHAR"),
                     ("adopters", "INTEGER")],
    "lac_placed_for_adoption": [("child", "VARCHAR"), ("date_placed", "DATE"),
                                ("date_ceased", "DATE"), ("reason_ceased", "VARCHAR")],
    "lac_uasc": [("child", "VARCHAR"), ("date_uasc_ceased", "DATE")],
}


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]
