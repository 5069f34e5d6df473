"""spreadsheets of the suggestions part."""
