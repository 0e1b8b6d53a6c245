"""What every layer may use: git, the progress display, the content-addressed disk cache."""
