"""The documents the partnership publishes: each an ordered list of section ids, a title and
a period kind (`lscp.reports.registry.DocumentSpec`), registered when the reports app starts.
`lscp.reports.registry.build_document` builds any of them.
"""
