"""The synthetic CIN census: one `<Child>` per child in need, episodes following the event chain.

- `codes`: code tables and distributions (referral sources, needs, factors, categories...).
- `episode`: `Episode`, one `<CINdetails>`, and how it is closed or cut to the year.
- `chain`: referral, assessment, section 47, initial conference, plans and closure.
- `children`: children in need who are not looked after (carried in or referred in the year).
- `census_xml`: writing a `<Child>` in DfE schema order.

Looked-after children's CIN records are made in `ssda903.cin_record` from the same chain.
"""
