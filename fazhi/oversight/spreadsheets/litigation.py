"""spreadsheets of the litigation part."""
