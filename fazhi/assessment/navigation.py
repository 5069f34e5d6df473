"""The module's menu entries and public sections. Each part edits only its own block."""
from fazhi.core.registry import NavItem, register_nav  # noqa: F401
from fazhi.portal.registry import PublicSection, register_public  # noqa: F401

from .permissions import P  # noqa: F401

# --- leadership ---

# --- evaluation ---
