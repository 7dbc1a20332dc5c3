"""The report's sections: one module per section, each registering its builder with
`lscp.reports.registry.section`. The reports app imports every public module here when
Django starts, so adding a section means adding a module (and naming it in a document).
Modules whose names start with "_" hold helpers shared by sections and register nothing.
"""
