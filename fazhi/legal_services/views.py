"""Pages of the module (thin: a form, the policy, one service or selector, a page)."""
