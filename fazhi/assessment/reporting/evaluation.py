"""reporting of the evaluation part."""
