"""Layer 4, output: the site (MkDocs glue, portal, theme, manifest), versions and the archive,
the build cache, and the print pipeline (editions, print HTML, PDF)."""
