"""The partnership bundle: a versioned folder of CSV files and a manifest (docs/bundle-format.md)."""
