"""Layer 1, the model: reading data (YAML, CSV/XLSX, typed reads), values with their
provenance and Dutch formatting, organisations, front matter, and what is in the repository."""
