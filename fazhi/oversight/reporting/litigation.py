"""reporting of the litigation part."""
