"""spreadsheets of the leadership part."""
