"""reporting of the leadership part."""
