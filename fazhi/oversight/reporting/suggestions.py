"""reporting of the suggestions part."""
