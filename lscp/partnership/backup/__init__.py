"""The whole database in one file, and back: `lscp backup PATH`, `lscp restore PATH`.

`tables` says which tables there are and how a row is written and read back, `archive` writes
and checks the file, `restore` puts it into an empty database in one transaction
(docs/decisions/0013-backup-and-round-trip.md).
"""
