"""The synthetic SSDA903 return: looked-after children and care leavers, one CSV per table.

A looked-after child's period of care is drawn into a `CareStay` (`stay`) step by step,
in this order (`looked_after.lac_child`):

- `entry`: who the child is, when care started, the first episode open in the year.
- `legal_status`: emergency orders and remands end; interim care orders become full ones.
- `adoption`: placement orders, reversals, placements, matches and adoptions.
- `leaving_care`: leaving care in the year, and why (REC).
- `placements`: placement types, providers, postcodes, URNs and moves.

Then each table is written: `episodes`, `header` (and uasc), `reviews`, `missing`,
`outcomes` (OC2 and OC3), `adoption` (placed_for_adoption and ad1), `previous_permanence`,
and `cin_record` (the same child in the CIN census). `care_leavers` makes the care leavers
who were not looked after in the year. `codes` holds the SSDA903 code tables.
"""
