"""Intelligence: the six-monthly strategic threat assessment's threats, and the portfolios
that portfolio snapshots are written for, with what the partnership is doing about each
dataset theme. The documents themselves are built by lscp/reports (quarterly pack, threat
assessment, portfolio snapshot); this app keeps the records they are built from."""
