"""Parameters of the module that the rules leave to the province or the county (CONFIG). Each part edits only its
own block."""
from fazhi.core.rules import register_setting  # noqa: F401

# --- leadership ---

# --- evaluation ---
